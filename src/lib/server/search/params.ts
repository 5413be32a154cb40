/** URL query parameters of /search and /api/search ↔ SearchRequest, so a search is a link to share. */
import type { Db } from '../db/client';
import { ensureSearchIndex, syncSearchIndex, searchUnits, type SearchRequest, type SearchResult } from './service';

export const PAGE_SIZE = 20;

export interface SearchParams {
	q: string;
	kind: string | null;
	body: string | null;
	region: string | null;
	year: string | null;
	open: boolean;
	page: number;
}

export function paramsFromUrl(url: URL): SearchParams {
	const get = (k: string) => {
		const v = url.searchParams.get(k);
		return v && v.trim() ? v.trim().slice(0, 300) : null;
	};
	const page = Number(url.searchParams.get('page'));
	const year = get('year');
	return {
		q: (url.searchParams.get('q') ?? '').slice(0, 1000),
		kind: get('kind'),
		body: get('body'),
		region: get('region'),
		year: year && /^\d{4}$/.test(year) ? year : null,
		open: ['1', 'on', 'true', 'yes'].includes(url.searchParams.get('open') ?? ''),
		page: Number.isInteger(page) && page >= 1 && page <= 500 ? page : 1
	};
}

/** A /search link for params with some of them changed (null removes a filter); resets the page. */
export function searchHref(p: SearchParams, change: Partial<SearchParams> = {}, base = '/search'): string {
	const next = { ...p, page: 1, ...change };
	const u = new URLSearchParams();
	if (next.q) u.set('q', next.q);
	for (const k of ['kind', 'body', 'region', 'year'] as const) if (next[k]) u.set(k, next[k]!);
	if (next.open) u.set('open', '1');
	if (next.page > 1) u.set('page', String(next.page));
	const s = u.toString();
	return s ? `${base}?${s}` : base;
}

let checked = new WeakSet<object>();
/** Runs the start-up check once per database connection, then the cheap sync check on every request. */
export function readyIndex(db: Db): void {
	if (!checked.has(db.$client)) {
		ensureSearchIndex(db);
		checked.add(db.$client);
	} else syncSearchIndex(db);
}

/** For tests: forget which connections were checked. */
export function resetReadyIndex(): void {
	checked = new WeakSet<object>();
}

/**
 * Runs a search of the URL's params. `scopeRegions` limits it to the acts of those regions (the signed-in
 * user's, from auth/scope searchScope); null searches every region.
 */
export function runSearch(db: Db, p: SearchParams, scopeRegions: readonly string[] | null, pageSize = PAGE_SIZE): SearchResult {
	readyIndex(db);
	const req: SearchRequest = {
		q: p.q,
		kind: p.kind,
		body: p.body,
		region: p.region,
		year: p.year,
		open: p.open,
		limit: pageSize,
		offset: (p.page - 1) * pageSize,
		facets: true,
		scopeRegions
	};
	return searchUnits(db, req);
}

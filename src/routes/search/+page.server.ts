import { getDb } from '$lib/server/db/client';
import { PAGE_SIZE, paramsFromUrl, runSearch, searchHref, type SearchParams } from '$lib/server/search/params';
import type { SearchHit } from '$lib/server/search/service';
import { requireUser, searchScope } from '$lib/server/auth/scope';
import type { PageServerLoad } from './$types';

export interface ActGroup {
	actId: number;
	title: string;
	kind: string | null;
	number: string | null;
	date: string | null;
	body: string | null;
	region: string | null;
	units: { path: string; label: string; href: string; segments: SearchHit['segments']; page: number | null }[];
}

const FACETS = [
	{ key: 'kind', label: 'Вид акта' },
	{ key: 'body', label: 'Орган' },
	{ key: 'region', label: 'Регион' },
	{ key: 'year', label: 'Год' }
] as const;

export const load: PageServerLoad = (event) => {
	const { url } = event;
	const p = paramsFromUrl(url);
	const searched = p.q.trim() !== '';
	const r = searched ? runSearch(getDb(), p, searchScope(requireUser(event))) : null;
	const groups: ActGroup[] = [];
	for (const h of r?.hits ?? []) {
		let g = groups.find((x) => x.actId === h.actId);
		if (!g) {
			g = { actId: h.actId, title: h.actTitle, kind: h.actKind, number: h.actNumber, date: h.actDate, body: h.actBody, region: h.actRegion, units: [] };
			groups.push(g);
		}
		g.units.push({
			path: h.path,
			label: h.label,
			page: h.page,
			segments: h.segments,
			href: `/acts/${h.actId}?q=${encodeURIComponent(p.q)}#${h.path}`
		});
	}
	const facets = FACETS.map((f) => ({
		key: f.key,
		label: f.label,
		active: p[f.key],
		clearHref: searchHref(p, { [f.key]: null } as Partial<SearchParams>),
		values: (r?.facets?.[f.key] ?? []).map((v) => ({
			value: v.value,
			count: v.count,
			href: searchHref(p, { [f.key]: v.value } as Partial<SearchParams>)
		}))
	}));
	const pages = r ? Math.max(1, Math.ceil(r.total / PAGE_SIZE)) : 1;
	const pageLinks: { n: number; href: string }[] = [];
	for (let n = Math.max(1, p.page - 4); n <= Math.min(pages, p.page + 4); n++) pageLinks.push({ n, href: searchHref(p, { page: n }) });
	return {
		params: p,
		searched,
		total: r?.total ?? 0,
		acts: r?.acts ?? 0,
		notice: r?.notice ?? null,
		ignored: r?.ignored ?? [],
		groups,
		facets,
		page: p.page,
		pages,
		pageLinks,
		prevHref: p.page > 1 ? searchHref(p, { page: p.page - 1 }) : null,
		nextHref: p.page < pages ? searchHref(p, { page: p.page + 1 }) : null,
		openHref: searchHref(p, { open: !p.open }),
		from: (p.page - 1) * PAGE_SIZE + 1
	};
};

import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/client';
import { PAGE_SIZE, paramsFromUrl, runSearch } from '$lib/server/search/params';
import { requireUser, searchScope } from '$lib/server/auth/scope';
import type { RequestHandler } from './$types';

/**
 * GET /api/search?q=…&kind=…&body=…&region=…&year=…&open=1&page=…
 * → { total, acts, page, pages, hits: [{ actId, actTitle, path, label, snippet, score, segments, … }], facets, notice }
 */
export const GET: RequestHandler = (event) => {
	const { url } = event;
	const p = paramsFromUrl(url);
	const r = runSearch(getDb(), p, searchScope(requireUser(event)));
	return json({
		query: p,
		total: r.total,
		acts: r.acts,
		page: p.page,
		pages: Math.max(1, Math.ceil(r.total / PAGE_SIZE)),
		hits: r.hits.map((h) => ({ ...h, href: `/acts/${h.actId}?q=${encodeURIComponent(p.q)}#${h.path}` })),
		facets: r.facets,
		notice: r.notice,
		ignored: r.ignored
	});
};

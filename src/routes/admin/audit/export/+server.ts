import { auditCsv, auditFiltersFromUrl as auditFilters } from '$lib/server/audit';
import { requireRole } from '$lib/server/auth/scope';
import { getDb } from '$lib/server/db/client';
import type { RequestHandler } from './$types';

/** The audit log (with the page's filters) as CSV for Excel. Admins only. */
export const GET: RequestHandler = (event) => {
	requireRole(event, 'admin');
	const csv = auditCsv(getDb(), auditFilters(event.url));
	const stamp = new Date().toISOString().slice(0, 10);
	return new Response(csv, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="audit-${stamp}.csv"; filename*=UTF-8''${encodeURIComponent(`журнал-действий-${stamp}.csv`)}`
		}
	});
};

import { AUDIT_ACTION_RU, auditFiltersFromUrl as auditFilters, queryAudit } from '$lib/server/audit';
import { requireRole } from '$lib/server/auth/scope';
import { getDb } from '$lib/server/db/client';
import type { PageServerLoad } from './$types';

const PAGE = 100;

export const load: PageServerLoad = (event) => {
	requireRole(event, 'admin');
	const filters = auditFilters(event.url);
	const page = Math.max(1, Number(event.url.searchParams.get('page')) || 1);
	const { rows, total } = queryAudit(getDb(), filters, { limit: PAGE, offset: (page - 1) * PAGE });
	return {
		filters,
		rows: rows.map((r) => ({ ...r, actionRu: AUDIT_ACTION_RU[r.action] ?? r.action })),
		total,
		page,
		pages: Math.max(1, Math.ceil(total / PAGE)),
		actions: Object.entries(AUDIT_ACTION_RU).map(([value, label]) => ({ value, label })),
		query: event.url.search
	};
};

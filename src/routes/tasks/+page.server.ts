import { todayIso } from '$lib/core/health';
import { requireUser, taskScope } from '$lib/server/auth/scope';
import { getDb } from '$lib/server/db/client';
import { listTasks, taskFacets, taskFiltersFromUrl } from '$lib/server/tasks';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { url } = event;
	const scope = taskScope(requireUser(event));
	const db = getDb();
	const filters = taskFiltersFromUrl(url.searchParams);
	const view = url.searchParams.get('view') === 'board' ? 'board' : 'table';
	const today = todayIso();
	return { tasks: listTasks(db, filters, today, scope), facets: taskFacets(db, scope), filters, view, today } as const;
};

import { todayIso } from '$lib/core/health';
import { getDb } from '$lib/server/db/client';
import { listTasks, taskFacets, taskFiltersFromUrl } from '$lib/server/tasks';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => {
	const db = getDb();
	const filters = taskFiltersFromUrl(url.searchParams);
	const view = url.searchParams.get('view') === 'board' ? 'board' : 'table';
	const today = todayIso();
	return { tasks: listTasks(db, filters, today), facets: taskFacets(db), filters, view, today } as const;
};

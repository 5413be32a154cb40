import { fail } from '@sveltejs/kit';
import { actFacets, listActs } from '$lib/server/acts';
import { actScope, importScopeRegion, requireRole, requireUser, seesAllRegions } from '$lib/server/auth/scope';
import { can } from '$lib/server/auth/roles';
import { getDb } from '$lib/server/db/client';
import { visibleJob } from '$lib/server/auth/jobs';
import { importFiles } from '$lib/server/import';
import { JOB_STATUS_RU, listJobs } from '$lib/server/jobs';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { url } = event;
	const user = requireUser(event);
	const db = getDb();
	const filters = {
		kind: url.searchParams.get('kind'),
		body: url.searchParams.get('body'),
		year: url.searchParams.get('year'),
		q: url.searchParams.get('q')
	};
	const jobs = listJobs(db)
		.filter((j) => visibleJob(db, user, j))
		.filter((j) => j.status !== 'done' || (j.updatedAt ?? '') > new Date(Date.now() - 10 * 60_000).toISOString())
		.map((j) => ({ id: j.id, fileName: j.fileName, status: j.status, statusRu: JOB_STATUS_RU[j.status] ?? j.status, pagesDone: j.pagesDone, pagesTotal: j.pagesTotal, actId: j.actId, message: j.message }));
	const scope = actScope(user);
	// Regions a lawyer may import into (a choice is shown when there are several).
	const importRegions = can(user, 'import') && !seesAllRegions(user) ? user.regions : [];
	return { acts: listActs(db, filters, scope), facets: actFacets(db, scope), filters, jobs, importRegions, canImport: can(user, 'import') };
};

export const actions: Actions = {
	/** Upload without JavaScript: a plain multipart form with several files. */
	upload: async (event) => {
		const { request } = event;
		const user = requireRole(event, 'admin', 'lawyer');
		const data = await request.formData();
		const files = data.getAll('files').filter((f): f is File => f instanceof File && f.size >= 0 && f.name !== '');
		if (files.length === 0) return fail(400, { message: 'Выберите один или несколько файлов PDF, DOCX или TXT.' });
		const inputs = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
		const scopeRegion = importScopeRegion(user, data.get('region') ? String(data.get('region')) : null);
		const report = await importFiles(getDb(), inputs, { scopeRegion, actor: event });
		return { report: report.files };
	}
};

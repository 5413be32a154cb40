import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/client';
import { JOB_STATUS_RU, listJobs } from '$lib/server/jobs';
import { requireUser } from '$lib/server/auth/scope';
import { visibleJob } from '$lib/server/auth/jobs';
import type { RequestHandler } from './$types';

/** Background jobs (OCR) with per-page progress; `?active=1` for unfinished ones only. */
export const GET: RequestHandler = (event) => {
	const { url } = event;
	const user = requireUser(event);
	const db = getDb();
	const jobs = listJobs(db, { active: url.searchParams.get('active') === '1' })
		.filter((j) => visibleJob(db, user, j))
		.map((j) => ({
		id: j.id,
		fileName: j.fileName,
		status: j.status,
		statusRu: JOB_STATUS_RU[j.status] ?? j.status,
		pagesDone: j.pagesDone,
		pagesTotal: j.pagesTotal,
		actId: j.actId,
		message: j.message
	}));
	return json({ jobs });
};

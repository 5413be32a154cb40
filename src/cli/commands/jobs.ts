import { closeDb, getDb } from '../../lib/server/db/client';
import { JOB_STATUS_RU, listJobs, resumeInterrupted, runPendingJobs } from '../../lib/server/jobs';
import { initServices } from '../../lib/server/services';

export const usage = 'jobs [list|run] [--json]   фоновые задания (распознавание сканов): список или выполнить очередь';

export async function run(args: string[]): Promise<number> {
	const json = args.includes('--json');
	const [sub = 'list', ...rest] = args.filter((a) => a !== '--json');
	if (!['list', 'run'].includes(sub) || rest.length) {
		console.error(`Использование: npm run cli -- ${usage}`);
		return 2;
	}
	const db = getDb();
	await initServices(db);
	if (sub === 'run') {
		resumeInterrupted(db);
		const done = await runPendingJobs(db);
		if (!json) for (const j of done) console.log(`Задание № ${j.id} (${j.fileName}): ${JOB_STATUS_RU[j.status]}${j.actId ? `, акт № ${j.actId}` : ''}${j.message ? ` — ${j.message}` : ''}`);
	}
	const jobs = listJobs(db);
	if (json) process.stdout.write(JSON.stringify({ jobs }) + '\n');
	else if (sub === 'list') {
		if (!jobs.length) console.log('Заданий нет.');
		for (const j of jobs) console.log(`№ ${j.id} ${j.fileName}: ${JOB_STATUS_RU[j.status]} (${j.pagesDone}/${j.pagesTotal ?? '?'} стр.)${j.message ? ` — ${j.message}` : ''}`);
	}
	closeDb();
	return jobs.some((j) => j.status === 'failed') ? 1 : 0;
}

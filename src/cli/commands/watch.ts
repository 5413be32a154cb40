import path from 'node:path';
import { closeDb, getDb } from '../../lib/server/db/client';
import { initServices } from '../../lib/server/services';
import { scanOnce, watchFolder } from '../../lib/server/watch';

export const usage = 'watch <папка> [--once] [--json]   следить за папкой импорта: новые файлы импортируются и переносятся в done/ или failed/';

export async function run(args: string[]): Promise<number> {
	const once = args.includes('--once');
	const json = args.includes('--json');
	const dirs = args.filter((a) => !a.startsWith('--'));
	if (dirs.length !== 1 || args.some((a) => a.startsWith('--') && !['--once', '--json'].includes(a))) {
		console.error(`Использование: npm run cli -- ${usage}`);
		return 2;
	}
	const dir = path.resolve(dirs[0]);
	const db = getDb();
	await initServices(db);
	if (once) {
		const results = await scanOnce(db, dir);
		if (json) process.stdout.write(JSON.stringify({ files: results }) + '\n');
		else for (const r of results) console.log(`${r.file}: ${r.outcome} → ${r.movedTo}${r.message ? ` — ${r.message}` : ''}`);
		closeDb();
		return results.some((r) => r.outcome === 'rejected') ? 1 : 0;
	}
	console.log(`Слежу за папкой ${dir} (Ctrl+C — остановить).`);
	const w = watchFolder(db, dir);
	await new Promise<void>((resolve) => {
		for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => resolve());
	});
	w.stop();
	closeDb();
	return 0;
}

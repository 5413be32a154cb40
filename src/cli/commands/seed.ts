import path from 'node:path';
import { closeDb, getDb } from '../../lib/server/db/client';
import { act } from '../../lib/server/db/schema';
import { importFiles } from '../../lib/server/import';
import { ensureDemoRoadmap } from '../../lib/server/roadmap';
import { initServices } from '../../lib/server/services';
import { expandPaths } from '../files';
import fs from 'node:fs';

export const usage = 'seed [--force]   импорт демонстрационного корпуса corpus/ в пустую базу';

/** Imports the shipped corpus on first start (when the database has no acts), or always with --force. */
export async function run(args: string[]): Promise<number> {
	const force = args.includes('--force');
	const db = getDb();
	await initServices(db);
	const roadmapId = await ensureDemoRoadmap(db);
	if (roadmapId) console.log('Демонстрационная дорожная карта Владимирской области импортирована.');
	const count = await db.$count(act);
	if (count > 0 && !force) {
		console.log(`База уже содержит актов: ${count}; корпус не импортируется повторно.`);
		closeDb();
		return 0;
	}
	const { files } = expandPaths([path.resolve('corpus')]);
	const inputs = files.map((f) => ({ name: path.relative(process.cwd(), f), bytes: new Uint8Array(fs.readFileSync(f)) }));
	const report = await importFiles(db, inputs);
	const by = (s: string) => report.files.filter((r) => r.status === s);
	for (const r of by('rejected')) console.error(`Не импортирован ${r.path}: ${r.message}`);
	console.log(`Корпус: импортировано ${by('imported').length}, уже были ${by('duplicate').length}, отклонено ${by('rejected').length}.`);
	closeDb();
	return 0;
}

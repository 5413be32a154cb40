import { closeDb, getDb } from '../../lib/server/db/client';
import { describeChange, syncPacks } from '../../lib/server/findings';
import { loadPacks, defaultRulesDir } from '../../lib/server/rules/load';
import { UserError } from '../../lib/core/errors';

export const usage = 'reaudit [--rules <папка>] [--json]   повторная проверка всех актов наборами правил, вывод изменений';

/** Re-runs every pack over every act (whether or not packs changed) and prints the delta per pack. */
export async function run(args: string[]): Promise<number> {
	const json = args.includes('--json');
	let dir = defaultRulesDir();
	for (let i = 0; i < args.length; i++) {
		const a = args[i];
		if (a === '--json') continue;
		if (a === '--rules' && args[i + 1]) {
			dir = args[++i];
			continue;
		}
		console.error(`Неизвестный параметр: ${a}\nИспользование: npm run cli -- ${usage}`);
		return 2;
	}
	let loaded;
	try {
		loaded = loadPacks(dir);
	} catch (e) {
		if (e instanceof UserError) {
			console.error(e.message);
			return 1;
		}
		throw e;
	}
	const db = getDb();
	try {
		// Not initServices(): the import hook is not needed, and the sync below is forced anyway.
		const sync = syncPacks(db, loaded, { force: true })!;
		if (json) {
			process.stdout.write(JSON.stringify(sync) + '\n');
		} else {
			for (const p of sync.packs) console.log(describeChange(p) + '.');
			const t = sync.total;
			console.log(`Всего: новых ${t.new}, снято ${t.resolved}, без изменений ${t.unchanged}.`);
		}
		return 0;
	} finally {
		closeDb();
	}
}

import fs from 'node:fs';
import path from 'node:path';
import { closeDb, databasePath, getDb } from '../../lib/server/db/client';

export const usage = 'backup <файл>   резервная копия базы (онлайн, без остановки сервера)';

/** SQLite online backup: consistent even while the server writes, then verified with integrity_check. */
export async function run(args: string[]): Promise<number> {
	const target = args.find((a) => !a.startsWith('--'));
	if (!target || args.length !== 1) {
		console.error(`Использование: npm run cli -- ${usage}`);
		return 2;
	}
	const dest = path.resolve(target);
	if (fs.existsSync(dest)) {
		console.error(`Файл ${dest} уже существует; укажите новый файл для резервной копии.`);
		return 2;
	}
	fs.mkdirSync(path.dirname(dest), { recursive: true });
	const db = getDb();
	await db.$client.backup(dest);
	closeDb();
	const Database = (await import('better-sqlite3')).default;
	const copy = new Database(dest, { readonly: true });
	const check = copy.pragma('integrity_check', { simple: true });
	const acts = (copy.prepare('select count(*) n from act').get() as { n: number }).n;
	copy.close();
	if (check !== 'ok') {
		console.error(`Резервная копия повреждена: ${check}`);
		return 1;
	}
	console.log(`Резервная копия базы ${databasePath()} сохранена в ${dest} (актов: ${acts}).`);
	return 0;
}

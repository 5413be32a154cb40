import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { databasePath, openDb } from '../../lib/server/db/client';

export const usage = 'restore <файл> [--force]   восстановить базу из резервной копии (сервер должен быть остановлен)';

/**
 * Restores DATABASE_URL from a backup file: the backup is checked first (integrity, expected tables),
 * the current database is kept aside as <db>.before-restore-<time>, then migrations are applied to the copy.
 */
export async function run(args: string[]): Promise<number> {
	const force = args.includes('--force');
	const files = args.filter((a) => !a.startsWith('--'));
	if (files.length !== 1 || args.some((a) => a.startsWith('--') && a !== '--force')) {
		console.error(`Использование: npm run cli -- ${usage}`);
		return 2;
	}
	const source = path.resolve(files[0]);
	if (!fs.existsSync(source)) {
		console.error(`Файл резервной копии не найден: ${source}`);
		return 2;
	}
	let check: unknown;
	try {
		const db = new Database(source, { readonly: true, fileMustExist: true });
		check = db.pragma('integrity_check', { simple: true });
		db.prepare('select count(*) from act').get();
		db.close();
	} catch (e) {
		console.error(`Файл не является резервной копией базы Поправки: ${(e as Error).message}`);
		return 1;
	}
	if (check !== 'ok') {
		console.error(`Резервная копия повреждена (integrity_check: ${check}); восстановление отменено.`);
		return 1;
	}
	const target = path.resolve(databasePath());
	if (fs.existsSync(target)) {
		if (!force) {
			console.error(`База ${target} уже существует. Остановите сервер и повторите с --force; текущая база будет сохранена рядом.`);
			return 2;
		}
		const aside = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
		fs.renameSync(target, aside);
		for (const ext of ['-wal', '-shm']) if (fs.existsSync(target + ext)) fs.rmSync(target + ext);
		console.log(`Текущая база сохранена как ${aside}.`);
	}
	fs.mkdirSync(path.dirname(target), { recursive: true });
	const src = new Database(source, { readonly: true });
	await src.backup(target);
	src.close();
	openDb(target).$client.close();
	console.log(`База восстановлена из ${source}.`);
	return 0;
}

import fs from 'node:fs';
import { closeDb, getDb } from '../../lib/server/db/client';
import { importFiles, type ImportFileReport } from '../../lib/server/import';
import { initServices } from '../../lib/server/services';
import { expandPaths } from '../files';

export const usage = 'import <файлы или папки…> [--json]   импорт актов (PDF, DOCX, TXT) в базу DATABASE_URL';

const STATUS_RU: Record<ImportFileReport['status'], string> = {
	imported: 'импортирован',
	duplicate: 'уже загружен',
	rejected: 'отклонён'
};

export async function run(args: string[]): Promise<number> {
	const json = args.includes('--json');
	const paths = args.filter((a) => a !== '--json');
	const unknown = paths.filter((a) => a.startsWith('--'));
	if (paths.length === 0 || unknown.length > 0) {
		if (unknown.length) console.error(`Неизвестный параметр: ${unknown.join(' ')}`);
		console.error(`Использование: npm run cli -- ${usage}`);
		return 2;
	}
	const { files, missing } = expandPaths(paths);
	const db = getDb();
	await initServices(db);
	const inputs: { name: string; bytes: Uint8Array }[] = [];
	const unreadable: ImportFileReport[] = missing.map((p) => ({
		path: p,
		status: 'rejected',
		actId: null,
		units: 0,
		requisites: null,
		message: 'Файл или папка не найдены.'
	}));
	for (const f of files) {
		try {
			inputs.push({ name: f, bytes: new Uint8Array(fs.readFileSync(f)) });
		} catch (e) {
			unreadable.push({ path: f, status: 'rejected', actId: null, units: 0, requisites: null, message: `Не удалось прочитать файл: ${(e as Error).message}` });
		}
	}
	const report = await importFiles(db, inputs, {
		onProgress: json
			? undefined
			: (done, total, r) =>
					console.log(
						`[${done}/${total}] ${r.path}: ${STATUS_RU[r.status]}` +
							(r.actId ? ` (акт № ${r.actId}, единиц: ${r.units})` : '') +
							(r.message ? ` — ${r.message}` : '')
					)
	});
	const all = [...unreadable, ...report.files];
	closeDb();
	if (json) {
		process.stdout.write(
			JSON.stringify({
				files: all.map((r) => ({
					path: r.path,
					status: r.status,
					actId: r.actId,
					units: r.units,
					requisites: r.requisites,
					message: r.message
				}))
			}) + '\n'
		);
	} else {
		const count = (s: string) => all.filter((r) => r.status === s).length;
		console.log(
			`Итого: импортировано ${count('imported')}, уже были загружены ${count('duplicate')}, отклонено ${count('rejected')}.`
		);
	}
	return all.some((r) => r.status === 'rejected') ? 1 : 0;
}

import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../src/lib/core/errors';
import { guessMapping } from '../src/lib/core/roadmap/import';
import { openDb, type Db } from '../src/lib/server/db/client';
import { task, taskEvent } from '../src/lib/server/db/schema';
import { ensureDemoRoadmap, importRoadmap, listRoadmaps, readCsv, readTable, readXlsx, roadmapView } from '../src/lib/server/roadmap';
import { cli } from './e2e/harness';
import { CORPUS, ROOT } from './paths';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'popravka-roadmap-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const csvFile = path.join(CORPUS, 'roadmaps', 'vladimir-2025.csv');
const csvBytes = new Uint8Array(fs.readFileSync(csvFile));
const count = (db: Db, t: string) => (db.$client.prepare(`select count(*) n from ${t}`).get() as { n: number }).n;

/** The Vladimir roadmap as an XLSX made with exceljs: real date cells, a title row above the header. */
async function vladimirXlsx(mutate?: (rows: (string | Date)[][]) => void): Promise<Uint8Array> {
	const t = readCsv(csvBytes);
	const rows: (string | Date)[][] = t.rows.map((r) =>
		r.map((c, j) => {
			if (j !== 3) return c;
			const [d, m, y] = c.split('.').map(Number);
			return new Date(Date.UTC(y, m - 1, d));
		})
	);
	mutate?.(rows);
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('Дорожная карта');
	ws.addRow([]);
	ws.addRow(t.headers);
	for (const r of rows) ws.addRow(r);
	ws.getColumn(4).numFmt = 'dd.mm.yyyy';
	return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('reading roadmap tables', () => {
	it('reads the real CSV', () => {
		const t = readCsv(csvBytes);
		expect(t.headers).toEqual(['№', 'Мероприятие', 'Ответственный исполнитель', 'Срок', 'Примечание']);
		expect(t.rows).toHaveLength(10);
		expect(t.rows[0][1]).toBe('Назначение лица, ответственного за внедрение в исполнительном органе Владимирской области');
	});
	it('reads a Windows-1251 CSV with semicolons (as Russian Excel saves it)', async () => {
		const t = readCsv(csvBytes);
		const lines = [t.headers, ...t.rows].map((r) => r.map((c) => (c.includes(';') ? `"${c}"` : c)).join(';'));
		const text = lines.join('\r\n');
		// Encode to cp1251 by hand: Cyrillic А..я = U+0410..U+044F → 0xC0..0xFF, Ё/ё → 0xA8/0xB8, № → 0xB9.
		const bytes = new Uint8Array([...text].map((ch) => {
			const c = ch.codePointAt(0)!;
			if (c >= 0x410 && c <= 0x44f) return c - 0x350;
			if (c === 0x401) return 0xa8;
			if (c === 0x451) return 0xb8;
			if (c === 0x2116) return 0xb9;
			if (c > 0x7f) throw new Error('unexpected char ' + ch);
			return c;
		}));
		const back = await readTable('карта.csv', bytes);
		expect(back.headers).toEqual(t.headers);
		expect(back.rows).toEqual(t.rows);
	});
	it('reads an XLSX with date cells as dd.mm.yyyy and finds the header below a blank row', async () => {
		const t = await readXlsx(await vladimirXlsx());
		expect(t.headers[0]).toBe('№');
		expect(t.rows).toHaveLength(10);
		expect(t.rows[6][3]).toBe('15.09.2025');
		expect(t.lines?.[0]).toBe(3);
	});
});

describe('roadmap import on a real SQLite file', () => {
	let db: Db;
	beforeAll(() => {
		db = openDb(path.join(tmp, 'roadmap.db'));
	});

	it('a dry run previews and saves nothing', async () => {
		const t = await readTable('vladimir-2025.csv', csvBytes);
		const r = importRoadmap(db, { title: 'Проба' }, t, guessMapping(t.headers), { dryRun: true });
		expect(r.roadmapId).toBeNull();
		expect(r.preview.valid).toBe(10);
		expect(count(db, 'roadmap')).toBe(0);
		expect(count(db, 'roadmap_item')).toBe(0);
	});

	it('an XLSX with a bad date and an empty title is refused as a whole', async () => {
		const bytes = await vladimirXlsx((rows) => {
			rows[2][3] = '31.02.2025';
			rows[4][1] = '';
		});
		const t = await readTable('bad.xlsx', bytes);
		const dry = importRoadmap(db, { title: 'X' }, t, undefined, { dryRun: true });
		expect(dry.preview.invalid).toBe(2);
		expect(dry.preview.rows[2].line).toBe(5);
		let err: unknown;
		try {
			importRoadmap(db, { title: 'Плохая' }, t);
		} catch (e) {
			err = e;
		}
		expect(err).toBeInstanceOf(UserError);
		expect((err as UserError).message).toContain('строка 5');
		expect((err as UserError).message).toContain('31.02.2025');
		expect((err as UserError).message).toContain('строка 7');
		expect(count(db, 'roadmap')).toBe(0);
	});

	it('imports the XLSX and the demo roadmap, computes progress and health from tasks', async () => {
		const r = importRoadmap(db, { title: 'Из Excel', region: 'Владимирская область', approvedAt: '01.06.2025' }, await readTable('v.xlsx', await vladimirXlsx()));
		expect(r.created).toBe(10);
		const demoId = await ensureDemoRoadmap(db, ROOT);
		expect(demoId).toBeNull(); // a roadmap exists already: the demo is imported only into an empty database
		const view = roadmapView(db, r.roadmapId!, '2025-06-15')!;
		expect(view.roadmap.approvedAt).toBe('2025-06-01');
		expect(view.items.map((i) => i.dueDate)).toEqual([
			'2025-08-31', '2025-08-31', '2025-08-31', '2025-08-31', '2025-08-31', '2025-08-29', '2025-09-15', '2025-10-01', '2025-10-01', '2025-10-01'
		]);
		expect(view.items.every((i) => i.health === 'on_track' && i.progress === null)).toBe(true);

		const item2 = view.items[1];
		const [t1] = db.insert(task).values({ title: 'Изменить регламент', roadmapItemId: item2.id, dueDate: '2025-07-01', baselineDate: '2025-07-01', status: 'done', createdAt: '2025-06-01T00:00:00Z' }).returning().all();
		const [t2] = db.insert(task).values({ title: 'Изменить положение', roadmapItemId: item2.id, dueDate: '2025-08-20', baselineDate: '2025-07-20', status: 'in_work', createdAt: '2025-06-01T00:00:00Z' }).returning().all();
		db.insert(task).values({ title: 'Лишняя', roadmapItemId: item2.id, dueDate: '2025-08-20', status: 'cancelled' }).run();
		db.insert(taskEvent).values({ taskId: t2.id, who: 'тест', type: 'extend', fromValue: '2025-07-20', toValue: '2025-08-20' }).run();
		expect(t1.id).toBeGreaterThan(0);

		const early = roadmapView(db, r.roadmapId!, '2025-06-15')!.items[1];
		expect(early).toMatchObject({ tasks: 3, tasksDone: 1, progress: 0.5, health: 'on_track' });
		// 2025-07-25: 26 days left of 80 for an extended task in work → needs max(50 % = 40, 17) → at risk
		expect(roadmapView(db, r.roadmapId!, '2025-07-25')!.items[1].health).toBe('at_risk');
		expect(roadmapView(db, r.roadmapId!, '2025-08-21')!.items[1].health).toBe('overdue');
		db.update(task).set({ status: 'done' }).run();
		const done = roadmapView(db, r.roadmapId!, '2025-09-30')!.items[1];
		expect(done).toMatchObject({ progress: 1, health: 'done' });
		expect(roadmapView(db, r.roadmapId!, '2025-09-30')!.items[0].health).toBe('overdue');
		expect(listRoadmaps(db)).toEqual([expect.objectContaining({ title: 'Из Excel', items: 10 })]);
	});

	it('the demo roadmap is imported into an empty database', async () => {
		const db2 = openDb(path.join(tmp, 'demo.db'));
		const id = await ensureDemoRoadmap(db2, ROOT);
		expect(id).not.toBeNull();
		const view = roadmapView(db2, id!, '2025-06-01')!;
		expect(view.roadmap.region).toBe('Владимирская область');
		expect(view.items).toHaveLength(10);
		expect(view.items[8].note).toContain('объединённой ячейки');
		expect(await ensureDemoRoadmap(db2, ROOT)).toBeNull();
		expect(count(db2, 'roadmap')).toBe(1);
		db2.$client.close();
	});
});

describe('roadmap CLI', () => {
	it('--dry-run prints the preview and saves nothing; a real run saves; a bad file exits 1 with the row', () => {
		const dbFile = path.join(tmp, 'cli.db');
		const dry = cli(dbFile, ['roadmap', 'import', csvFile, '--title', 'Владимир', '--dry-run']);
		expect(dry.status, dry.stderr).toBe(0);
		expect(dry.stdout).toContain('Будет создано мероприятий: 10');
		const db = openDb(dbFile);
		expect(count(db, 'roadmap')).toBe(0);
		const real = cli(dbFile, ['roadmap', 'import', csvFile, '--title', 'Владимир', '--region', 'Владимирская область']);
		expect(real.status, real.stderr).toBe(0);
		expect(count(db, 'roadmap_item')).toBe(10);
		const bad = path.join(tmp, 'bad.csv');
		fs.writeFileSync(bad, fs.readFileSync(csvFile, 'utf8').replace('15.09.2025', '31.02.2025'));
		const r = cli(dbFile, ['roadmap', 'import', bad, '--title', 'Плохая']);
		expect(r.status).toBe(1);
		expect(r.stderr).toContain('строка 8');
		expect(r.stderr).toContain('31.02.2025');
		expect(count(db, 'roadmap')).toBe(1);
		db.$client.close();
	});
});

/**
 * Roadmaps: reading CSV/XLSX tables, the import (all-or-nothing, after a clean dry-run preview), the demo roadmap
 * on first start, and the roadmap view with progress and deadline health of each item.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../core/errors';
import { explainItemHealth, toIsoDate, type Health, type HealthTask } from '../core/health';
import { guessMapping, previewRoadmap, type Mapping, type Preview, type Table } from '../core/roadmap/import';
import type { Db } from './db/client';
import { roadmap, roadmapItem, task, taskEvent, type Roadmap, type RoadmapItem } from './db/schema';

/* ------------------------------------------------------------------------------------------------------------ */
/* Reading tables                                                                                               */
/* ------------------------------------------------------------------------------------------------------------ */

/** Decodes text: UTF-8 (with or without BOM), falling back to Windows-1251 (Excel's «CSV» on Russian Windows). */
export function decodeText(bytes: Uint8Array): string {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
	} catch {
		return new TextDecoder('windows-1251').decode(bytes);
	}
}

/** The delimiter used in the header line: comma, semicolon (Russian Excel) or tab. */
function sniffDelimiter(text: string): string {
	const first = text.split(/\r?\n/, 1)[0] ?? '';
	const counts = [',', ';', '\t'].map((d) => [d, first.split(d).length - 1] as const);
	counts.sort((a, b) => b[1] - a[1]);
	return counts[0][1] > 0 ? counts[0][0] : ',';
}

function tableFromRecords(records: string[][], firstLine = 1): Table {
	const lines: number[] = [];
	const headerIdx = records.findIndex((r) => r.some((c) => c.trim() !== ''));
	if (headerIdx < 0) throw new UserError('roadmap_empty', 'Файл пуст: в нём нет ни одной строки с данными.');
	const headers = records[headerIdx].map((h) => h.trim());
	const width = Math.max(headers.length, ...records.map((r) => r.length));
	while (headers.length < width) headers.push('');
	const rows: string[][] = [];
	for (let i = headerIdx + 1; i < records.length; i++) {
		rows.push(Array.from({ length: width }, (_, j) => (records[i][j] ?? '').trim()));
		lines.push(i + firstLine);
	}
	return { headers, rows, lines };
}

export function readCsv(bytes: Uint8Array): Table {
	const text = decodeText(bytes);
	let records: string[][];
	try {
		records = parseCsv(text, {
			delimiter: sniffDelimiter(text),
			relax_column_count: true,
			relax_quotes: true,
			skip_empty_lines: false,
			bom: true
		}) as string[][];
	} catch (e) {
		throw new UserError('roadmap_csv', 'Не удалось разобрать CSV-файл: проверьте кавычки и разделители.', String(e));
	}
	return tableFromRecords(records);
}

/** A cell's value as text; dates become dd.mm.yyyy (Excel stores dates as UTC midnight). */
function cellText(v: ExcelJS.CellValue): string {
	if (v === null || v === undefined) return '';
	if (v instanceof Date) {
		const d = String(v.getUTCDate()).padStart(2, '0');
		const m = String(v.getUTCMonth() + 1).padStart(2, '0');
		return `${d}.${m}.${v.getUTCFullYear()}`;
	}
	if (typeof v === 'object') {
		if ('richText' in v) return v.richText.map((r) => r.text).join('');
		if ('text' in v && typeof v.text === 'string') return v.text;
		if ('result' in v) return cellText((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
		if ('error' in v) return '';
	}
	return String(v);
}

export async function readXlsx(bytes: Uint8Array): Promise<Table> {
	const wb = new ExcelJS.Workbook();
	try {
		await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
	} catch (e) {
		throw new UserError('roadmap_xlsx', 'Не удалось прочитать файл Excel: он повреждён или это не XLSX.', String(e));
	}
	const ws = wb.worksheets.find((w) => w.actualRowCount > 0);
	if (!ws) throw new UserError('roadmap_empty', 'В книге Excel нет листа с данными.');
	const records: string[][] = [];
	for (let r = 1; r <= ws.rowCount; r++) {
		const row = ws.getRow(r);
		const cells: string[] = [];
		for (let c = 1; c <= ws.columnCount; c++) cells.push(cellText(row.getCell(c).value).trim());
		records.push(cells);
	}
	return tableFromRecords(records);
}

/** Reads a roadmap table from a CSV or XLSX file (by content: XLSX is a ZIP). */
export async function readTable(fileName: string, bytes: Uint8Array): Promise<Table> {
	const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
	if (isZip || /\.xlsx$/i.test(fileName)) return readXlsx(bytes);
	if (/\.xls$/i.test(fileName))
		throw new UserError('roadmap_xls', 'Старый формат XLS не поддерживается: сохраните таблицу как XLSX или CSV.');
	return readCsv(bytes);
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Import                                                                                                       */
/* ------------------------------------------------------------------------------------------------------------ */

export interface RoadmapMeta {
	title: string;
	region?: string | null;
	approvedBy?: string | null;
	/** YYYY-MM-DD or dd.mm.yyyy */
	approvedAt?: string | null;
}

export interface ImportResult {
	preview: Preview;
	/** Null on a dry run. */
	roadmapId: number | null;
	created: number;
}

/**
 * Imports the table as a new roadmap, all or nothing: with any mapping or row error nothing is saved and a
 * UserError lists the first problems. With dryRun, only the preview is computed.
 */
export function importRoadmap(db: Db, meta: RoadmapMeta, table: Table, mapping: Mapping = guessMapping(table.headers), opts: { dryRun?: boolean } = {}): ImportResult {
	const preview = previewRoadmap(table, mapping);
	if (opts.dryRun) return { preview, roadmapId: null, created: 0 };
	const title = meta.title?.trim();
	if (!title) throw new UserError('roadmap_title', 'Укажите название дорожной карты.');
	if (!preview.ok) {
		const problems = [
			...preview.mappingErrors,
			...preview.rows.flatMap((r) => r.errors.map((e) => `строка ${r.line}: ${e.message}`))
		];
		if (preview.rows.length === 0 && problems.length === 0) problems.push('в файле нет ни одного мероприятия');
		throw new UserError(
			'roadmap_invalid',
			`Дорожная карта не импортирована: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` и ещё ${problems.length - 5}` : ''}.`
		);
	}
	let approvedAt: string | null = null;
	if (meta.approvedAt?.trim()) {
		approvedAt = toIsoDate(meta.approvedAt);
		if (!approvedAt) throw new UserError('roadmap_approved_at', 'Дата утверждения указана неверно; нужна дата ДД.ММ.ГГГГ.');
	}
	const roadmapId = db.transaction((tx) => {
		const [r] = tx
			.insert(roadmap)
			.values({ title, region: meta.region?.trim() || null, approvedBy: meta.approvedBy?.trim() || null, approvedAt })
			.returning({ id: roadmap.id })
			.all();
		preview.rows.forEach((row, i) =>
			tx
				.insert(roadmapItem)
				.values({ roadmapId: r.id, ord: i + 1, ...row.item })
				.run()
		);
		return r.id;
	});
	return { preview, roadmapId, created: preview.rows.length };
}

export const DEMO_ROADMAP = {
	file: path.join('corpus', 'roadmaps', 'vladimir-2025.csv'),
	meta: {
		title: 'Дорожная карта внедрения национального мессенджера МАХ во Владимирской области',
		region: 'Владимирская область'
	} satisfies RoadmapMeta
};

/** Imports the demo roadmap (corpus/roadmaps/vladimir-2025.csv) when the database has no roadmap yet. */
export async function ensureDemoRoadmap(db: Db, root = process.cwd()): Promise<number | null> {
	// db.$count() is a lazy (awaitable) builder, not a number: count with plain SQL.
	const { n } = db.$client.prepare('select count(*) as n from roadmap').get() as { n: number };
	if (n > 0) return null;
	const file = path.resolve(root, DEMO_ROADMAP.file);
	if (!fs.existsSync(file)) return null;
	const table = await readTable(file, new Uint8Array(fs.readFileSync(file)));
	return importRoadmap(db, DEMO_ROADMAP.meta, table).roadmapId;
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Views                                                                                                        */
/* ------------------------------------------------------------------------------------------------------------ */

/** Roadmaps, optionally limited by a region condition on `roadmap` rows (see exports/data.ts scopeOf). */
export function listRoadmaps(db: Db, where?: SQL): (Roadmap & { items: number })[] {
	return db
		.select({
			id: roadmap.id,
			title: roadmap.title,
			region: roadmap.region,
			approvedBy: roadmap.approvedBy,
			approvedAt: roadmap.approvedAt,
			createdAt: roadmap.createdAt,
			items: sql<number>`(select count(*) from roadmap_item ri where ri.roadmap_id = "roadmap"."id")`
		})
		.from(roadmap)
		.where(where)
		.orderBy(asc(roadmap.id))
		.all();
}

/** Number of recorded extensions (продления) per task id. */
export function extensionCounts(db: Db, taskIds?: number[]): Map<number, number> {
	const rows = db
		.select({ taskId: taskEvent.taskId, n: sql<number>`count(*)` })
		.from(taskEvent)
		.where(
			taskIds
				? sql`${taskEvent.type} = 'extend' and ${inArray(taskEvent.taskId, taskIds.length ? taskIds : [-1])}`
				: eq(taskEvent.type, 'extend')
		)
		.groupBy(taskEvent.taskId)
		.all();
	return new Map(rows.map((r) => [r.taskId, Number(r.n)]));
}

export interface ItemView extends RoadmapItem {
	tasks: number;
	tasksDone: number;
	/** Share of the item's non-cancelled tasks that are done (0..1), null without tasks. */
	progress: number | null;
	health: Health;
	healthReason: string;
	daysLeft: number | null;
}

export interface RoadmapView {
	roadmap: Roadmap;
	items: ItemView[];
}

/** The roadmap with its items; `taskWhere` limits the tasks counted (a reader's region scope). */
export function roadmapView(db: Db, roadmapId: number, today: string, taskWhere?: SQL): RoadmapView | null {
	const r = db.select().from(roadmap).where(eq(roadmap.id, roadmapId)).get();
	if (!r) return null;
	const items = db.select().from(roadmapItem).where(eq(roadmapItem.roadmapId, roadmapId)).orderBy(asc(roadmapItem.ord)).all();
	const tasks = items.length
		? db
				.select({
					id: task.id,
					roadmapItemId: task.roadmapItemId,
					status: task.status,
					dueDate: task.dueDate,
					baselineDate: task.baselineDate,
					createdAt: task.createdAt
				})
				.from(task)
				.where(and(inArray(task.roadmapItemId, items.map((i) => i.id)), taskWhere))
				.all()
		: [];
	const ext = extensionCounts(db, tasks.map((t) => t.id));
	const start = r.approvedAt ?? r.createdAt;
	return {
		roadmap: r,
		items: items.map((it) => {
			const own: HealthTask[] = tasks
				.filter((t) => t.roadmapItemId === it.id)
				.map((t) => ({ ...t, extensions: ext.get(t.id) ?? 0 }));
			const counted = own.filter((t) => t.status !== 'cancelled');
			const done = counted.filter((t) => t.status === 'done').length;
			const v = explainItemHealth({ dueDate: it.dueDate, baselineDate: it.baselineDate, start }, own, today);
			return {
				...it,
				tasks: own.length,
				tasksDone: done,
				progress: counted.length ? done / counted.length : null,
				health: v.health,
				healthReason: v.reason,
				daysLeft: v.daysLeft
			};
		})
	};
}

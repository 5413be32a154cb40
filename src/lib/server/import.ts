/**
 * Import pipeline: validate → extract → segment → requisites → store one act per transaction.
 * A failing file leaves no rows behind and does not stop the rest of the batch.
 */
import { createHash, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { UserError } from '../core/errors';
import { extractRequisites } from '../core/requisites';
import { segment } from '../core/segment';
import type { ExtractedDoc, Requisites } from '../core/types';
import type { Db } from './db/client';
import { act, importFile, unit } from './db/schema';
import { extract } from './extract/index';
import { log } from './log';

export type ImportStatus = 'imported' | 'duplicate' | 'rejected';

/** One file's outcome; the shape of `import --json` (a public contract: keep it stable). */
export interface ImportFileReport {
	path: string;
	status: ImportStatus;
	actId: number | null;
	units: number;
	requisites: Requisites | null;
	message: string | null;
}

export interface ImportReport {
	batchId: string;
	files: ImportFileReport[];
}

export interface ImportInput {
	/** Shown in the report (a path for the CLI, the file name for uploads). */
	name: string;
	bytes: Uint8Array;
}

export interface ImportOptions {
	batchId?: string;
	onProgress?: (done: number, total: number, report: ImportFileReport) => void;
	/** Imports the files as new редакции of this act (links them through act.previousEditionId). */
	previousEditionId?: number;
	/** Replaces the extractor (the CLI passes a worker-pool version). */
	extractor?: (bytes: Uint8Array, name: string) => Promise<ExtractedDoc>;
}

/** Hooks other services register to run inside an act's import transaction (search index, findings). */
export interface ActHooks {
	afterInsert: ((db: Db, actId: number) => void)[];
	beforeDelete: ((db: Db, actId: number) => void)[];
}
export const actHooks: ActHooks = { afterInsert: [], beforeDelete: [] };

const INTERNAL_ERROR =
	'Не удалось сохранить акт из-за внутренней ошибки. Файл не импортирован; остальные файлы пакета обработаны. Сообщите администратору.';

export function sha256(bytes: Uint8Array): string {
	return createHash('sha256').update(bytes).digest('hex');
}

function baseName(name: string): string {
	return name.split(/[/\\]/).pop() || name;
}

/** Imports a batch; each file is independent. Never throws for a bad file. */
export async function importFiles(
	db: Db,
	files: ImportInput[],
	opts: ImportOptions = {}
): Promise<ImportReport> {
	const batchId = opts.batchId ?? randomUUID();
	const extractor = opts.extractor ?? extract;
	const reports: ImportFileReport[] = [];
	// Extraction is CPU-bound and may run in workers: start all, store in order as they complete in order.
	const extractions = files.map((f) => {
		const hash = sha256(f.bytes);
		const existing = db.select({ id: act.id }).from(act).where(eq(act.sha256, hash)).get();
		if (existing) return { hash, existing: existing.id, doc: Promise.resolve(null) };
		return {
			hash,
			existing: null,
			doc: extractor(f.bytes, baseName(f.name)).then(
				(doc) => ({ doc, error: null as unknown }),
				(error: unknown) => ({ doc: null, error })
			)
		};
	});
	for (let i = 0; i < files.length; i++) {
		const file = files[i];
		const job = extractions[i];
		let report: ImportFileReport;
		if (job.existing !== null) {
			report = duplicateReport(file.name, job.existing);
		} else {
			const result = await job.doc;
			report = result!.error
				? rejectedReport(file.name, result!.error)
				: storeAct(db, file, job.hash, result!.doc!, opts.previousEditionId ?? null);
		}
		recordOutcome(db, batchId, report);
		reports.push(report);
		opts.onProgress?.(i + 1, files.length, report);
	}
	return { batchId, files: reports };
}

function duplicateReport(name: string, actId: number): ImportFileReport {
	return {
		path: name,
		status: 'duplicate',
		actId,
		units: 0,
		requisites: null,
		message: `Этот файл уже загружен ранее: акт № ${actId} (/acts/${actId}).`
	};
}

function rejectedReport(name: string, error: unknown): ImportFileReport {
	if (error instanceof UserError) {
		log.warn('import rejected', { file: name, code: error.code, detail: error.detail ?? error.message });
		return { path: name, status: 'rejected', actId: null, units: 0, requisites: null, message: error.message };
	}
	log.error('import failed', { file: name, error: String((error as Error)?.stack ?? error) });
	return {
		path: name,
		status: 'rejected',
		actId: null,
		units: 0,
		requisites: null,
		message: 'Не удалось прочитать файл: он повреждён или имеет неподдерживаемый формат.'
	};
}

/** Segments and stores one act in a single transaction, running the registered hooks inside it. */
function storeAct(
	db: Db,
	file: ImportInput,
	hash: string,
	doc: ExtractedDoc,
	previousEditionId: number | null
): ImportFileReport {
	const { text, units } = segment(doc.blocks);
	if (!text.trim() || units.length === 0) {
		return rejectedReport(
			file.name,
			new UserError('empty', 'В файле не найден текст акта.', `no units after segmentation (${text.length} chars)`)
		);
	}
	const requisites = extractRequisites(text);
	try {
		const actId = db.transaction((tx) => {
			const inserted = tx
				.insert(act)
				.values({
					...requisites,
					format: doc.format,
					fileName: baseName(file.name),
					sha256: hash,
					sizeBytes: file.bytes.byteLength,
					pages: doc.pages,
					text,
					previousEditionId
				})
				.returning({ id: act.id })
				.get();
			const rows = units.map((u) => ({ ...u, actId: inserted.id }));
			for (let i = 0; i < rows.length; i += 500) tx.insert(unit).values(rows.slice(i, i + 500)).run();
			for (const hook of actHooks.afterInsert) hook(db, inserted.id);
			return inserted.id;
		});
		return { path: file.name, status: 'imported', actId, units: units.length, requisites, message: null };
	} catch (error) {
		// A concurrent import of the same bytes loses the race on the unique hash: report it as a duplicate.
		const existing = db.select({ id: act.id }).from(act).where(eq(act.sha256, hash)).get();
		if (existing) return duplicateReport(file.name, existing.id);
		log.error('import transaction failed', { file: file.name, error: String((error as Error)?.stack ?? error) });
		return { path: file.name, status: 'rejected', actId: null, units: 0, requisites: null, message: INTERNAL_ERROR };
	}
}

function recordOutcome(db: Db, batchId: string, r: ImportFileReport): void {
	try {
		db.insert(importFile)
			.values({
				batchId,
				fileName: baseName(r.path),
				status: r.status,
				actId: r.actId,
				units: r.units,
				message: r.message
			})
			.run();
	} catch (error) {
		log.error('could not record import outcome', { file: r.path, error: String(error) });
	}
}

/** Deletes an act with its units and findings (cascade), running the registered hooks in the same transaction. */
export function deleteAct(db: Db, actId: number): boolean {
	return db.transaction((tx) => {
		for (const hook of actHooks.beforeDelete) hook(db, actId);
		return tx.delete(act).where(eq(act.id, actId)).run().changes > 0;
	});
}

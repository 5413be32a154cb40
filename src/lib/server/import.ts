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
import { act, importFile, job, unit } from './db/schema';
import { audit, type AuditActor } from './audit';
import { looksLikeGarbage } from '../core/textQuality';
import { expandArchive, isArchive } from './archive';
import { convertToDocx, LEGACY_TYPES, type LegacyType } from './convert';
import { detectType } from './extract/detect';
import { enqueueOcr } from './jobs';
import { log } from './log';
import { extractInPool } from './workers/extract-pool';

export type ImportStatus = 'imported' | 'duplicate' | 'rejected';

/** One file's outcome; the shape of `import --json` (a public contract: keep it stable). */
export interface ImportFileReport {
	path: string;
	status: ImportStatus;
	actId: number | null;
	units: number;
	requisites: Requisites | null;
	message: string | null;
	/** The OCR job a scan was queued as (not part of the CLI contract). */
	jobId?: number;
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
	/** Queue scans for OCR (default true). */
	ocr?: boolean;
	/** Replaces the extractor (default: the worker pool, falling back to in-thread extraction). */
	extractor?: (bytes: Uint8Array, name: string) => Promise<ExtractedDoc>;
	/**
	 * Access scope of the imported acts (act.scopeRegion): the importing user's region. Default: the extracted
	 * region, else «Не определён» (CLI, seed).
	 */
	scopeRegion?: string;
	/** Who imports, for the audit log (a RequestEvent, a user, or 'cli'); default 'system'. */
	actor?: AuditActor;
}

/** The scope of acts imported without a user region whose requisites name no region. */
export const UNDEFINED_SCOPE = 'Не определён';

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

/** Extracts with conversion of legacy formats and detection of garbage text layers (which need OCR). */
async function extractAny(
	bytes: Uint8Array,
	name: string,
	extractor: (bytes: Uint8Array, name: string) => Promise<ExtractedDoc>
): Promise<ExtractedDoc> {
	const type = detectType(bytes);
	if ((LEGACY_TYPES as readonly string[]).includes(type)) {
		const docx = await convertToDocx(bytes, type as LegacyType);
		return extractor(docx, name.replace(/\.[^./\\]*$/, '') + '.docx');
	}
	const doc = await extractor(bytes, name);
	if (doc.format === 'pdf' && looksLikeGarbage(doc.blocks.map((b) => b.text).join('\n'))) {
		throw new UserError(
			'needs_ocr',
			'Текстовый слой PDF нечитаем (искажённая кодировка шрифтов): нужно распознавание текста.',
			'garbage text layer'
		);
	}
	return doc;
}

/** Imports a batch; each file is independent. Never throws for a bad file. */
export async function importFiles(
	db: Db,
	input: ImportInput[],
	opts: ImportOptions = {}
): Promise<ImportReport> {
	const batchId = opts.batchId ?? randomUUID();
	// A new редакция stays in the scope of the act it replaces.
	if (opts.previousEditionId && !opts.scopeRegion) {
		const prev = db.select({ r: act.scopeRegion }).from(act).where(eq(act.id, opts.previousEditionId)).get();
		if (prev) opts = { ...opts, scopeRegion: prev.r };
	}
	const extractor = opts.extractor ?? extractInPool;
	const reports: ImportFileReport[] = [];
	// ZIP batches are expanded into their files; a broken archive is one rejected entry.
	const files: (ImportInput & { error?: unknown })[] = [];
	for (const f of input) {
		if (isArchive(f.bytes) && /\.zip$/i.test(f.name)) {
			try {
				files.push(...expandArchive(f.name, f.bytes));
			} catch (error) {
				files.push({ ...f, error });
			}
		} else files.push(f);
	}
	// Extraction is CPU-bound and may run in workers: start all, store in order.
	const extractions = files.map((f) => {
		const hash = sha256(f.bytes);
		if (f.error) return { hash, existing: null, doc: Promise.resolve({ doc: null, error: f.error }) };
		const existing = db.select({ id: act.id }).from(act).where(eq(act.sha256, hash)).get();
		if (existing) return { hash, existing: existing.id, doc: Promise.resolve(null) };
		return {
			hash,
			existing: null,
			doc: extractAny(f.bytes, baseName(f.name), extractor).then(
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
			const result = (await job.doc)!;
			if (result.error instanceof UserError && result.error.code === 'needs_ocr' && opts.ocr !== false) {
				report = queueForOcr(db, file, job.hash, batchId, result.error, opts.scopeRegion);
			} else {
				report = result.error
					? rejectedReport(file.name, result.error)
					: storeAct(db, file, job.hash, result.doc!, {
							previousEditionId: opts.previousEditionId ?? null,
							scopeRegion: opts.scopeRegion,
							actor: opts.actor,
							batchId
						});
			}
		}
		recordOutcome(db, batchId, report);
		reports.push(report);
		opts.onProgress?.(i + 1, files.length, report);
	}
	return { batchId, files: reports };
}

/** A scan is not imported now: it is queued for OCR, and the report says so (status rejected, with the job). */
function queueForOcr(db: Db, file: ImportInput, hash: string, batchId: string, error: UserError, scopeRegion?: string): ImportFileReport {
	const report = rejectedReport(file.name, error);
	try {
		const j = enqueueOcr(db, { name: baseName(file.name), bytes: file.bytes, hash, batchId });
		// The recognised act gets the importing user's scope (storeAct finds it by the file hash).
		if (scopeRegion) db.update(job).set({ scopeRegion }).where(eq(job.id, j.id)).run();
		report.jobId = j.id;
		const why = error.detail === 'garbage text layer' ? 'Текстовый слой PDF нечитаем' : 'В PDF нет текстового слоя (похоже, это скан)';
		report.message = `${why} — нужно распознавание текста. Файл поставлен в очередь распознавания (задание № ${j.id}); акт появится в списке после распознавания.`;
	} catch (e) {
		log.error('could not queue OCR job', { file: file.name, error: String(e) });
	}
	return report;
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

export interface StoreExtras {
	previousEditionId?: number | null;
	/** 'ocr' for recognised scans. */
	textSource?: 'layer' | 'ocr';
	ocrConfidence?: number | null;
	/** act.scopeRegion; default: the scope recorded on an OCR job of the same file, else the extracted region. */
	scopeRegion?: string;
	/** For the audit entry of the import (default 'system': OCR jobs, watched folder). */
	actor?: AuditActor;
	batchId?: string;
}

/** Mean of the blocks' OCR confidences overlapping [start, end), weighted by overlap. */
function unitConfidence(blockSpans: { start: number; end: number; confidence: number }[], start: number, end: number): number | null {
	let sum = 0;
	let weight = 0;
	for (const b of blockSpans) {
		const overlap = Math.min(end, b.end) - Math.max(start, b.start);
		if (overlap > 0) {
			sum += b.confidence * overlap;
			weight += overlap;
		}
	}
	return weight ? Math.round((sum / weight) * 10) / 10 : null;
}

/** Segments and stores one act in a single transaction, running the registered hooks inside it. */
export function storeAct(
	db: Db,
	file: ImportInput,
	hash: string,
	doc: ExtractedDoc,
	extras: StoreExtras = {}
): ImportFileReport {
	const { text, units } = segment(doc.blocks);
	if (!text.trim() || units.length === 0) {
		return rejectedReport(
			file.name,
			new UserError('empty', 'В файле не найден текст акта.', `no units after segmentation (${text.length} chars)`)
		);
	}
	const requisites = extractRequisites(text);
	let blockSpans: { start: number; end: number; confidence: number }[] = [];
	if (extras.textSource === 'ocr') {
		let offset = 0;
		blockSpans = doc.blocks.map((b) => {
			const span = { start: offset, end: offset + b.text.length, confidence: (b as { confidence?: number }).confidence ?? 0 };
			offset += b.text.length + 1;
			return span;
		});
	}
	const scopeRegion =
		extras.scopeRegion ??
		db.select({ r: job.scopeRegion }).from(job).where(eq(job.sha256, hash)).all().find((j) => j.r)?.r ??
		(requisites.region?.trim() || UNDEFINED_SCOPE);
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
					previousEditionId: extras.previousEditionId ?? null,
					textSource: extras.textSource ?? 'layer',
					ocrConfidence: extras.ocrConfidence ?? null,
					scopeRegion
				})
				.returning({ id: act.id })
				.get();
			// A prepared statement per import: building drizzle queries for thousands of units costs more than the insert.
			const insertUnit = db.$client.prepare(
				'insert into unit (act_id, ord, kind, path, label, number, parent_path, depth, text, page, start, "end", ocr_confidence) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'
			);
			for (const u of units) {
				insertUnit.run(inserted.id, u.ord, u.kind, u.path, u.label, u.number, u.parentPath, u.depth, u.text, u.page, u.start, u.end, blockSpans.length ? unitConfidence(blockSpans, u.start, u.end) : null);
			}
			for (const hook of actHooks.afterInsert) hook(db, inserted.id);
			audit(
				db,
				extras.actor ?? 'system',
				'import',
				'act',
				inserted.id,
				{
					fileName: baseName(file.name),
					sha256: hash,
					units: units.length,
					format: doc.format,
					textSource: extras.textSource ?? 'layer',
					previousEditionId: extras.previousEditionId ?? null,
					batchId: extras.batchId ?? null
				},
				scopeRegion
			);
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

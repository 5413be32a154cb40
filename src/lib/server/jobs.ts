/**
 * Background jobs: OCR of scanned PDFs. A job keeps its source file under <db dir>/jobs/ until it ends, so
 * a restart resumes queued and interrupted jobs. One job runs at a time (OCR already uses a core per page).
 */
import fs from 'node:fs';
import path from 'node:path';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { UserError } from '../core/errors';
import type { Db } from './db/client';
import { act, job, type Job } from './db/schema';
import { storeAct } from './import';
import { log } from './log';
import { ocrPdf, ocrTools } from './ocr/index';

export const JOB_STATUS_RU: Record<string, string> = {
	queued: 'в очереди',
	running: 'распознаётся',
	done: 'готово',
	failed: 'ошибка',
	waiting_tool: 'нужно распознавание'
};

export function jobsDir(db: Db): string {
	const file = db.$client.name;
	const base = file && file !== ':memory:' ? path.dirname(path.resolve(file)) : path.resolve('data');
	return path.join(base, 'jobs');
}

const now = () => new Date().toISOString();

/** Queues OCR of a scanned PDF (once per content hash). Returns the job. */
export function enqueueOcr(db: Db, input: { name: string; bytes: Uint8Array; hash: string; batchId?: string }): Job {
	const existing = db.select().from(job).where(and(eq(job.sha256, input.hash), eq(job.kind, 'ocr'))).get();
	if (existing) {
		if (existing.status === 'failed') {
			db.update(job).set({ status: 'queued', message: null, updatedAt: now() }).where(eq(job.id, existing.id)).run();
			return { ...existing, status: 'queued' };
		}
		return existing;
	}
	const dir = jobsDir(db);
	fs.mkdirSync(dir, { recursive: true });
	const stored = path.join(dir, `${input.hash}.pdf`);
	fs.writeFileSync(stored, input.bytes);
	return db
		.insert(job)
		.values({ kind: 'ocr', fileName: input.name, storedPath: stored, sha256: input.hash, batchId: input.batchId ?? null, status: 'queued' })
		.returning()
		.get();
}

/** Jobs interrupted by a restart (status running) go back to the queue; returns how many. */
export function resumeInterrupted(db: Db): number {
	return db.update(job).set({ status: 'queued', pagesDone: 0, updatedAt: now() }).where(eq(job.status, 'running')).run().changes;
}

export function listJobs(db: Db, opts: { active?: boolean } = {}) {
	const q = db.select().from(job);
	return (opts.active ? q.where(inArray(job.status, ['queued', 'running', 'waiting_tool'])) : q).orderBy(asc(job.id)).all();
}

/** Runs one job to its end state. Never throws. */
export async function processJob(db: Db, j: Job): Promise<Job> {
	const set = (values: Partial<Job>) => db.update(job).set({ ...values, updatedAt: now() }).where(eq(job.id, j.id)).run();
	const tools = await ocrTools(true);
	if (!tools.available) {
		set({
			status: 'waiting_tool',
			message: `Нужно распознавание текста: не установлено ${tools.missing.join(', ')}. Команда для установки: ${tools.installCommand}`
		});
		return db.select().from(job).where(eq(job.id, j.id)).get()!;
	}
	set({ status: 'running', pagesDone: 0, attempts: sql`${job.attempts} + 1` as unknown as number, message: null });
	try {
		if (!fs.existsSync(j.storedPath)) throw new UserError('lost', 'Исходный файл задания не найден; загрузите его ещё раз.', j.storedPath);
		const bytes = new Uint8Array(fs.readFileSync(j.storedPath));
		const doc = await ocrPdf(bytes, { onPage: (done, total) => set({ pagesDone: done, pagesTotal: total }) });
		const dup = db.select({ id: act.id }).from(act).where(eq(act.sha256, j.sha256)).get();
		const report = dup
			? { status: 'duplicate' as const, actId: dup.id, message: null }
			: storeAct(db, { name: j.fileName, bytes }, j.sha256, doc, { textSource: 'ocr', ocrConfidence: doc.confidence });
		if (report.status === 'rejected') throw new UserError('store', report.message ?? 'Не удалось сохранить распознанный акт.', 'storeAct rejected');
		set({ status: 'done', actId: report.actId, message: `Распознано страниц: ${doc.pages}, средняя уверенность ${doc.confidence.toFixed(0)} %.` });
		fs.rmSync(j.storedPath, { force: true });
	} catch (e) {
		const message = e instanceof UserError ? e.message : 'Распознавание завершилось ошибкой. Попробуйте загрузить файл ещё раз.';
		log.error('ocr job failed', { job: j.id, file: j.fileName, error: String((e as Error)?.stack ?? e) });
		set({ status: 'failed', message });
	}
	return db.select().from(job).where(eq(job.id, j.id)).get()!;
}

/** Processes queued jobs (and waiting ones, when the tools have appeared) until none is left. */
export async function runPendingJobs(db: Db): Promise<Job[]> {
	const done: Job[] = [];
	const seen = new Set<number>();
	for (;;) {
		const next = db
			.select()
			.from(job)
			.where(inArray(job.status, ['queued', 'waiting_tool']))
			.orderBy(asc(job.id))
			.all()
			.find((j) => !seen.has(j.id));
		if (!next) return done;
		seen.add(next.id);
		done.push(await processJob(db, next));
	}
}

let runner: { stop: () => void } | null = null;

/** Starts the in-process background runner (server): resumes interrupted jobs, then polls the queue. */
export function startJobRunner(db: Db, intervalMs = 2000): { stop: () => void } {
	if (runner) return runner;
	resumeInterrupted(db);
	let stopped = false;
	let timer: NodeJS.Timeout | null = null;
	let lastWaitingCheck = 0;
	const tick = async () => {
		if (stopped) return;
		try {
			const queued = db.select().from(job).where(eq(job.status, 'queued')).orderBy(asc(job.id)).get();
			if (queued) await processJob(db, queued);
			else if (Date.now() - lastWaitingCheck > 60_000) {
				// Re-check jobs that wait for Tesseract once a minute: installing it resumes them.
				lastWaitingCheck = Date.now();
				const waiting = db.select().from(job).where(eq(job.status, 'waiting_tool')).orderBy(asc(job.id)).get();
				if (waiting && (await ocrTools(true)).available) await processJob(db, waiting);
			}
		} catch (e) {
			log.error('job runner tick failed', { error: String(e) });
		}
		if (!stopped) timer = setTimeout(tick, intervalMs);
	};
	timer = setTimeout(tick, 50);
	runner = {
		stop() {
			stopped = true;
			if (timer) clearTimeout(timer);
			runner = null;
		}
	};
	return runner;
}

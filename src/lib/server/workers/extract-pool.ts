/**
 * A small worker_threads pool for text extraction (pdfjs/mammoth are CPU-bound: one core is not enough
 * to keep up with a batch import). `extractInPool(bytes, name)` has the same contract as
 * `extract(bytes, name)`: it resolves to the ExtractedDoc or rejects with the same UserError
 * (code, Russian message, detail).
 *
 * Workers run `extract-worker.ts` under tsx (registered inside the worker: on Node 20 `--import tsx` in
 * execArgv does not reach a worker's .ts entry). The Vite-built server has no .ts beside its bundled
 * chunk; it uses the source tree it is started from when present (see defaultWorkerFile). When workers
 * are impossible — no worker file, tsx missing, a worker that fails to load the extractor or does not
 * report ready in time — the pool falls back to in-thread `extract` for good (one file at a time), so
 * callers never see the difference except in speed. `poolStatus()` says which mode is in use and why.
 * Verified: a bundle of this module run by plain node from the repository root uses workers; from
 * elsewhere it falls back.
 *
 * Size: os.availableParallelism() (2 on the reference machine), overridable with
 * POPRAVKA_EXTRACT_WORKERS (0 = always in-thread).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { UserError } from '../../core/errors';
import type { ExtractedDoc } from '../../core/types';
import { extract } from '../extract/index';
import type { JobMessage, SerializedError, WorkerMessage } from './extract-worker';

export type Extractor = (bytes: Uint8Array, name: string) => Promise<ExtractedDoc>;

export interface PoolOptions {
	/** Number of worker threads (default: os.availableParallelism(), or POPRAVKA_EXTRACT_WORKERS). */
	size?: number;
	/** The worker script (default: extract-worker.ts beside this module). */
	workerFile?: string;
	/** How long a worker may take to load the extractor before the pool gives up on workers. */
	startupTimeoutMs?: number;
	/** A single file taking longer than this is rejected and its worker replaced. */
	jobTimeoutMs?: number;
	/** Heap limit per worker, so one hostile file cannot take the server's memory. */
	maxHeapMb?: number;
	/** The in-thread extractor used as fallback (default: extract). */
	fallback?: Extractor;
}

export interface PoolStatus {
	mode: 'idle' | 'workers' | 'in-thread';
	size: number;
	/** Why the pool runs in-thread (null when it uses workers). */
	reason: string | null;
	/** Files extracted by workers / in-thread since the pool was created. */
	inWorkers: number;
	inThread: number;
}

interface Job {
	id: number;
	/** The caller's bytes, never transferred: used if the job has to run in-thread after all. */
	source: Uint8Array;
	/** A private copy, transferred (detached) when sent to a worker. */
	bytes: Uint8Array;
	name: string;
	resolve: (doc: ExtractedDoc) => void;
	reject: (error: unknown) => void;
}

interface Slot {
	worker: Worker;
	ready: boolean;
	job: Job | null;
	timer: NodeJS.Timeout | null;
}

/**
 * Where the worker script may be: beside this module (tsx, vitest, CLI), or — inside the Vite-built
 * server, whose bundled chunk has no .ts beside it — in the source tree the server is started from
 * (`node build` from the repository root; tsx is a runtime dependency). POPRAVKA_EXTRACT_WORKER_FILE
 * overrides both. If none exists, or it fails to load, the pool works in-thread.
 */
export function defaultWorkerFile(): string {
	const env = process.env.POPRAVKA_EXTRACT_WORKER_FILE;
	if (env && env.trim()) return path.resolve(env.trim());
	const beside = path.join(path.dirname(fileURLToPath(import.meta.url)), 'extract-worker.ts');
	const fromCwd = path.resolve(process.cwd(), 'src', 'lib', 'server', 'workers', 'extract-worker.ts');
	return fs.existsSync(beside) || !fs.existsSync(fromCwd) ? beside : fromCwd;
}

function defaultSize(): number {
	const env = process.env.POPRAVKA_EXTRACT_WORKERS;
	if (env !== undefined && env.trim() !== '' && Number.isFinite(Number(env))) {
		return Math.max(0, Math.floor(Number(env)));
	}
	return Math.max(1, Math.min(os.availableParallelism(), 8));
}

/** Rebuilds an error from a worker: a UserError stays a UserError with the same code/message/detail. */
function reviveError(e: SerializedError): Error {
	const error = e.name === 'UserError' && e.code ? new UserError(e.code, e.message, e.detail) : new Error(e.message);
	if (error.name !== 'UserError') error.name = e.name;
	if (e.stack) error.stack = e.stack;
	return error;
}

/** tsx's register API as a file URL, or null when tsx cannot be found (then .ts workers are impossible). */
function tsxApi(): string | null {
	try {
		// The ESM entry of "tsx/esm/api" (its CJS twin cannot be import()ed), read from tsx's exports map.
		const pkgJson = createRequire(import.meta.url).resolve('tsx/package.json');
		const pkg = JSON.parse(fs.readFileSync(pkgJson, 'utf8')) as {
			exports?: Record<string, { import?: { default?: string } } | string>;
		};
		const entry = pkg.exports?.['./esm/api'];
		const rel = typeof entry === 'object' ? entry.import?.default : undefined;
		if (!rel) return null;
		const file = path.join(path.dirname(pkgJson), rel);
		return fs.existsSync(file) ? pathToFileURL(file).href : null;
	} catch {
		return null;
	}
}

/**
 * Worker bootstrap. On Node 20 `execArgv: ['--import', 'tsx']` does not apply the loader to a worker's
 * .ts entry ("Unknown file extension .ts"), so the worker registers tsx itself, then imports the script.
 */
const BOOTSTRAP = `
const { workerData, parentPort } = require('node:worker_threads');
const load = workerData.tsxApi
	? import(workerData.tsxApi).then((api) => { api.register({ tsconfig: workerData.tsconfig || undefined }); })
	: Promise.resolve();
load.then(() => import(workerData.file)).catch((e) => {
	parentPort.postMessage({ type: 'load-failed', error: { name: String((e && e.name) || 'Error'), message: String((e && e.message) || e) } });
});
`;

/** The project's tsconfig (for the `$lib` alias inside workers), found upward from this file. */
function findTsconfig(from: string): string | null {
	let dir = from;
	for (;;) {
		const candidate = path.join(dir, 'tsconfig.json');
		if (fs.existsSync(candidate)) return candidate;
		const up = path.dirname(dir);
		if (up === dir) return null;
		dir = up;
	}
}

export class ExtractPool {
	private readonly size: number;
	private readonly workerFile: string;
	private readonly startupTimeoutMs: number;
	private readonly jobTimeoutMs: number;
	private readonly maxHeapMb: number;
	private readonly fallback: Extractor;
	private slots: Slot[] = [];
	private queue: Job[] = [];
	private nextId = 1;
	private started = false;
	private disabledReason: string | null = null;
	private closed = false;
	private inWorkers = 0;
	private inThread = 0;

	constructor(opts: PoolOptions = {}) {
		this.size = opts.size ?? defaultSize();
		this.workerFile = opts.workerFile ?? defaultWorkerFile();
		this.startupTimeoutMs = opts.startupTimeoutMs ?? 20_000;
		this.jobTimeoutMs = opts.jobTimeoutMs ?? 120_000;
		this.maxHeapMb = opts.maxHeapMb ?? 1024;
		this.fallback = opts.fallback ?? extract;
	}

	status(): PoolStatus {
		const mode = this.disabledReason !== null ? 'in-thread' : this.started ? 'workers' : 'idle';
		return { mode, size: this.size, reason: this.disabledReason, inWorkers: this.inWorkers, inThread: this.inThread };
	}

	/** Same contract as extract(): resolves to the document or rejects with its UserError. */
	extract(bytes: Uint8Array, name: string): Promise<ExtractedDoc> {
		if (!this.started && this.disabledReason === null) this.start();
		if (this.disabledReason !== null) return this.runInThread(bytes, name);
		return new Promise<ExtractedDoc>((resolve, reject) => {
			// Copy, then transfer the copy: the caller's buffer stays usable (the import service hashes
			// it and stores its size), and the worker gets its bytes without a second clone.
			// (A Buffer's slice() would be a view of a shared slab, hence the explicit copy.)
			const copy = new Uint8Array(bytes.byteLength);
			copy.set(bytes);
			this.queue.push({ id: this.nextId++, source: bytes, bytes: copy, name, resolve, reject });
			this.pump();
		});
	}

	/** Terminates the workers. Queued files still get extracted, in-thread. */
	async close(): Promise<void> {
		this.closed = true;
		const slots = this.slots;
		this.slots = [];
		for (const s of slots) {
			if (s.timer) clearTimeout(s.timer);
			if (s.job) this.queue.unshift(s.job);
		}
		this.drainInThread();
		await Promise.all(slots.map((s) => s.worker.terminate().catch(() => 0)));
	}

	/**
	 * In-thread extractions run one at a time: the import service starts every file of a batch at once,
	 * and interleaving several pdfjs documents in one thread costs about twice the CPU per page
	 * (measured), besides holding every document's parse state in memory together.
	 */
	private inThreadChain: Promise<unknown> = Promise.resolve();
	private runInThread(bytes: Uint8Array, name: string): Promise<ExtractedDoc> {
		this.inThread++;
		const run = this.inThreadChain.then(() => this.fallback(bytes, name));
		this.inThreadChain = run.catch(() => undefined);
		return run;
	}

	private start(): void {
		this.started = true;
		if (this.size < 1) return this.disable('pool size is 0');
		if (!fs.existsSync(this.workerFile)) return this.disable(`worker file not found: ${this.workerFile}`);
		if (this.workerFile.endsWith('.ts') && !tsxApi()) return this.disable('tsx is not installed');
		for (let i = 0; i < this.size; i++) {
			if (!this.spawn()) return;
		}
	}

	private spawn(): boolean {
		let worker: Worker;
		try {
			const ts = this.workerFile.endsWith('.ts');
			worker = new Worker(BOOTSTRAP, {
				eval: true,
				workerData: {
					file: pathToFileURL(this.workerFile).href,
					tsxApi: ts ? tsxApi() : null,
					tsconfig: ts ? findTsconfig(path.dirname(this.workerFile)) : null
				},
				resourceLimits: { maxOldGenerationSizeMb: this.maxHeapMb },
				stdout: false,
				stderr: false
			});
		} catch (error) {
			this.disable(`cannot start a worker: ${String(error)}`);
			return false;
		}
		const slot: Slot = { worker, ready: false, job: null, timer: null };
		this.slots.push(slot);
		slot.timer = setTimeout(() => {
			if (!slot.ready) this.disable(`worker did not start within ${this.startupTimeoutMs} ms`);
		}, this.startupTimeoutMs);
		slot.timer.unref();

		worker.on('message', (m: WorkerMessage) => this.onMessage(slot, m));
		worker.on('error', (error) => this.onExit(slot, `worker error: ${error?.message ?? String(error)}`));
		worker.on('exit', (code) => this.onExit(slot, `worker exited with code ${code}`));
		return true;
	}

	private onMessage(slot: Slot, m: WorkerMessage): void {
		if (m.type === 'ready') {
			slot.ready = true;
			if (slot.timer) clearTimeout(slot.timer);
			slot.timer = null;
			this.pump();
			// An idle worker must not keep the process alive (CLI exits without closePool()).
			if (!slot.job) slot.worker.unref();
			return;
		}
		if (m.type === 'load-failed') {
			this.disable(`worker could not load the extractor: ${m.error.message}`);
			return;
		}
		const job = slot.job;
		if (!job || job.id !== m.id) return;
		if (slot.timer) clearTimeout(slot.timer);
		slot.timer = null;
		slot.job = null;
		slot.worker.unref();
		this.inWorkers++;
		if (m.type === 'done') job.resolve(m.doc);
		else job.reject(reviveError(m.error));
		this.pump();
	}

	/** A worker died. Before it was ever ready: give up on workers. While busy: reject that file. */
	private onExit(slot: Slot, why: string, timedOut = false): void {
		const index = this.slots.indexOf(slot);
		if (index < 0) return; // already handled (error then exit), or closed
		this.slots.splice(index, 1);
		if (slot.timer) clearTimeout(slot.timer);
		slot.timer = null;
		void slot.worker.terminate().catch(() => 0);
		if (!slot.ready) {
			this.disable(why);
			return;
		}
		const job = slot.job;
		slot.job = null;
		if (job) {
			this.inWorkers++;
			job.reject(
				timedOut
					? new UserError(
							'extract_timeout',
							'Не удалось прочитать файл: его разбор занял слишком много времени. Возможно, файл повреждён или слишком сложен. Остальные файлы обработаны.',
							`${job.name}: ${why}`
						)
					: new UserError(
							'extract_crashed',
							'Не удалось прочитать файл: при разборе он исчерпал допустимые ресурсы. Возможно, файл повреждён или слишком сложен. Остальные файлы обработаны.',
							`${job.name}: ${why}`
						)
			);
		}
		if (!this.closed && this.disabledReason === null) this.spawn();
		this.pump();
	}

	/** Workers are not usable: stop them and run everything (queued and future) in-thread. */
	private disable(reason: string): void {
		if (this.disabledReason !== null) return;
		this.disabledReason = reason;
		const slots = this.slots;
		this.slots = [];
		for (const s of slots) {
			if (s.timer) clearTimeout(s.timer);
			if (s.job) this.queue.unshift(s.job);
			void s.worker.terminate().catch(() => 0);
		}
		this.drainInThread();
	}

	private drainInThread(): void {
		const jobs = this.queue;
		this.queue = [];
		for (const job of jobs) this.runInThread(job.source, job.name).then(job.resolve, job.reject);
	}

	private pump(): void {
		if (this.disabledReason !== null || this.closed) return this.drainInThread();
		for (const slot of this.slots) {
			if (this.queue.length === 0) return;
			if (!slot.ready || slot.job) continue;
			const job = this.queue.shift()!;
			slot.job = job;
			slot.worker.ref();
			slot.timer = setTimeout(() => {
				// Hung on one file: replace the worker, reject the file.
				void slot.worker.terminate();
				this.onExit(slot, `no answer within ${this.jobTimeoutMs} ms`, true);
			}, this.jobTimeoutMs);
			slot.timer.unref();
			const message: JobMessage = { id: job.id, bytes: job.bytes, name: job.name };
			slot.worker.postMessage(message, [job.bytes.buffer as ArrayBuffer]);
		}
	}
}

let shared: ExtractPool | null = null;

/** Extracts in the process-wide pool (workers when possible, otherwise in-thread). */
export function extractInPool(bytes: Uint8Array, name: string): Promise<ExtractedDoc> {
	if (!shared) shared = new ExtractPool();
	return shared.extract(bytes, name);
}

/** Mode and counters of the process-wide pool. */
export function poolStatus(): PoolStatus {
	return shared ? shared.status() : new ExtractPool().status();
}

/** Stops the process-wide pool's workers (CLI exit, tests). A later call starts a fresh pool. */
export async function closePool(): Promise<void> {
	const pool = shared;
	shared = null;
	if (pool) await pool.close();
}

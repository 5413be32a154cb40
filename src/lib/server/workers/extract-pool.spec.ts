/**
 * The extraction pool on real files: the shipped corpus (PDF, DOCX, TXT) and the shared fixtures.
 * Workers must give exactly what in-thread extract() gives, errors included, and the pool must fall
 * back to in-thread extraction when workers cannot run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CORPUS, FIXTURES, ROOT } from '../../../../tests/paths';
import { UserError } from '../../core/errors';
import { extract } from '../extract/index';
import { ExtractPool, closePool, extractInPool, poolStatus } from './extract-pool';

const corpusFiles = fs
	.readdirSync(CORPUS)
	.filter((f) => /\.(pdf|docx|txt)$/.test(f))
	.sort();
const read = (file: string) => new Uint8Array(fs.readFileSync(file));

/** The outcome of an extraction, comparable across threads. */
async function outcome(p: Promise<unknown>): Promise<unknown> {
	try {
		return { ok: await p };
	} catch (e) {
		const err = e as UserError;
		return { error: { isUserError: e instanceof UserError, name: err.name, code: err.code, message: err.message, detail: err.detail } };
	}
}

const pools: ExtractPool[] = [];
function pool(opts: ConstructorParameters<typeof ExtractPool>[0] = {}): ExtractPool {
	const p = new ExtractPool(opts);
	pools.push(p);
	return p;
}
afterAll(async () => {
	await Promise.all(pools.map((p) => p.close()));
	await closePool();
});

describe('ExtractPool with worker threads', () => {
	it('gives the same documents as in-thread extract() for every corpus file, in workers', async () => {
		expect(corpusFiles.filter((f) => f.endsWith('.pdf')).length).toBeGreaterThan(0);
		expect(corpusFiles.filter((f) => f.endsWith('.docx')).length).toBeGreaterThan(0);
		const p = pool({ size: 2 });
		const inputs = corpusFiles.map((f) => ({ name: f, bytes: read(path.join(CORPUS, f)) }));
		const viaPool = await Promise.all(inputs.map((i) => outcome(p.extract(i.bytes, i.name))));
		const inThread = await Promise.all(inputs.map((i) => outcome(extract(i.bytes, i.name))));
		expect(viaPool).toEqual(inThread);
		const st = p.status();
		expect(st.mode, st.reason ?? '').toBe('workers');
		expect(st.inWorkers).toBe(inputs.length);
		expect(st.inThread).toBe(0);
	});

	it('leaves the caller’s bytes untouched (the import service hashes and measures them)', async () => {
		const p = pool({ size: 1 });
		const bytes = read(path.join(FIXTURES, 'reglament.pdf'));
		const before = Buffer.from(bytes).toString('base64');
		const doc = await p.extract(bytes, 'reglament.pdf');
		expect(doc.format).toBe('pdf');
		expect(doc.pages).toBe(3);
		expect(bytes.byteLength).toBeGreaterThan(0);
		expect(Buffer.from(bytes).toString('base64')).toBe(before);
		// A Node Buffer (slices of a shared slab) must not be detached either.
		const buf = fs.readFileSync(path.join(FIXTURES, 'reglament.docx'));
		await p.extract(buf, 'reglament.docx');
		expect(buf.byteLength).toBeGreaterThan(0);
	});

	it('rejects bad files with the same UserError (code, Russian message, detail) as in-thread', async () => {
		const p = pool({ size: 2 });
		const bad = [
			{ name: 'empty.pdf', bytes: new Uint8Array(0) },
			{ name: 'scan.pdf', bytes: read(path.join(FIXTURES, 'reglament-scan.pdf')) },
			{ name: 'cut.pdf', bytes: read(path.join(FIXTURES, 'reglament.pdf')).subarray(0, 5000) },
			{ name: 'renamed.docx', bytes: read(path.join(FIXTURES, 'reglament.pdf')) }
		];
		for (const b of bad) {
			const viaPool = (await outcome(p.extract(b.bytes, b.name))) as { error?: { isUserError: boolean; message: string } };
			expect(viaPool.error, b.name).toBeDefined();
			expect(viaPool.error!.isUserError, b.name).toBe(true);
			expect(viaPool.error!.message, b.name).toMatch(/[а-яё]/i);
			expect(viaPool).toEqual(await outcome(extract(b.bytes, b.name)));
		}
		expect(p.status().mode).toBe('workers');
	});

	it('close() while files are in workers finishes them in-thread with the right bytes', async () => {
		const p = pool({ size: 2 });
		const inputs = corpusFiles.map((f) => ({ name: f, bytes: read(path.join(CORPUS, f)) }));
		const pending = inputs.map((i) => outcome(p.extract(i.bytes, i.name)));
		while (p.status().inWorkers === 0) await new Promise((r) => setTimeout(r, 5));
		await p.close();
		const got = await Promise.all(pending);
		expect(got).toEqual(await Promise.all(inputs.map((i) => outcome(extract(i.bytes, i.name)))));
		expect(p.status().inThread).toBeGreaterThan(0);
		expect(p.status().inWorkers + p.status().inThread).toBe(inputs.length);
	});

	it('rejects a file that takes too long and keeps serving the next ones', async () => {
		const p = pool({ size: 1, jobTimeoutMs: 5 });
		const long = read(path.join(FIXTURES, 'reglament-long.pdf'));
		const slow = (await outcome(p.extract(long, 'reglament-long.pdf'))) as { error?: { code: string; message: string } };
		expect(slow.error?.code).toBe('extract_timeout');
		expect(slow.error?.message).toMatch(/слишком много времени/);
		const p2 = pool({ size: 1 });
		const small = read(path.join(FIXTURES, 'reglament.docx'));
		expect((await p2.extract(small, 'reglament.docx')).blocks.length).toBeGreaterThan(40);
		// The timed-out pool replaced its worker and is still in worker mode.
		expect(p.status().mode).toBe('workers');
	});
});

describe('ExtractPool fallback to in-thread extraction', () => {
	const pdf = () => read(path.join(CORPUS, corpusFiles.find((f) => f.endsWith('.pdf'))!));

	it('when the worker file does not exist (e.g. inside the Vite-built server)', async () => {
		const p = pool({ workerFile: path.join(ROOT, 'build', 'server', 'chunks', 'extract-worker.ts') });
		const bytes = pdf();
		expect(await p.extract(bytes, 'a.pdf')).toEqual(await extract(bytes, 'a.pdf'));
		expect(p.status()).toMatchObject({ mode: 'in-thread', inThread: 1, inWorkers: 0 });
		expect(p.status().reason).toMatch(/not found/);
	});

	it('when the worker script cannot be loaded', async () => {
		const broken = path.join(ROOT, 'package.json'); // exists, but is no worker module
		const p = pool({ workerFile: broken, startupTimeoutMs: 10_000 });
		const bytes = pdf();
		const docs = await Promise.all([p.extract(bytes, 'a.pdf'), p.extract(bytes, 'b.pdf')]);
		expect(docs[1]).toEqual(await extract(bytes, 'b.pdf'));
		expect(p.status().mode).toBe('in-thread');
		expect(p.status().inThread).toBe(2);
	});

	it('when a worker loads but never reports ready', async () => {
		const silent = path.join(ROOT, 'tests', 'paths.ts'); // a valid module that is no worker: never answers
		const p = pool({ workerFile: silent, startupTimeoutMs: 1500 });
		const bytes = pdf();
		expect((await p.extract(bytes, 'a.pdf')).format).toBe('pdf');
		expect(p.status().mode).toBe('in-thread');
		expect(p.status().reason).toMatch(/did not start|exited/);
	});

	it('runs in-thread extractions one at a time, in order, with the same results', async () => {
		let running = 0;
		let peak = 0;
		const order: string[] = [];
		const p = pool({
			size: 0,
			fallback: async (bytes, name) => {
				running++;
				peak = Math.max(peak, running);
				try {
					order.push(name);
					return await extract(bytes, name);
				} finally {
					running--;
				}
			}
		});
		const inputs = corpusFiles.map((f) => ({ name: f, bytes: read(path.join(CORPUS, f)) }));
		const got = await Promise.all(inputs.map((i) => outcome(p.extract(i.bytes, i.name))));
		expect(peak).toBe(1);
		expect(order).toEqual(corpusFiles);
		expect(got).toEqual(await Promise.all(inputs.map((i) => outcome(extract(i.bytes, i.name)))));
		expect(p.status()).toMatchObject({ mode: 'in-thread', inThread: inputs.length });
	});

	it('when the pool size is 0', async () => {
		const p = pool({ size: 0 });
		const bytes = pdf();
		expect((await p.extract(bytes, 'a.pdf')).pages).toBeGreaterThanOrEqual(1);
		expect(p.status().mode).toBe('in-thread');
	});
});

describe('process-wide pool', () => {
	it('extractInPool works, closePool stops it, and a later call starts a fresh pool', async () => {
		const bytes = read(path.join(FIXTURES, 'reglament.docx'));
		const first = await extractInPool(bytes, 'reglament.docx');
		expect(poolStatus().mode).toBe('workers');
		await closePool();
		expect(poolStatus().mode).toBe('idle');
		const again = await extractInPool(bytes, 'reglament.docx');
		expect(again).toEqual(first);
		expect(first.blocks.some((b) => b.text.includes('Общие положения'))).toBe(true);
	});
});

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../src/lib/server/db/client';
import { extract } from '../src/lib/server/extract/index';
import { importFiles } from '../src/lib/server/import';
import { processJob, runPendingJobs } from '../src/lib/server/jobs';
import { ocrPdf, ocrTools } from '../src/lib/server/ocr/index';
import { CORPUS, FIXTURES, ROOT } from './paths';
import { cer, scanOf } from './scan';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'popravka-ocr-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const cli = (db: string, args: string[], extraEnv: Record<string, string> = {}) =>
	spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), ...args], {
		cwd: ROOT,
		env: { ...process.env, DATABASE_URL: db, POPRAVKA_LOG: 'silent', ...extraEnv },
		encoding: 'utf8'
	});

describe('OCR of scanned acts (Tesseract, Russian model)', () => {
	it('recognises a real act page rendered to an image-only PDF with a character error rate under 3 %', async () => {
		const pdf = path.join(CORPUS, 'tula-vostochno-odoevskoe-postanovlenie-94-2025-reglament.pdf');
		const layer = await extract(new Uint8Array(fs.readFileSync(pdf)), 'tula.pdf');
		const reference = layer.blocks.filter((b) => b.page === 1).map((b) => b.text).join('\n');
		expect(reference.length).toBeGreaterThan(800);
		const scan = scanOf(pdf, 1, 1, 300);
		// The scan really has no text layer: extraction asks for OCR.
		await expect(extract(scan, 'scan.pdf')).rejects.toMatchObject({ code: 'needs_ocr' });
		const pages: number[] = [];
		const result = await ocrPdf(scan, { onPage: (done) => pages.push(done) });
		expect(pages).toEqual([1]);
		const recognised = result.blocks.map((b) => b.text).join('\n');
		const rate = cer(reference, recognised);
		expect(rate).toBeLessThan(0.03);
		expect(result.confidence).toBeGreaterThan(80);
		for (const b of result.blocks) expect(b.page).toBe(1);
	}, 180_000);

	it('imports a scan through a background job: queued on import, recognised with per-page progress, units keep confidence', async () => {
		const db = openDb(path.join(tmp, 'job.db'));
		const scan = scanOf(path.join(FIXTURES, 'reglament.pdf'), 1, 2, 200);
		const report = await importFiles(db, [{ name: 'скан-регламента.pdf', bytes: scan }]);
		const r = report.files[0];
		expect(r.status).toBe('rejected');
		expect(r.message).toContain('нужно распознавание текста');
		expect(r.message).toContain('очередь распознавания');
		expect(r.jobId).toBeGreaterThan(0);
		// Importing the same scan again does not queue a second job.
		const again = await importFiles(db, [{ name: 'копия.pdf', bytes: scan }]);
		expect(again.files[0].jobId).toBe(r.jobId);

		const progress: number[] = [];
		const poll = setInterval(() => {
			const row = db.$client.prepare('select pages_done from job where id = ?').get(r.jobId) as { pages_done: number };
			progress.push(row.pages_done);
		}, 50);
		const done = await runPendingJobs(db);
		clearInterval(poll);
		expect(done.map((j) => j.status)).toEqual(['done']);
		const job = db.$client.prepare('select * from job where id = ?').get(r.jobId) as { pages_total: number; pages_done: number; act_id: number };
		expect(job.pages_total).toBe(2);
		expect(job.pages_done).toBe(2);
		const act = db.$client.prepare('select text_source, ocr_confidence from act where id = ?').get(job.act_id) as { text_source: string; ocr_confidence: number };
		expect(act.text_source).toBe('ocr');
		expect(act.ocr_confidence).toBeGreaterThan(80);
		const units = db.$client.prepare('select path, ocr_confidence, page from unit where act_id = ? order by ord').all(job.act_id) as { path: string; ocr_confidence: number | null; page: number }[];
		expect(units.map((u) => u.path)).toEqual(expect.arrayContaining(['p-1', 'doc-1/p-1', 'doc-1/p-1.1']));
		for (const u of units) expect(u.ocr_confidence).toBeGreaterThan(50);
		expect(new Set(units.map((u) => u.page))).toEqual(new Set([1, 2]));
		db.$client.close();
	}, 300_000);

	it('when Tesseract is not installed the job waits with the exact install command, and nothing breaks', async () => {
		const db = openDb(path.join(tmp, 'notool.db'));
		const scan = new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'reglament-scan.pdf')));
		const report = await importFiles(db, [{ name: 'scan.pdf', bytes: scan }]);
		const saved = process.env.TESSERACT_PATH;
		process.env.TESSERACT_PATH = path.join(tmp, 'no-such-tesseract');
		try {
			const tools = await ocrTools(true);
			expect(tools.available).toBe(false);
			const j = db.$client.prepare('select * from job where id = ?').get(report.files[0].jobId);
			const result = await processJob(db, { ...(j as object), storedPath: (j as { stored_path: string }).stored_path } as never);
			expect(result.status).toBe('waiting_tool');
			expect(result.message).toContain('sudo apt-get install tesseract-ocr tesseract-ocr-rus');
			expect(db.$client.prepare('select count(*) n from act').get()).toEqual({ n: 0 });
		} finally {
			if (saved === undefined) delete process.env.TESSERACT_PATH;
			else process.env.TESSERACT_PATH = saved;
			await ocrTools(true);
		}
		db.$client.close();
	}, 60_000);

	it('resumes a job interrupted by a kill: the act is created once', async () => {
		const dbFile = path.join(tmp, 'resume.db');
		const scanFile = path.join(tmp, 'scan-4.pdf');
		fs.writeFileSync(scanFile, scanOf(path.join(FIXTURES, 'reglament-long.pdf'), 1, 4, 150));
		const imported = cli(dbFile, ['import', '--json', scanFile]);
		expect(imported.status).toBe(1);
		expect(JSON.parse(imported.stdout).files[0].message).toContain('нужно распознавание текста');
		// Run the queue and kill the process once the first page is done.
		const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), 'jobs', 'run'], {
			cwd: ROOT,
			env: { ...process.env, DATABASE_URL: dbFile, POPRAVKA_LOG: 'silent' },
			stdio: 'ignore'
		});
		const exited = new Promise((resolve) => child.on('exit', resolve));
		const deadline = Date.now() + 120_000;
		for (;;) {
			const db = new Database(dbFile, { readonly: true });
			const row = db.prepare('select status, pages_done from job').get() as { status: string; pages_done: number };
			db.close();
			if (row.status === 'running' && row.pages_done >= 1) break;
			if (Date.now() > deadline) throw new Error('job did not start');
			await new Promise((r) => setTimeout(r, 100));
		}
		child.kill('SIGKILL');
		await exited;
		let db = new Database(dbFile, { readonly: true });
		expect(db.prepare('select status from job').get()).toEqual({ status: 'running' });
		expect(db.prepare('select count(*) n from act').get()).toEqual({ n: 0 });
		db.close();
		// After the "restart" the interrupted job is resumed and completes.
		const resumed = cli(dbFile, ['jobs', 'run', '--json']);
		expect(resumed.status).toBe(0);
		db = new Database(dbFile, { readonly: true });
		expect(db.prepare('select status, pages_done, pages_total, attempts from job').get()).toEqual({ status: 'done', pages_done: 4, pages_total: 4, attempts: 2 });
		expect(db.prepare('select count(*) n from act').get()).toEqual({ n: 1 });
		db.close();
	}, 300_000);
});

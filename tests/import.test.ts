import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../src/lib/server/db/client';
import { importFiles } from '../src/lib/server/import';
import { FIXTURES, ROOT } from './paths';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'popravka-import-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function counts(db: Db) {
	const c = (t: string) => (db.$client.prepare(`select count(*) n from ${t}`).get() as { n: number }).n;
	return { acts: c('act'), units: c('unit') };
}

/** Hostile and broken inputs, made from the real fixtures. */
async function badFiles(): Promise<Record<string, Uint8Array>> {
	const pdf = fs.readFileSync(path.join(FIXTURES, 'reglament.pdf'));
	const docx = fs.readFileSync(path.join(FIXTURES, 'reglament.docx'));
	const bomb = new JSZip();
	bomb.file('[Content_Types].xml', '<?xml version="1.0"?><Types/>');
	bomb.file('word/document.xml', '<w:document>' + ' '.repeat(300 * 1024 * 1024) + '</w:document>', { compression: 'DEFLATE', compressionOptions: { level: 9 } });
	const encrypted = path.join(ROOT, 'src/lib/server/extract/testdata');
	const encryptedPdf = fs.existsSync(encrypted)
		? fs.readdirSync(encrypted).find((f) => /encrypt/i.test(f) && f.endsWith('.pdf'))
		: undefined;
	const files: Record<string, Uint8Array> = {
		'truncated.pdf': new Uint8Array(pdf.subarray(0, Math.floor(pdf.length / 3))),
		'really-docx.pdf': new Uint8Array(docx),
		'empty.docx': new Uint8Array(0),
		'bomb.docx': await bomb.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }),
		'scan.pdf': new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'reglament-scan.pdf')))
	};
	if (encryptedPdf) files['encrypted.pdf'] = new Uint8Array(fs.readFileSync(path.join(encrypted, encryptedPdf)));
	return files;
}

describe('import pipeline on a real SQLite file', () => {
	let db: Db;
	beforeAll(() => {
		db = openDb(path.join(tmp, 'pipeline.db'));
	});

	it('imports real PDF and DOCX files with units, pages and requisites', async () => {
		const report = await importFiles(db, [
			{ name: 'reglament.pdf', bytes: new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'reglament.pdf'))) },
			{ name: 'reglament-autonum.docx', bytes: new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'reglament-autonum.docx'))) }
		]);
		expect(report.files.map((f) => f.status)).toEqual(['imported', 'imported']);
		for (const f of report.files) {
			expect(f.units).toBeGreaterThan(30);
			expect(f.requisites?.kind).toBe('постановление');
			expect(f.requisites?.number).toBe('123-п');
		}
		const pdfUnits = db.$client.prepare('select path, page from unit where act_id = ? order by ord').all(report.files[0].actId) as { path: string; page: number }[];
		expect(pdfUnits.map((u) => u.path)).toContain('doc-1/p-2.3');
		expect(Math.max(...pdfUnits.map((u) => u.page))).toBe(3);
		const docxPaths = (db.$client.prepare('select path from unit where act_id = ? order by ord').all(report.files[1].actId) as { path: string }[]).map((u) => u.path);
		// Word auto-numbering was recovered: the same outline as the PDF with typed numbers.
		expect(docxPaths).toEqual(pdfUnits.map((u) => u.path));
	});

	it('reports a duplicate with a link to the existing act and stores nothing new', async () => {
		const before = counts(db);
		const report = await importFiles(db, [{ name: 'copy.pdf', bytes: new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'reglament.pdf'))) }]);
		expect(report.files[0].status).toBe('duplicate');
		expect(report.files[0].actId).toBeGreaterThan(0);
		expect(report.files[0].message).toContain(`/acts/${report.files[0].actId}`);
		expect(counts(db)).toEqual(before);
	});

	it('rejects bad files with Russian messages, leaves no rows, and still imports the good file of the batch', async () => {
		const before = counts(db);
		const bad = await badFiles();
		const good = { name: 'good.txt', bytes: new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'reglament.txt'))) };
		const inputs = [...Object.entries(bad).map(([name, bytes]) => ({ name, bytes })), good];
		const report = await importFiles(db, inputs);
		const byName = Object.fromEntries(report.files.map((f) => [f.path, f]));
		for (const name of Object.keys(bad)) {
			expect(byName[name].status, name).toBe('rejected');
			expect(byName[name].message, name).toMatch(/[а-яё]/i);
			expect(byName[name].actId, name).toBeNull();
		}
		expect(byName['scan.pdf'].message).toContain('нужно распознавание текста');
		expect(byName['really-docx.pdf'].message).toMatch(/DOCX|Word/);
		expect(byName['empty.docx'].message).toMatch(/пуст/i);
		if (byName['encrypted.pdf']) expect(byName['encrypted.pdf'].message).toMatch(/парол/i);
		expect(byName['good.txt'].status).toBe('imported');
		const after = counts(db);
		expect(after.acts).toBe(before.acts + 1);
		expect(after.units).toBe(before.units + byName['good.txt'].units);
		// Every outcome is recorded in the import report table.
		const recorded = db.$client.prepare('select status, count(*) n from import_file where batch_id = ? group by status').all(report.batchId);
		expect(recorded).toEqual(expect.arrayContaining([{ status: 'rejected', n: Object.keys(bad).length }, { status: 'imported', n: 1 }]));
	});
});

describe('`npm run cli -- import` contract', () => {
	const run = (db: string, args: string[]) =>
		spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), 'import', ...args], {
			cwd: ROOT,
			env: { ...process.env, DATABASE_URL: db, POPRAVKA_LOG: 'silent' },
			encoding: 'utf8'
		});

	it('prints only the JSON report and exits 0 when all files imported', () => {
		const db = path.join(tmp, 'cli-ok.db');
		const r = run(db, ['--json', path.join(FIXTURES, 'reglament.pdf'), path.join(FIXTURES, 'reglament.docx')]);
		expect(r.status).toBe(0);
		const out = JSON.parse(r.stdout);
		expect(Object.keys(out)).toEqual(['files']);
		expect(out.files).toHaveLength(2);
		for (const f of out.files) {
			expect(Object.keys(f).sort()).toEqual(['actId', 'message', 'path', 'requisites', 'status', 'units'].sort());
			expect(Object.keys(f.requisites).sort()).toEqual(['body', 'date', 'kind', 'number', 'region', 'title'].sort());
			expect(f.status).toBe('imported');
			expect(f.requisites.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		}
	});

	it('exits 1 when some files are rejected and 2 on a usage error', () => {
		const db = path.join(tmp, 'cli-bad.db');
		const empty = path.join(tmp, 'empty.pdf');
		fs.writeFileSync(empty, '');
		const r = run(db, ['--json', empty, path.join(FIXTURES, 'reglament.txt')]);
		expect(r.status).toBe(1);
		const out = JSON.parse(r.stdout);
		expect(out.files.map((f: { status: string }) => f.status)).toEqual(['rejected', 'imported']);
		expect(run(db, []).status).toBe(2);
		expect(run(db, ['--bogus', empty]).status).toBe(2);
	});

	it('imports a folder recursively', () => {
		const db = path.join(tmp, 'cli-dir.db');
		const dir = path.join(tmp, 'folder', 'sub');
		fs.mkdirSync(dir, { recursive: true });
		fs.copyFileSync(path.join(FIXTURES, 'reglament.txt'), path.join(dir, 'a.txt'));
		fs.copyFileSync(path.join(FIXTURES, 'reglament-long.pdf'), path.join(tmp, 'folder', 'b.pdf'));
		const r = run(db, ['--json', path.join(tmp, 'folder')]);
		expect(r.status).toBe(0);
		expect(JSON.parse(r.stdout).files).toHaveLength(2);
	});
});

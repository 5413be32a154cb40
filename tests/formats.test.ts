import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../src/lib/server/db/client';
import { importFiles } from '../src/lib/server/import';
import { CONVERT_INSTALL_COMMAND } from '../src/lib/server/convert';
import { CORPUS, ROOT, SHARED_ACTS } from './paths';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'popravka-formats-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const LEGACY = path.join(ROOT, 'tests/data/legacy');

const actText = (file: string) => fs.readFileSync(path.join(SHARED_ACTS, file), 'utf8').split('----- ТЕКСТ -----')[1].trim();
const cli = (db: string, args: string[]) =>
	spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), ...args], {
		cwd: ROOT,
		env: { ...process.env, DATABASE_URL: db, POPRAVKA_LOG: 'silent' },
		encoding: 'utf8'
	});

describe('legacy formats through LibreOffice', () => {
	it('imports a real act saved as .doc, .rtf and .odt with its text and requisites', async () => {
		const db = openDb(path.join(tmp, 'legacy.db'));
		const files = ['inzensky.doc', 'tuloma.rtf', 'inzensky.odt'].map((f) => ({ name: f, bytes: new Uint8Array(fs.readFileSync(path.join(LEGACY, f))) }));
		const report = await importFiles(db, files);
		expect(report.files.map((f) => f.status)).toEqual(['imported', 'imported', 'imported']);
		const [doc, rtf, odt] = report.files;
		expect(doc.requisites?.number).toBe('1150');
		expect(doc.requisites?.date).toBe('2022-12-07');
		expect(odt.requisites).toEqual(doc.requisites);
		expect(rtf.requisites?.number).toBe('31');
		expect(rtf.requisites?.date).toBe('2018-05-25');
		// The text survives conversion: every paragraph of the source act is in the stored text.
		const stored = (id: number) => (db.$client.prepare('select text from act where id = ?').get(id) as { text: string }).text.replace(/\s+/g, ' ');
		const paragraphs = (t: string) => t.split('\n').map((l) => l.trim().replace(/\s+/g, ' ')).filter((l) => l.length > 20);
		for (const p of paragraphs(actText('ulyanovsk-inzensky-postanovlenie-1150-2022-official-pages.txt'))) expect(stored(doc.actId!)).toContain(p);
		for (const p of paragraphs(actText('murmansk-tuloma-postanovlenie-31-2018-reglament.txt'))) expect(stored(rtf.actId!)).toContain(p);
		db.$client.close();
	}, 180_000);
});

describe('without LibreOffice', () => {
	it('rejects a .doc with the exact install command, keeps the batch going and stores nothing of it', () => {
		const db = path.join(tmp, 'no-soffice.db');
		const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), 'import', path.join(LEGACY, 'inzensky.doc'), path.join(CORPUS, 'krasnoyarsk-kirchizh-postanovlenie-21-2018-izmeneniya.txt'), '--json'], {
			cwd: ROOT,
			env: { ...process.env, DATABASE_URL: db, POPRAVKA_LOG: 'silent', SOFFICE_PATH: path.join(tmp, 'no-such-soffice') },
			encoding: 'utf8'
		});
		expect(r.status, r.stderr).toBe(1);
		const [doc, txt] = JSON.parse(r.stdout).files;
		expect(doc.status).toBe('rejected');
		expect(doc.message).toContain('LibreOffice');
		expect(doc.message).toContain(CONVERT_INSTALL_COMMAND);
		expect(txt.status).toBe('imported');
		const rows = cli(db, ['search', 'Кирчиженского', '--json']);
		expect(JSON.parse(rows.stdout).total).toBeGreaterThan(0);
		const check = openDb(db);
		expect((check.$client.prepare('select count(*) n from act').get() as { n: number }).n).toBe(1);
		expect((check.$client.prepare("select count(*) n from act where file_name like '%.doc'").get() as { n: number }).n).toBe(0);
		check.$client.close();
	}, 60_000);
});

describe('ZIP batches', () => {
	it('imports every act of a ZIP and reports each file by its path inside the archive', async () => {
		const zip = new JSZip();
		const corpus = fs.readdirSync(CORPUS).filter((f) => /\.(pdf|docx|txt)$/.test(f)).slice(0, 6);
		for (const f of corpus) zip.file(`акты/${f}`, fs.readFileSync(path.join(CORPUS, f)));
		zip.file('акты/readme.md', 'не акт');
		zip.file('__MACOSX/._junk.pdf', 'junk');
		const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
		const db = openDb(path.join(tmp, 'zip.db'));
		const report = await importFiles(db, [{ name: 'пакет.zip', bytes }]);
		expect(report.files.map((f) => f.path).sort()).toEqual(corpus.map((f) => `пакет.zip/акты/${f}`).sort());
		expect(report.files.every((f) => f.status === 'imported')).toBe(true);
		expect((db.$client.prepare('select count(*) n from act').get() as { n: number }).n).toBe(corpus.length);
		// A broken archive is one clear rejection, not a crash.
		const broken = await importFiles(db, [{ name: 'битый.zip', bytes: bytes.slice(0, bytes.length - 200) }]);
		expect(broken.files).toHaveLength(1);
		expect(broken.files[0].status).toBe('rejected');
		expect(broken.files[0].message).toMatch(/ZIP|архив/);
		db.$client.close();
	}, 120_000);
});

describe('watched import folder', () => {
	it('imports new files and moves them to done/ or failed/ with the reason', () => {
		const dir = path.join(tmp, 'inbox');
		fs.mkdirSync(dir);
		fs.copyFileSync(path.join(CORPUS, fs.readdirSync(CORPUS).find((f) => f.endsWith('.pdf'))!), path.join(dir, 'акт.pdf'));
		fs.copyFileSync(path.join(LEGACY, 'tuloma.rtf'), path.join(dir, 'старый.rtf'));
		fs.writeFileSync(path.join(dir, 'пустой.docx'), '');
		fs.writeFileSync(path.join(dir, 'таблица.xls'), 'x');
		const db = path.join(tmp, 'watch.db');
		const r = cli(db, ['watch', dir, '--once', '--json']);
		expect(r.status).toBe(1);
		const out = JSON.parse(r.stdout).files as { file: string; outcome: string; movedTo: string }[];
		const by = Object.fromEntries(out.map((f) => [f.file, f]));
		expect(by['акт.pdf'].outcome).toBe('imported');
		expect(by['старый.rtf'].outcome).toBe('imported');
		expect(by['пустой.docx'].outcome).toBe('rejected');
		expect(by['таблица.xls'].outcome).toBe('rejected');
		expect(fs.readdirSync(path.join(dir, 'done')).sort()).toEqual(['акт.pdf', 'старый.rtf'].sort());
		const failed = fs.readdirSync(path.join(dir, 'failed')).sort();
		expect(failed).toEqual(['пустой.docx', 'пустой.docx.причина.txt', 'таблица.xls', 'таблица.xls.причина.txt'].sort());
		expect(fs.readFileSync(path.join(dir, 'failed', 'пустой.docx.причина.txt'), 'utf8')).toMatch(/пуст/i);
		// Nothing is left in the inbox, and a second scan finds nothing new.
		expect(fs.readdirSync(dir).sort()).toEqual(['done', 'failed']);
		const again = cli(db, ['watch', dir, '--once', '--json']);
		expect(JSON.parse(again.stdout).files).toEqual([]);
	}, 180_000);
});

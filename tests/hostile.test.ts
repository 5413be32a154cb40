import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../src/lib/server/db/client';
import { importFiles } from '../src/lib/server/import';
import { generateHostileFiles } from './hostile/generate';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'popravka-hostile-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('hostile and malformed files', () => {
	it('imports 200+ hostile files: every file gets an outcome with a clear message, nothing half-imported', async () => {
		const files = await generateHostileFiles();
		expect(files.length).toBeGreaterThanOrEqual(200);
		const db = openDb(path.join(tmp, 'hostile.db'));
		const report = await importFiles(db, files.map((f) => ({ name: f.name, bytes: f.bytes })));
		expect(report.files).toHaveLength(files.length);
		const kinds = new Map(files.map((f) => [f.name, f.kind]));
		for (const r of report.files) {
			expect(['imported', 'duplicate', 'rejected']).toContain(r.status);
			if (r.status === 'rejected') {
				expect(r.message, r.path).toMatch(/[А-Яа-яЁё]{3,}/);
				expect(r.message, r.path).not.toMatch(/Error|undefined|null|\bat\b/);
				expect(r.actId).toBeNull();
			}
		}
		// The categories that can never be a valid act are all rejected.
		for (const kind of ['empty', 'zip-bomb', 'huge', 'encrypted', 'legacy', 'legacy-junk', 'image', 'zip-not-docx', 'bad-xml', 'truncated-docx', 'zip-traversal']) {
			const of = report.files.filter((r) => kinds.get(r.path) === kind);
			for (const r of of) expect(r.status, `${kind}: ${r.path}`).toBe('rejected');
		}
		// Hostile names do not stop a good file: it is imported under a name that is shown as text.
		for (const r of report.files.filter((r) => kinds.get(r.path) === 'hostile-name')) expect(r.status, r.path).not.toBe('rejected');
		// An external entity never pulls a local file into the act, and no archive entry is written anywhere.
		const leaked = db.$client.prepare("select count(*) n from unit where text like '%root:%'").get() as { n: number };
		expect(leaked.n).toBe(0);
		expect(fs.existsSync('/tmp/popravka-evil.sh')).toBe(false);
		// No partial rows: every stored act has units, and the units stored are exactly the imported ones.
		const orphans = db.$client.prepare('select count(*) n from act where id not in (select act_id from unit)').get() as { n: number };
		expect(orphans.n).toBe(0);
		const stored = (db.$client.prepare('select count(*) n from unit').get() as { n: number }).n;
		const reported = report.files.filter((r) => r.status === 'imported').reduce((s, r) => s + r.units, 0);
		expect(stored).toBe(reported);
		expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
		db.$client.close();
	}, 300_000);
});

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { CORPUS, FIXTURES, ROOT } from './paths';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'popravka-crash-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Starts a batch import and kills it with SIGKILL after `ms`; resolves when the process is gone. */
function importAndKill(db: string, files: string[], ms: number): Promise<void> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), 'import', '--json', ...files], {
			cwd: ROOT,
			env: { ...process.env, DATABASE_URL: db, POPRAVKA_LOG: 'silent' },
			stdio: 'ignore'
		});
		const timer = setTimeout(() => child.kill('SIGKILL'), ms);
		child.on('exit', () => {
			clearTimeout(timer);
			resolve();
		});
	});
}

describe('crash safety', () => {
	it('survives SIGKILL at random moments of a batch import, twenty times', async () => {
		const db = path.join(tmp, 'crash.db');
		const corpus = fs.readdirSync(CORPUS).filter((f) => /\.(pdf|docx|txt)$/.test(f)).map((f) => path.join(CORPUS, f));
		const fixtures = ['reglament-long.pdf', 'reglament-long.docx', 'reglament.pdf', 'reglament-autonum.docx'].map((f) => path.join(FIXTURES, f));
		const files = [...fixtures, ...corpus];
		let seed = 7;
		const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
		for (let run = 0; run < 20; run++) {
			// Each run re-submits the batch: already imported files become duplicates, the rest continue.
			const order = [...files].sort(() => rand() - 0.5);
			await importAndKill(db, order, 600 + Math.floor(rand() * 3500));
		}
		const sqlite = new Database(db);
		expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
		const acts = sqlite.prepare('select id, sha256 from act').all() as { id: number; sha256: string }[];
		// No half-imported act: every act has its units, and no unit belongs to a missing act.
		const empty = sqlite.prepare('select count(*) n from act where id not in (select act_id from unit)').get() as { n: number };
		expect(empty.n).toBe(0);
		const orphan = sqlite.prepare('select count(*) n from unit where act_id not in (select id from act)').get() as { n: number };
		expect(orphan.n).toBe(0);
		expect(new Set(acts.map((a) => a.sha256)).size).toBe(acts.length);
		// The search index agrees with the database (it is written in the same transaction as the act).
		const hasIndex = sqlite.prepare("select count(*) n from sqlite_master where name = 'search_doc'").get() as { n: number };
		if (hasIndex.n) {
			const mismatch = sqlite
				.prepare('select count(*) n from unit u left join search_doc d on d.unit_id = u.id where d.unit_id is null')
				.get() as { n: number };
			expect(mismatch.n).toBe(0);
			const stale = sqlite.prepare('select count(*) n from search_doc d where d.unit_id not in (select id from unit)').get() as { n: number };
			expect(stale.n).toBe(0);
		}
		sqlite.close();
		// A final uninterrupted run completes the batch: every file is imported or a duplicate.
		const final = await new Promise<string>((resolve) => {
			let out = '';
			const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), 'import', '--json', ...files], {
				cwd: ROOT,
				env: { ...process.env, DATABASE_URL: db, POPRAVKA_LOG: 'silent' }
			});
			child.stdout.on('data', (d) => (out += d));
			child.on('exit', () => resolve(out));
		});
		const statuses = JSON.parse(final).files.map((f: { status: string }) => f.status);
		expect(statuses.every((s: string) => s === 'imported' || s === 'duplicate')).toBe(true);
		expect(acts.length).toBeLessThanOrEqual(files.length);
	}, 300_000);
});

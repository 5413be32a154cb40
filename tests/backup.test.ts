import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, SHARED_ACTS } from './paths';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'popravka-backup-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const cli = (db: string, args: string[]) =>
	spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), ...args], {
		cwd: ROOT,
		env: { ...process.env, DATABASE_URL: db, POPRAVKA_LOG: 'silent' },
		encoding: 'utf8'
	});

function snapshot(file: string) {
	const db = new Database(file, { readonly: true });
	const acts = db.prepare('select id, sha256, title, number from act order by id').all();
	const units = db.prepare('select act_id, path, text from unit order by id').all();
	db.close();
	return { acts, units };
}

describe('backup and restore', () => {
	it('backs up a live database and restores it into a verified identical copy', () => {
		const live = path.join(tmp, 'live.db');
		const act = path.join(tmp, 'tuloma.txt');
		const src = fs.readFileSync(path.join(SHARED_ACTS, 'murmansk-tuloma-postanovlenie-31-2018-reglament.txt'), 'utf8');
		fs.writeFileSync(act, src.split('----- ТЕКСТ -----')[1].trim());
		expect(cli(live, ['import', act, path.join(FIXTURES, 'reglament.pdf')]).status).toBe(0);
		const before = snapshot(live);
		expect(before.acts).toHaveLength(2);

		const backup = path.join(tmp, 'copies', 'backup.db');
		const b = cli(live, ['backup', backup]);
		expect(b.status, b.stderr).toBe(0);
		expect(b.stdout).toContain('актов: 2');
		// Refuses to overwrite an existing file.
		expect(cli(live, ['backup', backup]).status).toBe(2);

		// Restore into another database path: identical acts and units.
		const restored = path.join(tmp, 'restored.db');
		const r = cli(restored, ['restore', backup]);
		expect(r.status, r.stderr).toBe(0);
		expect(snapshot(restored)).toEqual(before);

		// Restoring over an existing database needs --force and keeps the old file aside.
		expect(cli(restored, ['restore', backup]).status).toBe(2);
		expect(cli(restored, ['restore', backup, '--force']).status).toBe(0);
		expect(fs.readdirSync(tmp).some((f) => f.startsWith('restored.db.before-restore-'))).toBe(true);
		expect(snapshot(restored)).toEqual(before);
	});

	it('refuses a file that is not a backup', () => {
		const junk = path.join(tmp, 'junk.db');
		fs.writeFileSync(junk, 'not a database at all');
		const r = cli(path.join(tmp, 'x.db'), ['restore', junk]);
		expect(r.status).toBe(1);
		expect(r.stderr).toMatch(/не является резервной копией|повреждена/);
		expect(fs.existsSync(path.join(tmp, 'x.db'))).toBe(false);
	});
});

/** Accounts, passwords, sessions, login rate limiting, audit log, region scoping and route gates on a real SQLite file. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import { openDb, type Db } from '../src/lib/server/db/client';
import { act, auditLog, finding, roadmap, roadmapItem, session, task, unit } from '../src/lib/server/db/schema';
import { importFiles } from '../src/lib/server/import';
import { listActs, updateRequisites } from '../src/lib/server/acts';
import { audit, auditCsv, queryAudit } from '../src/lib/server/audit';
import { hashPassword, verifyPassword } from '../src/lib/server/auth/passwords';
import { createSession, hashToken, SESSION_TTL_MS, validateSession, deleteSession } from '../src/lib/server/auth/sessions';
import { attemptLogin, INVALID_LOGIN } from '../src/lib/server/auth/login';
import { LOGIN_MAX_FAILURES, WINDOW_MS } from '../src/lib/server/auth/ratelimit';
import { createUser, listUsers, setDisabled, setPassword } from '../src/lib/server/auth/users';
import {
	actScope,
	assertActVisible,
	assertFindingVisible,
	assertTaskVisible,
	canSeeRegion,
	findingScope,
	importScopeRegion,
	isVisible,
	taskScope
} from '../src/lib/server/auth/scope';
import { entitiesFor, gateFor, isPublicPath } from '../src/lib/server/auth/guard';
import type { SessionUser } from '../src/lib/server/auth/roles';
import { closePool } from '../src/lib/server/workers/extract-pool';
import { CORPUS, ROOT } from './paths';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'popravka-auth-'));
let db: Db;
afterAll(async () => {
	db?.$client.close();
	await closePool();
	fs.rmSync(tmp, { recursive: true, force: true });
});
beforeAll(() => {
	db = openDb(path.join(tmp, 'auth.db'));
});

describe('passwords (scrypt)', () => {
	it('verifies the right password only, with a random salt and stored parameters', async () => {
		const a = await hashPassword('Верный-пароль-1');
		const b = await hashPassword('Верный-пароль-1');
		expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
		expect(a).not.toBe(b);
		expect(a).not.toContain('Верный');
		expect(await verifyPassword('Верный-пароль-1', a)).toBe(true);
		expect(await verifyPassword('Верный-пароль-2', a)).toBe(false);
		expect(await verifyPassword('', a)).toBe(false);
		// Unicode normalisation: the same word typed with a decomposed «й» is the same password.
		expect(await verifyPassword('Верныи\u0306-пароль-1', a)).toBe(true);
	});
	it('rejects malformed stored hashes instead of throwing', async () => {
		for (const bad of ['', 'plain', 'scrypt$1$8$1$AAAA$AAAA', 'scrypt$abc$8$1$AAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'bcrypt$x$y$z$w$v'])
			expect(await verifyPassword('x', bad)).toBe(false);
	});
	it('honours parameters stored with an older hash', async () => {
		const { scryptSync, randomBytes } = await import('node:crypto');
		const salt = randomBytes(16);
		const key = scryptSync('старый пароль', salt, 32, { N: 1024, r: 8, p: 1 });
		const stored = ['scrypt', 1024, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
		expect(await verifyPassword('старый пароль', stored)).toBe(true);
		expect(await verifyPassword('старый пароль!', stored)).toBe(false);
	});
});

describe('users and sessions', () => {
	let ivan: SessionUser;
	beforeAll(async () => {
		ivan = await createUser(db, { login: 'Ivan', password: 'пароль-ивана', role: 'lawyer', regions: ['Кировская область', ' Кировская  область '] });
	});
	it('creates users with lower-case logins and de-duplicated regions; validates input in Russian', async () => {
		expect(ivan.login).toBe('ivan');
		expect(ivan.regions).toEqual(['Кировская область']);
		await expect(createUser(db, { login: 'ivan', password: 'другой-пароль', role: 'viewer', regions: ['Кировская область'] })).rejects.toThrow('уже существует');
		await expect(createUser(db, { login: 'petr', password: 'короткий'.slice(0, 5), role: 'viewer', regions: ['Кировская область'] })).rejects.toThrow('не короче 8');
		await expect(createUser(db, { login: 'petr', password: 'длинный-пароль', role: 'lawyer' })).rejects.toThrow('хотя бы один регион');
		await expect(createUser(db, { login: 'petr', password: 'длинный-пароль', role: 'boss' as never, regions: ['X'] })).rejects.toThrow('Неизвестная роль');
		expect(listUsers(db).map((u) => u.login)).toContain('ivan');
	});
	it('stores only the SHA-256 of the token; validates, slides and deletes sessions', () => {
		const t0 = Date.parse('2025-03-01T10:00:00Z');
		const { token, expiresAt } = createSession(db, ivan.id, { ip: '10.0.0.1' }, t0);
		expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes
		expect(expiresAt.getTime()).toBe(t0 + SESSION_TTL_MS);
		const rows = db.select().from(session).where(eq(session.userId, ivan.id)).all();
		expect(rows.map((r) => r.tokenHash)).toContain(hashToken(token));
		expect(JSON.stringify(rows)).not.toContain(token);
		expect(validateSession(db, token, t0 + 1000)?.user.login).toBe('ivan');
		expect(validateSession(db, token + 'x', t0 + 1000)).toBeNull();
		// Sliding: used after 11 h, the session lives 12 h from then.
		const later = t0 + 11 * 3600_000;
		expect(validateSession(db, token, later)?.expiresAt.getTime()).toBe(later + SESSION_TTL_MS);
		expect(validateSession(db, token, later + SESSION_TTL_MS - 1000)).not.toBeNull();
		expect(validateSession(db, token, later + 2 * SESSION_TTL_MS)).toBeNull();
		// Expired sessions are removed.
		expect(db.select().from(session).where(eq(session.tokenHash, hashToken(token))).get()).toBeUndefined();
		const s2 = createSession(db, ivan.id, {}, t0);
		deleteSession(db, s2.token);
		expect(validateSession(db, s2.token, t0 + 1000)).toBeNull();
	});
	it('ends sessions when the password changes or the user is disabled', async () => {
		const now = Date.now();
		const a = createSession(db, ivan.id, {}, now);
		await setPassword(db, 'ivan', 'новый-пароль-ивана');
		expect(validateSession(db, a.token, now + 1000)).toBeNull();
		const b = createSession(db, ivan.id, {}, now);
		setDisabled(db, 'ivan', true);
		expect(validateSession(db, b.token, now + 1000)).toBeNull();
		const r = await attemptLogin(db, { login: 'ivan', password: 'новый-пароль-ивана', ip: '10.0.0.9' });
		expect(r).toMatchObject({ ok: false, message: INVALID_LOGIN });
		setDisabled(db, 'ivan', false);
		const ok = await attemptLogin(db, { login: 'IVAN ', password: 'новый-пароль-ивана', ip: '10.0.0.9' });
		expect(ok.ok).toBe(true);
	});
	it('refuses to disable the only admin', async () => {
		await createUser(db, { login: 'root', password: 'пароль-админа', role: 'admin' });
		expect(() => setDisabled(db, 'root', true)).toThrow('единственного администратора');
	});
});

describe('login rate limiting', () => {
	beforeAll(async () => {
		await createUser(db, { login: 'olga', password: 'пароль-ольги', role: 'viewer', regions: ['Кировская область'] });
	});
	it(`blocks a login after ${LOGIN_MAX_FAILURES} failures in 15 minutes, even with the right password, then lets it in`, async () => {
		const t0 = Date.parse('2025-04-01T09:00:00Z');
		for (let i = 0; i < LOGIN_MAX_FAILURES; i++) {
			const r = await attemptLogin(db, { login: 'olga', password: `неверно-${i}`, ip: '192.0.2.10' }, t0 + i * 60_000);
			expect(r).toMatchObject({ ok: false, code: 'invalid', message: INVALID_LOGIN });
		}
		const blocked = await attemptLogin(db, { login: 'olga', password: 'пароль-ольги', ip: '192.0.2.11' }, t0 + 5 * 60_000);
		expect(blocked.ok).toBe(false);
		// The first failure (t0) leaves the window at t0 + 15 min: 10 minutes from now.
		expect(blocked).toMatchObject({ code: 'rate_limited', message: 'Слишком много попыток входа. Попробуйте через 10 мин.' });
		// Other logins from another address are not affected.
		expect((await attemptLogin(db, { login: 'root', password: 'пароль-админа', ip: '192.0.2.12' }, t0 + 5 * 60_000)).ok).toBe(true);
		const after = await attemptLogin(db, { login: 'olga', password: 'пароль-ольги', ip: '192.0.2.10' }, t0 + WINDOW_MS + 1000);
		expect(after.ok).toBe(true);
		// Success clears the failures: one wrong password does not block again.
		await attemptLogin(db, { login: 'olga', password: 'опять-неверно', ip: '192.0.2.10' }, t0 + WINDOW_MS + 2000);
		expect((await attemptLogin(db, { login: 'olga', password: 'пароль-ольги', ip: '192.0.2.10' }, t0 + WINDOW_MS + 3000)).ok).toBe(true);
	});
	it('limits one address trying many logins', async () => {
		const t0 = Date.parse('2025-05-01T09:00:00Z');
		let last;
		for (let i = 0; i < 31; i++) last = await attemptLogin(db, { login: `guess${i}`, password: 'x', ip: '198.51.100.7' }, t0 + i * 1000);
		expect(last).toMatchObject({ code: 'rate_limited' });
		expect((await attemptLogin(db, { login: 'olga', password: 'пароль-ольги', ip: '198.51.100.8' }, t0 + 40_000)).ok).toBe(true);
	});
	it('writes login, failed login and rate-limit entries to the audit log', () => {
		const rows = queryAudit(db, { login: 'olga' }, { limit: 100, offset: 0 }).rows;
		const actions = rows.map((r) => r.action);
		expect(actions).toContain('login');
		expect(actions).toContain('login_failed');
		expect(rows.some((r) => r.details?.includes('rate_limited'))).toBe(true);
		expect(rows.filter((r) => r.action === 'login').map((r) => r.ip)).toContain('192.0.2.10');
		// No password ever reaches the log.
		expect(JSON.stringify(queryAudit(db, {}, { limit: 10_000, offset: 0 }).rows)).not.toMatch(/неверно|пароль-ольги/);
	});
});

describe('audit log', () => {
	it('is append-only: UPDATE and DELETE are rejected by the database', () => {
		audit(db, 'cli', 'pack', 'pack', 'ru-156', { version: '1.1.0' });
		expect(() => db.update(auditLog).set({ login: 'someone' }).run()).toThrow(/append-only/);
		expect(() => db.delete(auditLog).run()).toThrow(/append-only/);
		expect(queryAudit(db, { action: 'pack' }).rows[0]).toMatchObject({ login: 'cli', entity: 'pack', entityId: 'ru-156' });
	});
	it('exports CSV for Excel and neutralises spreadsheet formulas', () => {
		audit(db, { login: 'root', ip: '127.0.0.1' }, 'requisites', 'act', 999, { after: { title: '=HYPERLINK("http://evil")' } }, 'Кировская область');
		audit(db, { login: '=cmd|calc', ip: null }, 'login_failed', 'user', null, null, null);
		const csv = auditCsv(db, { action: 'login_failed' });
		expect(csv.startsWith('\uFEFF"№";"Время (UTC)";"Пользователь"')).toBe(true);
		expect(csv).toContain(`"'=cmd|calc"`);
		expect(csv).toContain('"Неудачный вход"');
		const all = auditCsv(db);
		expect(all).toContain('Правка реквизитов');
		expect(all).toContain('HYPERLINK(\\""http://evil\\"")'); // inside JSON details, quoted, not at cell start
		expect(all.split('\r\n').length).toBeGreaterThan(3);
	});
});

describe('region scoping on real imported acts', () => {
	const kirovLawyer: SessionUser = { id: 9001, login: 'k', name: null, role: 'lawyer', regions: ['Кировская область'], demo: false };
	const altaiViewer: SessionUser = { id: 9002, login: 'a', name: null, role: 'viewer', regions: ['Алтайский край'], demo: false };
	const ministry: SessionUser = { id: 9003, login: 'm', name: null, role: 'ministry', regions: [], demo: false };
	let kirovAct = 0;
	let altaiAct = 0;
	let undefinedAct = 0;
	beforeAll(async () => {
		const files = fs.readdirSync(CORPUS).filter((f) => f.endsWith('.txt'));
		const inputs = files.map((f) => ({ name: f, bytes: new Uint8Array(fs.readFileSync(path.join(CORPUS, f))) }));
		// CLI-style import: the scope is the extracted region, else «Не определён».
		const report = await importFiles(db, inputs, { actor: 'cli' });
		expect(report.files.every((f) => f.status === 'imported')).toBe(true);
		for (const f of report.files) {
			if (f.path.startsWith('altai')) altaiAct = f.actId!;
			if (f.path.startsWith('region-ne-ustanovlen')) undefinedAct = f.actId!;
		}
		// A lawyer's upload: the scope is the lawyer's region whatever the text says (here: an Altai act file).
		const luza = fs.readdirSync(CORPUS).find((f) => f.startsWith('kirov'))!;
		const r2 = await importFiles(db, [{ name: luza, bytes: new Uint8Array(fs.readFileSync(path.join(CORPUS, luza))) }], {
			scopeRegion: importScopeRegion(kirovLawyer, null),
			actor: kirovLawyer
		});
		kirovAct = r2.files[0].actId!;
		expect(kirovAct).toBeGreaterThan(0);
	}, 120_000);
	it('sets act.scopeRegion from the importer, else the extracted region, else «Не определён»; audits each import', () => {
		const scope = (id: number) => db.select({ s: act.scopeRegion, r: act.region }).from(act).where(eq(act.id, id)).get()!;
		expect(scope(kirovAct).s).toBe('Кировская область');
		expect(scope(altaiAct)).toEqual({ s: 'Алтайский край', r: 'Алтайский край' });
		expect(scope(undefinedAct).s).toBe('Не определён');
		const entry = queryAudit(db, { action: 'import', entityId: String(kirovAct) }).rows[0];
		expect(entry).toMatchObject({ login: 'k', entity: 'act', region: 'Кировская область' });
		expect(JSON.parse(entry.details!)).toMatchObject({ units: expect.any(Number), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
	});
	it('lists only the user’s regions; ministry sees all', () => {
		const all = listActs(db).length;
		const kirov = listActs(db, {}, actScope(kirovLawyer));
		expect(kirov.length).toBeGreaterThan(0);
		expect(kirov.every((a) => a.scopeRegion === 'Кировская область')).toBe(true);
		expect(listActs(db, {}, actScope(altaiViewer)).map((a) => a.id)).toEqual([altaiAct]);
		expect(listActs(db, {}, actScope(ministry)).length).toBe(all);
		const nobody = { ...kirovLawyer, regions: [] };
		expect(listActs(db, {}, actScope(nobody))).toEqual([]);
	});
	it('another region’s act, finding and task give 404, not 403', () => {
		expect(isVisible(db, kirovLawyer, 'act', kirovAct)).toBe(true);
		expect(isVisible(db, kirovLawyer, 'act', altaiAct)).toBe(false);
		expect(isVisible(db, ministry, 'act', altaiAct)).toBe(true);
		expect(isVisible(db, ministry, 'act', 987654)).toBe(false);
		const err = (() => {
			try {
				assertActVisible(db, kirovLawyer, altaiAct);
			} catch (e) {
				return e;
			}
		})();
		expect(isHttpError(err) && err.status).toBe(404);
		expect(() => assertActVisible(db, altaiViewer, altaiAct)).not.toThrow();

		// A finding of the Altai act.
		const u = db.select().from(unit).where(eq(unit.actId, altaiAct)).get()!;
		const f = db
			.insert(finding)
			.values({ actId: altaiAct, unitId: u.id, ruleId: 'T-1', packId: 'p', packVersion: '1', category: 'c', severity: 'high', spans: '[]', message: 'm', legalBasis: 'b', suggestedWording: 's' })
			.returning()
			.get();
		expect(() => assertFindingVisible(db, altaiViewer, f.id)).not.toThrow();
		expect(() => assertFindingVisible(db, kirovLawyer, f.id)).toThrow();
		const visibleFindings = db.select().from(finding).where(findingScope(kirovLawyer)).all();
		expect(visibleFindings.map((x) => x.id)).not.toContain(f.id);
		expect(db.select().from(finding).where(findingScope(altaiViewer)).all().map((x) => x.id)).toContain(f.id);

		// Tasks: by their act; without an act by task.scopeRegion, else by the roadmap's region.
		const t1 = db.insert(task).values({ title: 'по акту', actId: altaiAct }).returning().get();
		const rm = db.insert(roadmap).values({ title: 'ДК', region: 'Кировская область' }).returning().get();
		const item = db.insert(roadmapItem).values({ roadmapId: rm.id, ord: 1, number: '1', title: 'мероприятие' }).returning().get();
		const t2 = db.insert(task).values({ title: 'по дорожной карте', roadmapItemId: item.id }).returning().get();
		const t3 = db.insert(task).values({ title: 'без акта', scopeRegion: 'Алтайский край' }).returning().get();
		const t4 = db.insert(task).values({ title: 'ничей' }).returning().get();
		expect(() => assertTaskVisible(db, altaiViewer, t1.id)).not.toThrow();
		expect(() => assertTaskVisible(db, kirovLawyer, t1.id)).toThrow();
		expect(isVisible(db, kirovLawyer, 'task', t2.id)).toBe(true);
		expect(isVisible(db, altaiViewer, 'task', t3.id)).toBe(true);
		expect(isVisible(db, altaiViewer, 'task', t4.id)).toBe(false);
		expect(isVisible(db, ministry, 'task', t4.id)).toBe(true);
		const ids = (u: SessionUser) => db.select({ id: task.id }).from(task).where(taskScope(u)).all().map((r) => r.id).sort();
		expect(ids(kirovLawyer)).toEqual([t2.id]);
		expect(ids(altaiViewer)).toEqual([t1.id, t3.id].sort());
		expect(ids(ministry)).toEqual([t1.id, t2.id, t3.id, t4.id].sort());
	});
	it('region checks and import scope choice', () => {
		expect(canSeeRegion(kirovLawyer, 'Кировская область')).toBe(true);
		expect(canSeeRegion(kirovLawyer, null)).toBe(false);
		expect(canSeeRegion(ministry, null)).toBe(true);
		const two = { ...kirovLawyer, regions: ['Владимирская область', 'Кировская область'] };
		expect(importScopeRegion(two, 'Кировская область')).toBe('Кировская область');
		expect(importScopeRegion(two, null)).toBe('Владимирская область');
		expect(() => importScopeRegion(two, 'Алтайский край')).toThrow();
		expect(importScopeRegion(ministry, null)).toBeUndefined();
	});
	it('requisites edits are audited with before and after values', () => {
		updateRequisites(db, kirovAct, { number: '323-п' }, { login: 'k', id: 9001, ip: '10.1.1.1' });
		const e = queryAudit(db, { action: 'requisites', entityId: String(kirovAct) }).rows[0];
		expect(e.login).toBe('k');
		expect(JSON.parse(e.details!)).toEqual({ before: { number: '323' }, after: { number: '323-п' } });
	});
});

describe('route gates and the central entity guard', () => {
	const u = (role: SessionUser['role']): SessionUser => ({ id: 1, login: role, name: null, role, regions: ['Кировская область'], demo: false });
	const url = (p: string) => new URL(`http://x${p}`);
	it('lets each role write only where it may', () => {
		const cases: [SessionUser['role'], string, string, boolean][] = [
			['viewer', 'GET', '/acts', true],
			['viewer', 'POST', '/acts?/upload', false],
			['viewer', 'POST', '/logout', true],
			['viewer', 'POST', '/rules?/playground', false],
			['viewer', 'GET', '/admin', false],
			['lawyer', 'POST', '/api/import', true],
			['lawyer', 'POST', '/acts/5?/requisites', true],
			['lawyer', 'POST', '/findings?/confirm', true],
			['lawyer', 'POST', '/roadmap/import?/import', false],
			['lawyer', 'POST', '/rules?/playground', true],
			['lawyer', 'POST', '/rules?/update', false],
			['lawyer', 'POST', '/tasks/new', true],
			['ministry', 'POST', '/api/import', false],
			['ministry', 'POST', '/findings?/confirm', false],
			['ministry', 'POST', '/tasks/3?/status', true],
			['ministry', 'GET', '/admin/audit', false],
			['roadmap', 'POST', '/roadmap/import?/import', true],
			['roadmap', 'POST', '/tasks/3?/status', false],
			['roadmap', 'POST', '/api/import', false],
			['admin', 'POST', '/anything-new', true],
			['lawyer', 'POST', '/anything-new', false],
			['admin', 'GET', '/admin/audit/export', true]
		];
		for (const [role, method, p, ok] of cases) expect([role, method, p, gateFor(u(role), method, url(p)) === null]).toEqual([role, method, p, ok]);
	});
	it('names the entities of id-bearing routes and act query parameters', () => {
		expect(entitiesFor('/acts/[id]', { id: '12' }, url('/acts/12'))).toEqual([{ entity: 'act', id: 12 }]);
		expect(entitiesFor('/acts/[id]/edition', { id: '12' }, url('/acts/12/edition'))).toEqual([{ entity: 'act', id: 12 }]);
		expect(entitiesFor('/tasks/[id]', { id: 'x' }, url('/tasks/x'))).toEqual([{ entity: 'task', id: -1 }]);
		expect(entitiesFor('/api/tasks/[id]', { id: '4' }, url('/api/tasks/4'))).toEqual([{ entity: 'task', id: 4 }]);
		expect(entitiesFor('/api/findings/[id]', { id: '4' }, url('/api/findings/4'))).toEqual([{ entity: 'finding', id: 4 }]);
		expect(entitiesFor('/tasks/new', {}, url('/tasks/new?act=7&findings=3'))).toEqual([{ entity: 'act', id: 7 }]);
		expect(entitiesFor('/search', {}, url('/search?q=МАХ'))).toEqual([]);
		expect(isPublicPath('/login')).toBe(true);
		expect(isPublicPath('/loginx')).toBe(false);
		expect(isPublicPath('/acts')).toBe(false);
	});
});

describe('CLI user commands', () => {
	const dbFile = path.join(tmp, 'cli.db');
	const cli = (args: string[], input?: string) =>
		spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), 'user', ...args], {
			cwd: ROOT,
			env: { ...process.env, DATABASE_URL: dbFile, POPRAVKA_LOG: 'silent' },
			encoding: 'utf8',
			input
		});
	it('adds, lists, changes passwords, roles and disables users', async () => {
		let r = cli(['add', 'admin', '--role', 'admin', '--password-stdin'], 'секретный-пароль\n');
		expect(r.stdout + r.stderr).toContain('Пользователь «admin» создан: Администратор, все регионы.');
		expect(r.status).toBe(0);
		r = cli(['add', 'Lena', '--role', 'lawyer', '--region', 'Владимирская область', '--region', 'Кировская область']);
		expect(r.status).toBe(0);
		const generated = /Пароль \(показывается один раз\): (\S+)/.exec(r.stdout)![1];
		expect(generated.length).toBeGreaterThanOrEqual(12);
		r = cli(['add', 'bad', '--role', 'lawyer', '--password', 'длинный-пароль']);
		expect(r.status).toBe(1);
		expect(r.stderr).toContain('хотя бы один регион');
		r = cli(['add', 'x2', '--role', 'king']);
		expect(r.status).toBe(2);
		expect(r.stderr).toContain('Неизвестная роль');
		r = cli(['list', '--json']);
		const users = JSON.parse(r.stdout).users;
		expect(users.map((u: { login: string; role: string; regions: string[] }) => [u.login, u.role, u.regions])).toEqual([
			['admin', 'admin', []],
			['lena', 'lawyer', ['Владимирская область', 'Кировская область']]
		]);
		r = cli(['passwd', 'lena', '--password-stdin'], 'новый-пароль-лены\n');
		expect(r.status).toBe(0);
		r = cli(['role', 'lena', '--role', 'viewer', '--region', 'Кировская область']);
		expect(r.status).toBe(0);
		r = cli(['disable', 'admin']);
		expect(r.status).toBe(1);
		expect(r.stderr).toContain('единственного администратора');
		r = cli(['disable', 'lena']);
		expect(r.status).toBe(0);

		const cdb = openDb(dbFile);
		try {
			expect((await attemptLogin(cdb, { login: 'admin', password: 'секретный-пароль', ip: '1' })).ok).toBe(true);
			expect((await attemptLogin(cdb, { login: 'lena', password: 'новый-пароль-лены', ip: '1' })).ok).toBe(false);
			r = cli(['enable', 'lena']);
			expect(r.status).toBe(0);
			const lena = await attemptLogin(cdb, { login: 'lena', password: 'новый-пароль-лены', ip: '1' });
			expect(lena.ok && lena.user.role).toBe('viewer');
			expect(lena.ok && lena.user.regions).toEqual(['Кировская область']);
			const log = cdb.select().from(auditLog).where(and(eq(auditLog.action, 'user'), eq(auditLog.login, 'cli'))).all();
			expect(log.length).toBeGreaterThanOrEqual(5);
		} finally {
			cdb.$client.close();
		}
	}, 60_000);
});

/**
 * Stored findings on a real SQLite file: audit on import (the import hook), triage decisions, and the pack-change
 * delta with packs copied from rules/ into a temp dir and edited there.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../src/lib/core/errors';
import { openDb, type Db } from '../src/lib/server/db/client';
import {
	confirmFinding,
	describeChange,
	dismissFinding,
	lastSync,
	listFindings,
	packStates,
	reopenFinding,
	ruleStats,
	setActiveRules,
	statusCounts,
	syncPacks
} from '../src/lib/server/findings';
import { importFiles } from '../src/lib/server/import';
import { loadPacks } from '../src/lib/server/rules/load';
import { examplesCheck, runPlayground } from '../src/lib/server/findings/playground';
import { initServices } from '../src/lib/server/services';
import { ROOT, SHARED_ACTS, SHARED_CLAUSES } from './paths';

process.env.POPRAVKA_LOG = 'silent';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'popravka-findings-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The act text of a corpus file (after the description header). */
function actText(file: string): string {
	const raw = fs.readFileSync(path.join(SHARED_ACTS, file), 'utf8');
	return raw.slice(raw.indexOf('----- ТЕКСТ -----') + '----- ТЕКСТ -----'.length).trim();
}
const KIROV = 'kirov-luza-postanovlenie-323-2022-official-accounts.txt';

/** A регламент-like act assembled from the labelled real clauses (the positive ones and as many negatives). */
function clausesAct(): { text: string; positives: string[] } {
	const rows = fs
		.readFileSync(SHARED_CLAUSES, 'utf8')
		.split('\n')
		.filter(Boolean)
		.map((l) => JSON.parse(l) as { id: string; text: string; labels: string[] });
	const pos = rows.filter((r) => !r.labels.includes('none'));
	const neg = rows.filter((r) => r.labels.includes('none')).slice(0, pos.length);
	const clauses = [...pos, ...neg].map((r) => r.text.replace(/\s*\n\s*/g, ' '));
	const text = [
		'АДМИНИСТРАЦИЯ МУНИЦИПАЛЬНОГО ОБРАЗОВАНИЯ',
		'ПОСТАНОВЛЕНИЕ',
		'от 1 марта 2024 г. № 77',
		'Об утверждении административного регламента',
		'Администрация постановляет:',
		...clauses.map((c, i) => `${i + 1}. ${c.replace(/^[\d.]+\s+/, '')}`)
	].join('\n');
	return { text, positives: pos.map((r) => r.text) };
}

function copyRules(name: string): string {
	const dir = path.join(tmp, name);
	fs.cpSync(path.join(ROOT, 'rules'), dir, { recursive: true });
	return dir;
}

/** Edits one pack YAML in a copied rules dir. */
function editPack(dir: string, packId: string, edit: (pack: { version: string; rules: { id: string }[] }) => void): void {
	const file = fs
		.readdirSync(dir)
		.map((f) => path.join(dir, f))
		.find((f) => /\.ya?ml$/.test(f) && (YAML.parse(fs.readFileSync(f, 'utf8')) as { id?: string }).id === packId);
	if (!file) throw new Error(`pack ${packId} not found in ${dir}`);
	const pack = YAML.parse(fs.readFileSync(file, 'utf8'));
	edit(pack);
	fs.writeFileSync(file, YAML.stringify(pack));
}

function rows(db: Db) {
	return db.$client.prepare('select * from finding order by id').all() as {
		id: number;
		act_id: number;
		unit_id: number;
		rule_id: string;
		pack_id: string;
		pack_version: string;
		status: string;
		spans: string;
		reason: string | null;
		decided_by: string | null;
		decided_at: string | null;
		resolved_at: string | null;
	}[];
}

describe('findings on a real SQLite file', () => {
	let db: Db;
	let kirovId: number;
	let clausesActId: number;
	const rulesV1 = copyRules('rules-v1');

	beforeAll(async () => {
		db = openDb(path.join(tmp, 'findings.db'));
		setActiveRules(loadPacks(rulesV1));
		await initServices(db);
		const { text } = clausesAct();
		const report = await importFiles(db, [
			{ name: 'kirov-luza-323.txt', bytes: new TextEncoder().encode(actText(KIROV)) },
			{ name: 'reglament-clauses.txt', bytes: new TextEncoder().encode(text) }
		]);
		expect(report.files.map((f) => f.status)).toEqual(['imported', 'imported']);
		kirovId = report.files[0].actId!;
		clausesActId = report.files[1].actId!;
	});

	it('stores findings on import, with spans inside the unit text', () => {
		const all = rows(db);
		expect(all.length).toBeGreaterThan(3);
		const units = new Map(
			(db.$client.prepare('select id, act_id, text from unit').all() as { id: number; act_id: number; text: string }[]).map((u) => [u.id, u])
		);
		for (const f of all) {
			const u = units.get(f.unit_id)!;
			expect(u.act_id).toBe(f.act_id);
			expect(f.status).toBe('open');
			const spans = JSON.parse(f.spans) as [number, number][];
			expect(spans.length).toBeGreaterThan(0);
			for (const [s, e] of spans) {
				expect(s).toBeGreaterThanOrEqual(0);
				expect(e).toBeGreaterThan(s);
				expect(e).toBeLessThanOrEqual(u.text.length);
			}
		}
		// Kirov п. 1 names «Телеграмм» as a channel for official accounts: a foreign-messenger finding on it.
		const kirov = listFindings(db, { actId: kirovId, status: 'all' });
		const fm = kirov.find((f) => f.category === 'foreign-messenger');
		expect(fm, JSON.stringify(kirov.map((f) => [f.ruleId, f.unitLabel]))).toBeDefined();
		expect(fm!.unitText).toContain('Телеграмм');
		expect(fm!.spans.map(([s, e]) => fm!.unitText.slice(s, e)).join(' ')).toMatch(/Телеграмм/);
		expect(fm!.legalBasis).toMatch(/41-ФЗ|ст\./);
		expect(fm!.suggestedWording.length).toBeGreaterThan(10);
		// The assembled регламент: its labelled restricting clauses are flagged too.
		expect(listFindings(db, { actId: clausesActId, status: 'all' }).length).toBeGreaterThan(2);
	});

	it('records who and when on confirm, dismiss (reason required) and reopen', () => {
		const [a, b] = listFindings(db, { status: 'open' });
		const c1 = confirmFinding(db, a.id, 'Иванова А. П.', '2026-01-10T09:00:00.000Z');
		expect(c1).toMatchObject({ status: 'confirmed', decidedBy: 'Иванова А. П.', decidedAt: '2026-01-10T09:00:00.000Z' });

		let err: unknown;
		try {
			dismissFinding(db, b.id, 'Петров', '   ');
		} catch (e) {
			err = e;
		}
		expect(err).toBeInstanceOf(UserError);
		expect((err as UserError).code).toBe('reason_required');
		expect((err as UserError).message).toMatch(/Укажите причину/);
		expect(rows(db).find((r) => r.id === b.id)!.status).toBe('open');

		const d = dismissFinding(db, b.id, 'Петров', 'Пункт предусматривает и электронную подачу');
		expect(d).toMatchObject({ status: 'dismissed', decidedBy: 'Петров', reason: 'Пункт предусматривает и электронную подачу' });
		expect(Date.parse(d.decidedAt!)).toBeGreaterThan(Date.now() - 60_000);

		const r = reopenFinding(db, b.id, 'Сидоров');
		expect(r).toMatchObject({ status: 'open', decidedBy: 'Сидоров', reason: null });
		dismissFinding(db, b.id, 'Петров', 'Пункт предусматривает и электронную подачу');

		expect(() => confirmFinding(db, 999_999, 'x')).toThrow(/не найдена/);
		const counts = statusCounts(db, {});
		expect(counts.confirmed).toBe(1);
		expect(counts.dismissed).toBe(1);
		expect(counts.all).toBe(rows(db).length);
		const stats = ruleStats(db);
		expect(stats.get(a.ruleId)!.confirmed).toBeGreaterThanOrEqual(1);
		expect(stats.get(b.ruleId)!.dismissed).toBeGreaterThanOrEqual(1);
	});

	it('packs applied at start are recorded; a forced re-audit agrees with the findings stored on import', () => {
		// initServices ran the first sync (before the imports): every pack applied for the first time.
		const first = lastSync(db)!;
		expect(first.packs.map((p) => [p.packId, p.fromVersion, p.changed])).toEqual(
			loadPacks(rulesV1).packs.map((p) => [p.id, null, true])
		);
		expect(packStates(db).map((s) => s.packId).sort()).toEqual(loadPacks(rulesV1).packs.map((p) => p.id).sort());
		// Nothing changed since: no re-audit.
		expect(syncPacks(db, loadPacks(rulesV1))).toBeNull();
		// A forced re-audit finds exactly what the import hook stored.
		const sync = syncPacks(db, loadPacks(rulesV1), { force: true })!;
		expect(sync.total).toEqual({ new: 0, resolved: 0, unchanged: rows(db).filter((r) => r.status !== 'resolved').length });
		expect(sync.packs.every((p) => !p.changed)).toBe(true);
		expect(describeChange(sync.packs[0])).toMatch(/не менялся, повторная проверка: новых 0, снято 0/);
		expect(describeChange(first.packs[0])).toMatch(/^Пакет «.+» \d+\.\d+\.\d+ применён впервые: новых 0, снято 0, без изменений 0$/);
	});

	it('a pack change resolves findings of a removed rule, adds findings of a new rule and keeps triage', () => {
		const before = rows(db);
		const decided = before.filter((r) => r.status === 'confirmed' || r.status === 'dismissed');
		expect(decided.length).toBe(2);
		const fmRule = before.find((r) => r.act_id === kirovId && r.pack_id === 'foreign-messengers')!.rule_id;
		const removed = before.filter((r) => r.rule_id === fmRule && r.status !== 'resolved');
		const fmOthers = before.filter((r) => r.pack_id === 'foreign-messengers' && r.rule_id !== fmRule && r.status !== 'resolved');
		const otherActive = before.filter((r) => r.rule_id !== fmRule && r.status !== 'resolved');
		const oldVersion = packStates(db).find((s) => s.packId === 'foreign-messengers')!.version;

		// v2: the rule is removed and the pack version bumped.
		const v2 = copyRules('rules-v2');
		editPack(v2, 'foreign-messengers', (p) => {
			p.rules = p.rules.filter((r) => r.id !== fmRule);
			p.version = '9.1.0';
		});
		const sync = syncPacks(db, loadPacks(v2))!;
		const fm = sync.packs.find((p) => p.packId === 'foreign-messengers')!;
		expect(fm).toMatchObject({ fromVersion: oldVersion, toVersion: '9.1.0', changed: true, new: 0, resolved: removed.length, unchanged: fmOthers.length });
		expect(sync.total).toEqual({ new: 0, resolved: removed.length, unchanged: otherActive.length });
		expect(describeChange(fm)).toBe(
			`При обновлении пакета «${fm.title}» ${oldVersion} → 9.1.0: новых 0, снято ${removed.length}, без изменений ${fmOthers.length}`
		);
		expect(sync.packs.filter((p) => p.packId !== 'foreign-messengers').every((p) => !p.changed)).toBe(true);
		expect(lastSync(db)).toEqual(sync);

		const after = rows(db);
		expect(after.length).toBe(before.length); // history kept
		for (const r of removed) {
			const now = after.find((x) => x.id === r.id)!;
			expect(now.status).toBe('resolved');
			expect(now.resolved_at).toBe(sync.appliedAt);
		}
		for (const d of decided.filter((x) => x.rule_id !== fmRule)) {
			const now = after.find((x) => x.id === d.id)!;
			expect([now.status, now.decided_by, now.decided_at, now.reason]).toEqual([d.status, d.decided_by, d.decided_at, d.reason]);
		}

		// v3: the same rule comes back under a new id: new findings on the same units, nothing else moves.
		const v3 = copyRules('rules-v3');
		editPack(v3, 'foreign-messengers', (p) => {
			const rule = p.rules.find((r) => r.id === fmRule)!;
			p.rules = p.rules.filter((r) => r.id !== fmRule);
			p.rules.push({ ...rule, id: `${fmRule}-BIS` });
			p.version = '9.2.0';
		});
		const sync3 = syncPacks(db, loadPacks(v3))!;
		expect(sync3.total).toEqual({ new: removed.length, resolved: 0, unchanged: otherActive.length });
		const bis = rows(db).filter((r) => r.rule_id === `${fmRule}-BIS`);
		expect(bis.map((r) => r.unit_id).sort()).toEqual(removed.map((r) => r.unit_id).sort());
		expect(bis.every((r) => r.status === 'open' && r.pack_version === '9.2.0')).toBe(true);
		// Unchanged findings of the pack now carry the new version.
		for (const r of fmOthers) expect(rows(db).find((x) => x.id === r.id)!.pack_version).toBe('9.2.0');
		setActiveRules(loadPacks(v3));
	});

	it('reaudit CLI re-runs the packs and prints the delta in Russian', () => {
		const v4 = copyRules('rules-v4');
		editPack(v4, 'foreign-messengers', (p) => {
			p.version = '9.3.0';
		});
		const expectedUnchanged = rows(db).filter((r) => r.status !== 'resolved').length;
		const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), 'reaudit', '--rules', v4], {
			cwd: ROOT,
			env: { ...process.env, DATABASE_URL: path.join(tmp, 'findings.db'), POPRAVKA_LOG: 'silent' },
			encoding: 'utf8'
		});
		expect(r.stderr).toBe('');
		expect(r.status).toBe(0);
		// v3 had FM rule "-BIS"; v4 is v1 with a new version: the original rule is back, "-BIS" is gone.
		const bis = rows(db).filter((x) => x.rule_id.endsWith('-BIS'));
		expect(r.stdout).toMatch(/При обновлении пакета «[^»]+» 9\.2\.0 → 9\.3\.0: новых \d+, снято \d+, без изменений \d+/);
		expect(r.stdout).toContain(`Всего: новых ${bis.length}, снято ${bis.length}, без изменений ${expectedUnchanged - bis.length}.`);
		expect(bis.every((x) => x.status === 'resolved')).toBe(true);
	});

	it('a removed pack resolves its findings and leaves pack_state', () => {
		const active = rows(db).filter((r) => r.pack_id === 'foreign-messengers' && r.status !== 'resolved');
		expect(active.length).toBeGreaterThan(0);
		const v5 = copyRules('rules-v5');
		for (const f of fs.readdirSync(v5))
			if ((YAML.parse(fs.readFileSync(path.join(v5, f), 'utf8')) as { id?: string }).id === 'foreign-messengers') fs.rmSync(path.join(v5, f));
		const sync = syncPacks(db, loadPacks(v5))!;
		const gone = sync.packs.find((p) => p.packId === 'foreign-messengers')!;
		expect(gone).toMatchObject({ toVersion: null, changed: true, new: 0, resolved: active.length });
		expect(describeChange(gone)).toMatch(/^Пакет «.+» 9\.3\.0 удалён: новых 0, снято \d+/);
		expect(packStates(db).some((s) => s.packId === 'foreign-messengers')).toBe(false);
		expect(rows(db).filter((r) => r.pack_id === 'foreign-messengers').every((r) => r.status === 'resolved')).toBe(true);
	});
});

describe('rules playground', () => {
	const loaded = loadPacks(path.join(ROOT, 'rules'));

	it('segments pasted act text and flags the clause naming a foreign messenger, with spans on its words', () => {
		const r = runPlayground(loaded, actText(KIROV));
		expect(r.units).toBeGreaterThan(2);
		const hit = r.clauses.find((c) => c.findings.some((f) => f.category === 'foreign-messenger'))!;
		expect(hit.text).toContain('Телеграмм');
		const f = hit.findings.find((x) => x.category === 'foreign-messenger')!;
		expect(f.spans.map(([s, e]) => hit.text.slice(s, e))).toContain('Телеграмм');
		expect(f.title.length).toBeGreaterThan(5);
		// A neutral sentence gives nothing.
		expect(runPlayground(loaded, 'Настоящее постановление вступает в силу со дня его официального опубликования.').clauses).toEqual([]);
	});

	it('checks every rule against its own examples', () => {
		for (const pack of loaded.packs)
			for (const rule of pack.rules) {
				const c = examplesCheck(loaded.compiled, rule);
				expect(c.flag.length + c.ok.length).toBe(rule.examples.flag.length + rule.examples.ok.length);
				for (const e of c.flag) if (e.ok) expect(e.spans.length).toBeGreaterThan(0);
				for (const e of c.ok) if (e.ok) expect(e.spans).toEqual([]);
			}
		// A rule whose examples contradict it is reported as broken, not hidden.
		const rule = loaded.packs[0].rules[0];
		const swapped = examplesCheck(loaded.compiled, { ...rule, examples: { flag: rule.examples.ok, ok: rule.examples.flag } });
		expect(swapped.flag.some((e) => !e.ok) || swapped.ok.some((e) => !e.ok)).toBe(true);
	});
});

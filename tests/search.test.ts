import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../src/lib/server/db/client';
import { insertActRows, loadCorpus, parseCorpusFile, unitsOf, type CorpusAct } from '../src/lib/server/search/corpus';
import {
	ensureSearchIndex,
	indexAct,
	searchUnits,
	unindexAct,
	type SearchRequest
} from '../src/lib/server/search/service';
import { FIXTURES, ROOT, SHARED_ACTS } from './paths';

const run = promisify(execFile);

let dir: string;
let dbFile: string;
let db: Db;
let acts: CorpusAct[];
const actIds = new Map<string, number>();

function importAct(d: Db, a: CorpusAct): number {
	return d.$client.transaction(() => {
		const id = insertActRows(d, a);
		indexAct(d, id);
		return id;
	})();
}

function deleteAct(d: Db, id: number): void {
	d.$client.transaction(() => {
		unindexAct(d, id);
		d.$client.prepare('DELETE FROM act WHERE id = ?').run(id);
	})();
}

function all(q: string, extra: Partial<SearchRequest> = {}) {
	return searchUnits(db, { q, limit: 100, ...extra });
}

/** Ground truth: units (across the whole test DB) whose text matches a regex. */
function unitsMatching(re: RegExp): { id: number; text: string; act_id: number }[] {
	return (db.$client.prepare('SELECT id, text, act_id FROM unit').all() as { id: number; text: string; act_id: number }[]).filter(
		(u) => re.test(u.text)
	);
}

const reglament = () => actIds.get('reglament.txt')!;

beforeAll(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'popravka-search-'));
	dbFile = path.join(dir, 'test.db');
	db = openDb(dbFile);
	acts = loadCorpus(SHARED_ACTS, [path.join(FIXTURES, 'reglament.txt')]);
	for (const a of acts) actIds.set(a.file, importAct(db, a));
});

afterAll(() => {
	db?.$client.close();
	fs.rmSync(dir, { recursive: true, force: true });
});

describe('search: analysis on real acts', () => {
	it('finds any form of a word: "обращение" finds "обращения" and "обращении"', () => {
		const r = all('обращение');
		const texts = r.hits.map((h) => h.snippet);
		expect(texts.some((t) => /обращения/.test(t))).toBe(true);
		expect(texts.some((t) => /обращении/.test(t))).toBe(true);
		// every unit containing a form of the word in its text is found
		const truth = unitsMatching(/обращени[еяийюем]/i);
		expect(truth.length).toBeGreaterThan(3);
		const ids = new Set(r.hits.map((h) => h.unitId));
		for (const u of truth) expect(ids.has(u.id), u.text).toBe(true);
	});

	it('checks phrases on positions: "личном обращении" only where the words are adjacent', () => {
		// A real clause of the regulation reworded so both words occur, but apart.
		const apart = importAct(db, {
			...acts.find((a) => a.file === 'reglament.txt')!,
			file: 'apart.txt',
			units: unitsOf('1. Заявление подаётся в личном кабинете; при обращении через МФЦ срок не продлевается.')
		});
		const phrase = all('"личном обращении"');
		const words = all('личном обращении');
		expect(phrase.total).toBeGreaterThan(0);
		for (const h of phrase.hits) expect(h.snippet).toMatch(/личном\s+обращении/i);
		expect(words.hits.some((h) => h.actId === apart)).toBe(true);
		expect(phrase.hits.some((h) => h.actId === apart)).toBe(false);
		expect(phrase.total).toBe(unitsMatching(/личном\s+обращении/i).length);
		deleteAct(db, apart);
	});

	it('finds legal identifiers: "210-ФЗ", "№ 210-ФЗ", "2.3.1" and the number alone', () => {
		const truth = unitsMatching(/210-ФЗ/i);
		expect(truth.length).toBeGreaterThanOrEqual(5);
		for (const q of ['210-ФЗ', '№ 210-ФЗ', '210-фз']) {
			const ids = new Set(all(q).hits.map((h) => h.unitId));
			for (const u of truth) expect(ids.has(u.id), `${q}: ${u.text.slice(0, 80)}`).toBe(true);
		}
		// 131-ФЗ is a different law
		const other = all('131-ФЗ');
		expect(other.hits.every((h) => !/210-ФЗ/.test(h.snippet) || /131-ФЗ/.test(h.snippet))).toBe(true);
		const num = new Set(all('210').hits.map((h) => h.unitId));
		for (const u of truth) expect(num.has(u.id)).toBe(true);

		const p = all('2.3.1');
		expect(p.hits[0].path).toBe('p-2.3.1');
		expect(p.hits[0].actId).toBe(reglament());
		expect(p.hits.some((h) => h.path === 'p-2.3.2')).toBe(false);
	});

	it('finds Latin words in any case: WhatsApp', () => {
		for (const q of ['WhatsApp', 'whatsapp', 'WHATSAPP']) {
			const r = all(q);
			expect(r.total).toBe(1);
			expect(r.hits[0].snippet).toContain('WhatsApp');
		}
	});

	it('folds ё and е both ways', () => {
		const a = all('приём');
		const b = all('прием');
		expect(a.total).toBeGreaterThan(0);
		expect(a.hits.map((h) => h.unitId)).toEqual(b.hits.map((h) => h.unitId));
		expect(a.hits.some((h) => /приём/.test(h.snippet))).toBe(true);
		expect(a.hits.some((h) => /прием/i.test(h.snippet))).toBe(true);
		// "прием" must not degrade into the preposition "при"
		for (const h of a.hits) expect(h.snippet + ' ' + h.actTitle).toMatch(/при[её]м/i);
		expect(all('освобожденных').total).toBe(all('освобождённых').total);
		expect(all('освобожденных').total).toBeGreaterThan(0);
	});

	it('excludes words with a minus', () => {
		const base = all('заявления');
		const excl = all('заявления -мессенджеров');
		expect(base.hits.some((h) => /мессенджер/i.test(h.snippet))).toBe(true);
		expect(excl.total).toBeLessThan(base.total);
		for (const h of excl.hits) expect(h.snippet).not.toMatch(/мессенджер/i);
		const ph = all('заявления -"личном обращении"');
		for (const h of ph.hits) expect(h.snippet).not.toMatch(/личном обращении/i);
		expect(ph.total).toBeLessThan(base.total);
	});

	it('matches prefixes with a star', () => {
		const r = all('мессендж*');
		const s = r.hits.map((h) => h.snippet).join(' ');
		expect(s).toMatch(/мессенджере/);
		expect(s).toMatch(/мессенджеров/);
		expect(all('обращени*').total).toBeGreaterThanOrEqual(all('обращение').total);
		expect(all('Whats*').total).toBe(1);
	});

	it('limits results and facets to the scope regions of the signed-in user', () => {
		// Scope regions are the access scope (act.scope_region), independent of the extracted region.
		const hitActs = [...new Set(all('заявления').hits.map((h) => h.actId))];
		expect(hitActs.length).toBeGreaterThanOrEqual(3);
		const [a, b] = hitActs;
		db.$client.prepare("UPDATE act SET scope_region = CASE WHEN id = ? THEN 'Регион А' WHEN id = ? THEN 'Регион Б' ELSE 'Регион В' END").run(a, b);
		const everything = all('заявления');
		const onlyA = all('заявления', { scopeRegions: ['Регион А'] });
		const aAndB = all('заявления', { scopeRegions: ['Регион А', 'Регион Б'] });
		const none = all('заявления', { scopeRegions: [] });
		const actsOf = (r: { hits: { actId: number }[] }) => new Set(r.hits.map((h) => h.actId));
		expect(everything.total).toBeGreaterThan(aAndB.total);
		for (const id of actsOf(onlyA)) expect(id).toBe(a);
		for (const id of actsOf(aAndB)) expect([a, b]).toContain(id);
		expect(onlyA.total).toBeGreaterThan(0);
		expect(aAndB.total).toBe(onlyA.total + all('заявления', { scopeRegions: ['Регион Б'] }).total);
		const facetSum = (r: typeof everything) => r.facets!.kind.reduce((s, x) => s + x.count, 0);
		expect(facetSum(aAndB)).toBeLessThanOrEqual(aAndB.total);
		expect(none.total).toBe(0);
		expect(none.hits).toEqual([]);
		expect(all('заявления', { scopeRegions: null }).total).toBe(everything.total);
		db.$client.prepare("UPDATE act SET scope_region = 'Не определён'").run();
	});

	it('filters by вид, регион, год and reports facets', () => {
		const base = all('заявления');
		expect(base.facets).not.toBeNull();
		const sum = (xs: { count: number }[]) => xs.reduce((s, x) => s + x.count, 0);
		expect(sum(base.facets!.region)).toBeLessThanOrEqual(base.total);
		const region = base.facets!.region[0].value;
		const byRegion = all('заявления', { region });
		expect(byRegion.total).toBe(base.facets!.region[0].count);
		for (const h of byRegion.hits) expect(h.actRegion).toBe(region);

		expect(base.facets!.kind.length).toBeGreaterThan(1);
		const k = base.facets!.kind[1];
		const kind = all('заявления', { kind: k.value });
		expect(kind.total).toBe(k.count);
		expect(kind.total).toBeLessThan(base.total);
		for (const h of kind.hits) expect(h.actKind).toBe(k.value);

		const year = base.facets!.year[0].value;
		const byYear = all('заявления', { year });
		expect(byYear.total).toBe(base.facets!.year.find((y) => y.value === year)!.count);
		for (const h of byYear.hits) expect(h.actDate!.slice(0, 4)).toBe(year);
		expect(all('заявления', { year: '1999' }).total).toBe(0);
	});

	it('filters to clauses with open or confirmed findings', () => {
		const units = db.$client
			.prepare('SELECT id, text FROM unit WHERE act_id = ? ORDER BY ord')
			.all(reglament()) as { id: number; text: string }[];
		const withWord = units.filter((u) => /заявлени/i.test(u.text)).slice(0, 3);
		expect(withWord.length).toBe(3);
		const ins = db.$client.prepare(
			`INSERT INTO finding(act_id, unit_id, rule_id, pack_id, pack_version, category, severity, spans, message, legal_basis, suggested_wording, status)
			 VALUES (?, ?, ?, 'test', '1', 'messenger', 'high', '[]', 'm', 'b', 's', ?)`
		);
		ins.run(reglament(), withWord[0].id, 'r1', 'open');
		ins.run(reglament(), withWord[1].id, 'r1', 'confirmed');
		ins.run(reglament(), withWord[2].id, 'r1', 'dismissed');
		const r = all('заявления', { open: true });
		expect(r.hits.map((h) => h.unitId).sort()).toEqual([withWord[0].id, withWord[1].id].sort());
		expect(r.total).toBe(2);
	});
});

describe('search: incremental index', () => {
	it('makes a new act searchable at once and removes it on delete', () => {
		const src = parseCorpusFile(path.join(SHARED_ACTS, 'kirov-luza-postanovlenie-323-2022-official-accounts.txt'));
		expect(all('аккаунтах').total).toBeGreaterThan(0);
		const before = all('аккаунтах').total;
		const t0 = performance.now();
		const id = importAct(db, { ...src, file: 'copy.txt', region: 'Тестовая область' });
		const after = all('аккаунтах');
		expect(performance.now() - t0).toBeLessThan(1000);
		expect(after.total).toBeGreaterThan(before);
		expect(after.hits.some((h) => h.actId === id)).toBe(true);
		expect(all('аккаунтах', { region: 'Тестовая область' }).total).toBe(after.total - before);

		deleteAct(db, id);
		expect(all('аккаунтах').total).toBe(before);
		expect(all('аккаунтах').hits.some((h) => h.actId === id)).toBe(false);
	});

	it('re-import replaces the old clauses (units replaced, indexAct again)', () => {
		const src = parseCorpusFile(path.join(SHARED_ACTS, 'kirov-luza-postanovlenie-323-2022-official-accounts.txt'));
		const id = importAct(db, { ...src, file: 'edition.txt' });
		// "Одноклассники" is only in the clause text, not in the title or requisites
		expect(all('Одноклассники').hits.some((h) => h.actId === id)).toBe(true);
		// New edition of the same act: units rewritten in place, then re-indexed in the same transaction.
		db.$client.transaction(() => {
			db.$client.prepare('DELETE FROM unit WHERE act_id = ?').run(id);
			const ins = db.$client.prepare(
				`INSERT INTO unit(act_id, ord, kind, path, label, depth, text, start, "end") VALUES (?, ?, 'point', ?, ?, 0, ?, 0, 0)`
			);
			ins.run(id, 0, 'p-1', 'п. 1', '1. Информирование граждан осуществляется через национальный мессенджер МАХ.');
			indexAct(db, id);
		})();
		expect(all('Одноклассники').hits.some((h) => h.actId === id)).toBe(false);
		const max = all('национальный мессенджер');
		expect(max.hits.some((h) => h.actId === id && h.path === 'p-1')).toBe(true);
		deleteAct(db, id);
	});

	it('repairs at start-up what was changed without the hooks, without rebuilding', () => {
		const src = parseCorpusFile(path.join(SHARED_ACTS, 'murmansk-tuloma-postanovlenie-31-2018-reglament.txt'));
		const id = insertActRows(db, { ...src, file: 'nohook.txt', region: 'Регион без индекса' });
		expect(all('похозяйственной', { region: 'Регион без индекса' }).total).toBe(0);
		const rep = ensureSearchIndex(db);
		expect(rep.indexed).toBe(1);
		expect(all('похозяйственной', { region: 'Регион без индекса' }).total).toBeGreaterThan(0);
		// edited requisites are picked up too
		db.$client.prepare('UPDATE act SET region = ? WHERE id = ?').run('Другой регион', id);
		expect(ensureSearchIndex(db).indexed).toBe(1);
		expect(all('Другой регион').hits.some((h) => h.actId === id)).toBe(true);
		// deleted without the hook
		db.$client.prepare('DELETE FROM act WHERE id = ?').run(id);
		expect(ensureSearchIndex(db).removed).toBe(1);
		expect(ensureSearchIndex(db)).toMatchObject({ indexed: 0, removed: 0 });
		expect(all('Другой регион').hits.some((h) => h.actId === id)).toBe(false);
	});

	it('persists: after closing and reopening the file, same results without re-indexing', () => {
		const queries = ['обращение', '"личном обращении"', '210-ФЗ', 'WhatsApp', 'заявления -мессенджеров', 'мессендж*'];
		const before = queries.map((q) => all(q).hits.map((h) => [h.unitId, h.score]));
		db.$client.close();
		db = openDb(dbFile);
		const rep = ensureSearchIndex(db);
		expect(rep).toMatchObject({ indexed: 0, removed: 0 });
		const after = queries.map((q) => all(q).hits.map((h) => [h.unitId, h.score]));
		expect(after).toEqual(before);
		expect(before.every((h) => h.length > 0)).toBe(true);
	});
});

describe('search: hostile input', () => {
	it('never throws on user text and explains empty queries in Russian', () => {
		const hostile = ['ст. 5: срок', '"', '*', '-', '', '   ', '""', '-"', 'a*', 'NOT', 'AND OR', '(', ')', 'NEAR(a b)',
			'title:x', '^', '"незакрытая фраза', '---', '-обращение', 'и в на', '\u0000', 'x'.repeat(5000), '{a}', '"a" * "b"'];
		for (const q of hostile) {
			const r = searchUnits(db, { q, limit: 5 });
			expect(r.total).toBeGreaterThanOrEqual(0);
		}
		expect(searchUnits(db, { q: '' }).notice).toMatch(/Введите/);
		expect(searchUnits(db, { q: '-обращение' }).notice).toMatch(/исключения/);
		expect(searchUnits(db, { q: 'и в на' }).notice).toMatch(/служебных/);
		expect(searchUnits(db, { q: 'ст. 5: срок' }).notice).toBeNull();
		expect(searchUnits(db, { q: '"незакрытая фраза' }).total).toBe(0);
		// odd paging values are clamped, not errors
		expect(searchUnits(db, { q: 'заявления', limit: -5, offset: -1 }).hits.length).toBe(1);
		expect(searchUnits(db, { q: 'заявления', year: 'abc', kind: '' }).total).toBe(all('заявления').total);
	});
});

describe('search CLI --json contract', () => {
	it('prints exactly {total, hits:[{actId, actTitle, path, label, snippet, score}]} best first, exit 0', async () => {
		const env = { ...process.env, DATABASE_URL: dbFile };
		const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
		const { stdout } = await run(tsx, ['src/cli/main.ts', 'search', 'обращение', '--json', '--limit', '5'], { cwd: ROOT, env });
		const out = JSON.parse(stdout);
		expect(Object.keys(out).sort()).toEqual(['hits', 'total']);
		expect(out.total).toBe(all('обращение').total);
		expect(out.hits.length).toBe(5);
		for (const h of out.hits) {
			expect(Object.keys(h).sort()).toEqual(['actId', 'actTitle', 'label', 'path', 'score', 'snippet']);
			expect(typeof h.actId).toBe('number');
			expect(h.snippet).not.toMatch(/<[a-z]/i);
			expect(h.snippet).toMatch(/обращени/i);
		}
		const scores = out.hits.map((h: { score: number }) => h.score);
		expect([...scores].sort((a, b) => b - a)).toEqual(scores);

		const none = await run(tsx, ['src/cli/main.ts', 'search', 'zzzнетзаписей', '--json'], { cwd: ROOT, env });
		expect(JSON.parse(none.stdout)).toEqual({ total: 0, hits: [] });

		const filtered = JSON.parse(
			(await run(tsx, ['src/cli/main.ts', 'search', 'заявления', '--json', '--year', '2018', '--limit', '100'], { cwd: ROOT, env })).stdout
		);
		expect(filtered.total).toBe(all('заявления', { year: '2018' }).total);

		const usage = await run(tsx, ['src/cli/main.ts', 'search', '--json'], { cwd: ROOT, env }).then(
			() => 0,
			(e: { code: number }) => e.code
		);
		expect(usage).toBe(2);
		const text = await run(tsx, ['src/cli/main.ts', 'search', 'WhatsApp'], { cwd: ROOT, env });
		expect(text.stdout).toMatch(/Найдено пунктов: 1/);
	}, 60_000);
});

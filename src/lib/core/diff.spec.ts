import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED_ACTS } from '../../../tests/paths';
import { diffEditions, findingsDelta, sidesOf, similarity, wordDiff, type DiffUnit } from './diff';

/** A real act's sentences (the act text after the ТЕКСТ line), later numbered as пункты 1..N. */
function realClauses(file: string): string[] {
	const raw = fs.readFileSync(path.join(SHARED_ACTS, file), 'utf8');
	const body = raw.slice(raw.indexOf('----- ТЕКСТ -----') + '----- ТЕКСТ -----'.length);
	return body
		.split(/\n|(?<=[.;:])\s+(?=[А-ЯЁ0-9«])/u)
		.map((l) => l.replace(/\s+/g, ' ').trim())
		.filter((l) => l.length > 40);
}

const asUnits = (texts: string[]): DiffUnit[] =>
	texts.map((text, i) => ({ path: `doc-1/p-${i + 1}`, label: `п. ${i + 1}`, text, kind: 'point' }));

describe('word diff', () => {
	it('marks replaced words and reconstructs both texts exactly', () => {
		const a = 'Заявление подается только при личном обращении в администрацию.';
		const b = 'Заявление подается при личном обращении в администрацию или через ЕПГУ.';
		const segs = wordDiff(a, b);
		expect(sidesOf(segs)).toEqual({ old: a, new: b });
		expect(segs.filter((s) => s.op === 'del').map((s) => s.text.trim())).toContain('только');
		expect(segs.filter((s) => s.op === 'ins').map((s) => s.text).join('')).toContain('через ЕПГУ');
		expect(segs[0]).toEqual({ text: 'Заявление подается ', op: 'eq' });
	});

	it('identical texts are one equal segment; separators between changes are folded into one change', () => {
		expect(wordDiff('один два', 'один два')).toEqual([{ text: 'один два', op: 'eq' }]);
		const segs = wordDiff('срок десять дней', 'срок пять рабочих дней');
		expect(sidesOf(segs)).toEqual({ old: 'срок десять дней', new: 'срок пять рабочих дней' });
		expect(segs.map((s) => s.op)).toEqual(['eq', 'del', 'ins', 'eq']);
	});
});

describe('clause-by-clause diff of two редакции of a real act', () => {
	const file = 'frag-cntd-406832892-channels-list.txt';
	const old = realClauses(file);

	it('uses an act with enough clauses', () => {
		expect(old.length).toBeGreaterThanOrEqual(10);
	});

	it('finds a removed clause, renumbered followers, an edited clause and an added one', () => {
		// New редакция: п. 3 excluded (the rest move up), п. 2 edited, a new last пункт.
		const edited = old[1].replace(/\s\S+$/, ' (в редакции изменений)');
		const added = 'Заявление и документы могут быть поданы в электронной форме через Единый портал государственных и муниципальных услуг.';
		const next = [old[0], edited, ...old.slice(3), added];
		const d = diffEditions(asUnits(old), asUnits(next));

		expect(d.mapping['doc-1/p-3']).toBeNull();
		expect(d.mapping['doc-1/p-2']).toBe('doc-1/p-2');
		for (let i = 4; i <= old.length; i++) expect(d.mapping[`doc-1/p-${i}`]).toBe(`doc-1/p-${i - 1}`);
		expect(d.counts).toMatchObject({ removed: 1, added: 1, changed: 1, unchanged: old.length - 2, renumbered: old.length - 3 });

		const removed = d.entries.find((e) => e.kind === 'removed')!;
		expect(removed.old?.text).toBe(old[2]);
		// The removed clause is shown where it was: right after п. 2.
		const idx = d.entries.indexOf(removed);
		expect(d.entries[idx - 1].old?.path).toBe('doc-1/p-2');

		const changed = d.entries.find((e) => e.kind === 'changed')!;
		expect(changed.new?.path).toBe('doc-1/p-2');
		expect(sidesOf(changed.segments)).toEqual({ old: old[1], new: edited });
		expect(changed.segments.some((s) => s.op === 'ins' && s.text.includes('в редакции изменений'))).toBe(true);
		expect(changed.similarity).toBeGreaterThan(0.5);
		expect(changed.similarity).toBeLessThan(1);

		const renum = d.entries.find((e) => e.old?.path === 'doc-1/p-4')!;
		expect(renum).toMatchObject({ kind: 'unchanged', renumbered: true });
		expect(renum.new?.path).toBe('doc-1/p-3');

		const add = d.entries[d.entries.length - 1];
		expect(add).toMatchObject({ kind: 'added', old: null });
		expect(add.new?.text).toBe(added);
		// Every old and new clause appears exactly once.
		expect(d.entries.filter((e) => e.old).length).toBe(old.length);
		expect(d.entries.filter((e) => e.new).length).toBe(next.length);
	});

	it('pairs a clause renumbered AND edited by similarity, not by its old number', () => {
		const other = realClauses('dagestan-tsvetkovskaya-gimnaziya-polozhenie-do-2022.txt');
		expect(other.length).toBeGreaterThanOrEqual(5);
		// п. 1 removed; old п. 4 becomes п. 3 with one word changed.
		const changedText = other[3].replace(/(\S+)(\s*)$/, 'изменено$2');
		const next = [other[1], other[2], changedText, ...other.slice(4)];
		const d = diffEditions(asUnits(other), asUnits(next));
		expect(d.mapping['doc-1/p-1']).toBeNull();
		expect(d.mapping['doc-1/p-4']).toBe('doc-1/p-3');
		const e = d.entries.find((x) => x.old?.path === 'doc-1/p-4')!;
		expect(e).toMatchObject({ kind: 'changed', renumbered: true });
		expect(sidesOf(e.segments)).toEqual({ old: other[3], new: changedText });
	});

	it('an identical редакция has only unchanged clauses', () => {
		const d = diffEditions(asUnits(old), asUnits(old));
		expect(d.counts).toEqual({ unchanged: old.length, changed: 0, added: 0, removed: 0, renumbered: 0 });
	});

	it('unrelated texts are not paired', () => {
		const a = realClauses('altai-minjust-prikaz-104-2018-personal-data.txt').slice(0, 3);
		const b = realClauses('kirov-luza-postanovlenie-323-2022-official-accounts.txt').slice(0, 3);
		expect(similarity(a[0], b[0])).toBeLessThan(0.5);
		const d = diffEditions(asUnits(a).map((u) => ({ ...u, path: 'x/' + u.path })), asUnits(b));
		expect(d.counts.removed).toBe(3);
		expect(d.counts.added).toBe(3);
	});
});

describe('findings delta per clause', () => {
	it('splits rules into resolved, new and still open', () => {
		expect(findingsDelta(['RC-001', 'FM-002'], ['FM-002', 'PD-003'])).toEqual({ resolved: ['RC-001'], added: ['PD-003'], still: ['FM-002'] });
	});
});

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../../../../tests/paths';
import { highlightRanges, makeSnippet } from './highlight';
import { parseQuery, toFtsMatch } from './query';
import { indexColumns } from './analyze';

const reglament = fs.readFileSync(path.join(FIXTURES, 'reglament.txt'), 'utf8');
const hits = (text: string, q: string) => highlightRanges(text, q).map(([s, e]) => text.slice(s, e));

describe('query parser', () => {
	it('parses words, phrases, exclusions and prefixes without throwing', () => {
		const q = parseQuery('обращение "личном обращении" -WhatsApp мессендж* о');
		expect(q.clauses).toEqual([
			{ type: 'term', term: 'обращен', prefix: false, negated: false, raw: 'обращение' },
			{ type: 'phrase', terms: ['личн', 'обращен'], negated: false, raw: 'личном обращении' },
			{ type: 'term', term: 'whatsapp', prefix: false, negated: true, raw: 'WhatsApp' },
			{ type: 'term', term: 'мессендж', prefix: true, negated: false, raw: 'мессендж*' }
		]);
		expect(q.ignored).toEqual(['о']);
		expect(toFtsMatch(q)).toBe('(("обращен" AND "личн обращен" AND "мессендж" *) NOT "whatsapp")');
	});

	it('turns punctuation-laden and unbalanced input into plain terms', () => {
		expect(toFtsMatch(parseQuery('ст. 5: срок'))).toBe('("ст" AND "5" AND "срок")');
		for (const q of ['"', '*', '-', '', '(', '^', '""', '- * "']) expect(toFtsMatch(parseQuery(q))).toBeNull();
		expect(toFtsMatch(parseQuery('"незакрытая фраза'))).toBe('"незакрыт фраз"');
		expect(toFtsMatch(parseQuery('AND OR NOT'))).toBe('("and" AND "or" AND "not")');
	});

	it('keeps legal identifiers whole and folds ё', () => {
		expect(parseQuery('№ 210-ФЗ').clauses.map((c) => c.type === 'term' && c.term)).toEqual(['210-фз']);
		expect(parseQuery('п. 2.3.1').clauses.map((c) => c.type === 'term' && c.term)).toEqual(['п', '2.3.1']);
		expect(toFtsMatch(parseQuery('Приём'))).toBe(toFtsMatch(parseQuery('прием')));
		expect(toFtsMatch(parseQuery('NEAR(a b)'))).toBe('("near" AND "a" AND "b")');
	});
});

describe('index columns', () => {
	it('stores stems, whole identifiers and their parts', () => {
		const { terms, parts } = indexColumns('по Федеральному закону от 27.07.2010 № 210-ФЗ через WhatsApp');
		expect(terms.split(' ')).toEqual(['по', 'федеральн', 'закон', 'от', '27.07.2010', '210-фз', 'через', 'whatsapp']);
		expect(parts.split(' ')).toEqual(['27', '07', '2010', '210', 'фз']);
	});
});

describe('highlightRanges on the real regulation', () => {
	it('marks every form of a word', () => {
		const h = hits(reglament, 'обращение');
		expect(h).toContain('обращения');
		expect(h).toContain('обращении');
		expect(h.every((w) => /^обращени/i.test(w))).toBe(true);
	});

	it('marks phrases only where adjacent, as one range', () => {
		const h = hits(reglament, '"личном обращении"');
		expect(h.length).toBe((reglament.match(/личном\s+обращении/g) ?? []).length);
		expect(h.every((w) => /^личном\s+обращении$/.test(w))).toBe(true);
	});

	it('marks identifiers, Latin words, prefixes; never exclusions', () => {
		expect(hits(reglament, '210-ФЗ')).toEqual(['210-ФЗ']);
		expect(hits(reglament, '2.3.1')).toEqual(['2.3.1']);
		expect(hits(reglament, 'whatsapp')).toEqual(['WhatsApp']);
		expect(hits(reglament, 'мессендж*')).toEqual(['мессенджеров']);
		expect(hits(reglament, 'заявление -WhatsApp')).not.toContain('WhatsApp');
		expect(hits(reglament, 'приём')).toEqual(expect.arrayContaining(['приём', 'приёме']));
		expect(highlightRanges(reglament, 'ст. 5: "')).toBeInstanceOf(Array);
		expect(highlightRanges(reglament, '')).toEqual([]);
	});
});

describe('snippets', () => {
	it('cuts a window around the hits on word boundaries, with ellipses and hit segments', () => {
		const text = reglament.replace(/\s+/g, ' ');
		const ranges = highlightRanges(text, 'WhatsApp');
		const s = makeSnippet(text, ranges, 200);
		expect(s.plain.length).toBeLessThanOrEqual(203);
		expect(s.plain.startsWith('…')).toBe(true);
		expect(s.plain.endsWith('…')).toBe(true);
		expect(s.segments.filter((x) => x.hit).map((x) => x.text)).toEqual(['WhatsApp']);
		expect(s.segments.map((x) => x.text).join('')).toBe(s.plain);
		const short = makeSnippet('1. Короткий пункт.', [], 200);
		expect(short.plain).toBe('1. Короткий пункт.');
	});
});

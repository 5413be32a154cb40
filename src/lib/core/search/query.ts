/**
 * Search query language for lawyers, parsed by hand so that no user text can throw:
 *   слово            any form of the word (stemmed): "обращение" finds "обращения", "обращении"
 *   "точная фраза"   the words in this order, next to each other (checked on token positions)
 *   -слово, -"фраза" exclude clauses containing it
 *   обращ*           words beginning with it
 * Everything else (punctuation, colons, lone quotes, stars, dashes) is treated as plain text.
 * Free terms are combined with AND; Russian function words are ignored outside phrases.
 */
import { stem } from '../analysis';
import { STOP_WORDS, analyze } from './analyze';

export interface TermClause {
	type: 'term';
	/** The index term (stem / compound term). */
	term: string;
	/** Prefix search: any term starting with `term`. */
	prefix: boolean;
	negated: boolean;
	/** As typed, for messages. */
	raw: string;
}

export interface PhraseClause {
	type: 'phrase';
	terms: string[];
	negated: boolean;
	raw: string;
}

export type QueryClause = TermClause | PhraseClause;

export interface ParsedQuery {
	clauses: QueryClause[];
	/** Words of the query that were ignored (function words), for an explanation to the user. */
	ignored: string[];
}

/** Shortest prefix accepted for `слово*` (shorter prefixes match most of the corpus and are treated as words). */
export const MIN_PREFIX = 2;

/** Parses user text into clauses. Never throws. */
export function parseQuery(input: unknown): ParsedQuery {
	const text = typeof input === 'string' ? input.slice(0, 1000) : '';
	const clauses: QueryClause[] = [];
	const ignored: string[] = [];
	let i = 0;
	const n = text.length;
	while (i < n) {
		const ch = text[i];
		if (/\s/.test(ch)) {
			i++;
			continue;
		}
		let negated = false;
		if ((ch === '-' || ch === '−' || ch === '–') && i + 1 < n && !/\s/.test(text[i + 1])) {
			negated = true;
			i++;
		}
		const open = text[i];
		if (open === '"' || open === '«' || open === '“' || open === '„') {
			const closeChars = open === '«' ? '»' : open === '“' ? '”"' : open === '„' ? '“”"' : '"';
			let j = i + 1;
			while (j < n && !closeChars.includes(text[j])) j++;
			const inner = text.slice(i + 1, j);
			i = j + 1;
			const terms = analyze(inner).map((t) => t.term);
			if (terms.length === 1) clauses.push({ type: 'term', term: terms[0], prefix: false, negated, raw: inner.trim() });
			else if (terms.length > 1) clauses.push({ type: 'phrase', terms, negated, raw: inner.trim() });
			continue;
		}
		// A chunk up to the next whitespace or quote.
		let j = i;
		while (j < n && !/\s/.test(text[j]) && !'"«“„'.includes(text[j])) j++;
		const chunk = text.slice(i, j);
		i = j;
		const tokens = analyze(chunk);
		if (tokens.length === 0) continue;
		const starred = /\*\s*$/.test(chunk) && tokens.length > 0;
		if (negated && tokens.length > 1) {
			clauses.push({ type: 'phrase', terms: tokens.map((t) => t.term), negated, raw: chunk });
			continue;
		}
		tokens.forEach((t, k) => {
			const raw = chunk.slice(t.start, t.end);
			const last = k === tokens.length - 1;
			if (last && starred) {
				const prefix = prefixTerm(raw);
				if (prefix.length >= MIN_PREFIX) {
					clauses.push({ type: 'term', term: prefix, prefix: true, negated, raw: raw + '*' });
					return;
				}
			}
			if (!negated && (STOP_WORDS.has(t.norm) || STOP_WORDS.has(t.term))) {
				ignored.push(raw);
				return;
			}
			clauses.push({ type: 'term', term: t.term, prefix: false, negated, raw });
		});
	}
	return { clauses: dedupe(clauses), ignored };
}

/**
 * The index-side prefix for `слово*`. The index holds stems, and a stem may be shorter than the typed prefix
 * ("обращени*": the forms' stem is "обращен"), so the prefix is stemmed too: Snowball only strips endings,
 * so every word that starts with the typed text has a stem that starts with the stemmed prefix.
 */
export function prefixTerm(raw: string): string {
	const tokens = analyze(raw);
	if (tokens.length === 0) return '';
	const t = tokens[tokens.length - 1];
	const norm = raw.toLowerCase().replace(/ё/g, 'е').slice(t.start, t.end);
	if (/^[а-я]+$/.test(norm)) {
		const s = stem(norm);
		return norm.startsWith(s) ? s : norm;
	}
	return t.term;
}

function dedupe(clauses: QueryClause[]): QueryClause[] {
	const seen = new Set<string>();
	return clauses.filter((c) => {
		const key = `${c.negated ? '-' : '+'}${c.type === 'term' ? c.term + (c.prefix ? '*' : '') : '"' + c.terms.join(' ')}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

/** True when the query has at least one positive clause (a query of only exclusions has no results). */
export function hasPositive(q: ParsedQuery): boolean {
	return q.clauses.some((c) => !c.negated);
}

/** An FTS5 string literal. Terms contain only letters, digits, '-' and '.', but quote defensively anyway. */
function quote(s: string): string {
	return '"' + s.replace(/"/g, '""') + '"';
}

/** The FTS5 MATCH expression for a parsed query, or null when nothing can match. */
export function toFtsMatch(q: ParsedQuery): string | null {
	const expr = (c: QueryClause): string =>
		c.type === 'term' ? quote(c.term) + (c.prefix ? ' *' : '') : quote(c.terms.join(' '));
	const pos = q.clauses.filter((c) => !c.negated).map(expr);
	if (pos.length === 0) return null;
	let out = pos.length === 1 ? pos[0] : '(' + pos.join(' AND ') + ')';
	for (const c of q.clauses.filter((c) => c.negated)) out = `(${out} NOT ${expr(c)})`;
	return out;
}

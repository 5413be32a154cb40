/**
 * The search analysis pipeline, shared by indexing, querying and highlighting so that all three agree.
 *
 * Built on `tokenize` from core/analysis (lunr-languages' Russian Snowball stemmer, ё→е folding, digits, Latin
 * words and legal identifiers kept). On top of it, search needs:
 * - compound tokens ("210-ФЗ", "2.3.1", "информационно-телекоммуникационной") kept as ONE term whose
 *   Cyrillic parts are stemmed, so "информационно-телекоммуникационная" and "…ной" meet, and "210-ФЗ" is exact;
 * - the parts of compounds as extra terms, so "210" or "2022" alone still finds "210-ФЗ" or "20.04.2022";
 * - stop words dropped from free query terms only (the index keeps every token so phrases stay positional).
 */
import { stem, tokenize, type Token } from '../analysis';

/** Bump when the analysis changes: start-up then re-indexes acts analysed with an older version. */
export const ANALYZER_VERSION = 1;

/** Russian function words ignored as free query terms (they stay inside "phrases"). */
export const STOP_WORDS: ReadonlySet<string> = new Set(
	(
		'и в во не на с со о об обо от по к ко для из изо у за а но или либо что чтобы как то же при до без над ' +
		'под подо его ее их это этот эта эти также так ли бы ни да же через между перед после который которая ' +
		'которые которых которым которого которой том тех тем той всех все всего быть является являются'
	).split(' ')
);

const PART_SPLIT = /[-.]/;

/** The index term of one token: its normalized form with each Cyrillic part stemmed ("210-фз", "информационн-…"). */
export function termOf(token: Pick<Token, 'norm' | 'stem'>): string {
	if (!PART_SPLIT.test(token.norm)) return stemOf(token.norm, token.stem);
	return token.norm.replace(/[^-.]+/g, (part) => stemOf(part, stem(part)));
}

/**
 * Snowball turns some content words into function words ("прием" → "при"); such words keep their normal form,
 * otherwise "приём" would match every "при". ("приема" is stemmed to "прием", so the forms still meet.)
 */
function stemOf(norm: string, stemmed: string): string {
	return stemmed !== norm && STOP_WORDS.has(stemmed) && !STOP_WORDS.has(norm) ? norm : stemmed;
}

/** The parts of a compound token worth indexing on their own (two characters or more), stemmed. */
export function partsOf(token: Pick<Token, 'norm'>): string[] {
	if (!PART_SPLIT.test(token.norm)) return [];
	return token.norm
		.split(PART_SPLIT)
		.filter((p) => p.length >= 2)
		.map((p) => stem(p));
}

/** A term of a text with its offsets in the text. */
export interface TermToken {
	term: string;
	/** Lower-cased, ё→е folded surface form. */
	norm: string;
	parts: string[];
	start: number;
	end: number;
}

/** Tokens of a text as search terms with offsets. */
export function analyze(text: string): TermToken[] {
	return tokenize(text).map((t) => ({ term: termOf(t), norm: t.norm, parts: partsOf(t), start: t.start, end: t.end }));
}

/** The column values stored in the index for a piece of text: space-joined terms and compound parts. */
export function indexColumns(text: string): { terms: string; parts: string } {
	const terms: string[] = [];
	const parts: string[] = [];
	for (const t of tokenize(text)) {
		terms.push(termOf(t));
		for (const p of partsOf(t)) parts.push(p);
	}
	return { terms: terms.join(' '), parts: parts.join(' ') };
}

/** Requisites as one searchable text: вид, орган, номер, дата (as written in acts and ISO), регион. */
export function requisitesText(r: {
	kind: string | null;
	body: string | null;
	number: string | null;
	date: string | null;
	region: string | null;
}): string {
	const out: string[] = [];
	if (r.kind) out.push(r.kind);
	if (r.body) out.push(r.body);
	if (r.number) out.push(r.number);
	if (r.date) {
		const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(r.date);
		out.push(m ? `${m[3]}.${m[2]}.${m[1]} ${m[1]}` : r.date);
	}
	if (r.region) out.push(r.region);
	return out.join(' ; ');
}

/**
 * Russian text analysis shared by the rule engine and search: tokenization with offsets,
 * ё→е folding, lower-casing and lunr-languages' Russian (Snowball) stemming.
 * Latin words, digits and legal identifiers ("210-ФЗ", "2.3.1", "№") are kept, which lunr.ru alone would drop.
 */
import lunr from 'lunr';
import stemmerSupport from 'lunr-languages/lunr.stemmer.support.js';
import ru from 'lunr-languages/lunr.ru.js';

let registered = false;
/** Registers the lunr-languages plugins once and returns the configured lunr. */
export function lunrRu(): typeof lunr {
	if (!registered) {
		stemmerSupport(lunr);
		ru(lunr);
		registered = true;
	}
	return lunr;
}

export interface Token {
	/** Surface form as in the text. */
	raw: string;
	/** Lower-cased, ё→е folded form. */
	norm: string;
	/** Stem (Russian Snowball for Cyrillic words; the normalized form otherwise). */
	stem: string;
	start: number;
	end: number;
	/** Index of the token in the text. */
	index: number;
	/** Index of the sentence the token belongs to. */
	sentence: number;
}

// Words: letters (Cyrillic/Latin) and digits, with inner hyphens/dots for "210-ФЗ", "2.3.1", "e-mail", "WhatsApp".
const WORD = /[\p{L}\p{N}]+(?:[-.][\p{L}\p{N}]+)*/gu;
// A sentence ends at ., !, ?, ; or a line break followed by something, but not at dots inside numbers or abbreviations
// like "ст." followed by a digit/lowercase letter.
const SENTENCE_END = /[!?;]|\.(?=\s+[\p{Lu}«"(])|\n/u;

export function foldCase(s: string): string {
	return s.toLowerCase().replace(/ё/g, 'е');
}

const stemCache = new Map<string, string>();
export function stem(norm: string): string {
	const cached = stemCache.get(norm);
	if (cached !== undefined) return cached;
	let result = norm;
	if (/^[а-я]+$/.test(norm) && norm.length > 2) {
		const l = lunrRu() as unknown as { ru: { stemmer: (t: lunr.Token) => lunr.Token }; Token: typeof lunr.Token };
		result = l.ru.stemmer(new l.Token(norm, {})).toString();
	}
	if (stemCache.size > 200_000) stemCache.clear();
	stemCache.set(norm, result);
	return result;
}

/** Splits text into tokens with offsets and sentence numbers. */
export function tokenize(text: string): Token[] {
	const tokens: Token[] = [];
	let sentence = 0;
	let last = 0;
	for (const m of text.matchAll(WORD)) {
		const start = m.index!;
		const between = text.slice(last, start);
		if (tokens.length > 0 && SENTENCE_END.test(between + (text[start] ?? ''))) sentence++;
		const raw = m[0].replace(/\.$/, '');
		const norm = foldCase(raw);
		tokens.push({ raw, norm, stem: stem(norm), start, end: start + raw.length, index: tokens.length, sentence });
		last = start + raw.length;
	}
	return tokens;
}

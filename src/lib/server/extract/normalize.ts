/** Text normalisation shared by all extractors: NFC, no-break spaces, common mojibake, trimming. */

const NBSP_RE = /[\u00a0\u2007\u202f\u2000-\u200a\u3000]/g;
const ZERO_WIDTH_RE = /[\u200b\u200c\u200d\u2060\ufeff\u00ad]/g;
// "№" saved as UTF-8 and read back as Windows-1251 becomes "в„–".
const MOJIBAKE_NUMERO_RE = /в„–/g;

/** Normalises one paragraph; the result may be empty (callers drop empty paragraphs). */
export function normalizeParagraph(text: string): string {
	return text
		.normalize('NFC')
		.replace(MOJIBAKE_NUMERO_RE, '№')
		.replace(NBSP_RE, ' ')
		.replace(ZERO_WIDTH_RE, '')
		.replace(/\r\n?/g, '\n')
		.replace(/[ \t\f\v]+/g, ' ')
		.replace(/ *\n */g, '\n')
		.trim();
}

/** Normalises a list of paragraphs and drops the empty ones, keeping the page of each. */
export function normalizeBlocks<T extends { text: string }>(blocks: T[]): T[] {
	const out: T[] = [];
	for (const b of blocks) {
		const text = normalizeParagraph(b.text);
		if (text) out.push({ ...b, text });
	}
	return out;
}

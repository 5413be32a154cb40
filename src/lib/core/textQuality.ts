/**
 * Detects a PDF text layer that exists but is garbage (broken font encodings give "ÐŸÐ¾Ñ", "????", private-use
 * glyphs): such a document needs OCR as much as a scan does.
 */
export function looksLikeGarbage(text: string): boolean {
	const sample = text.slice(0, 20_000);
	const letters = sample.match(/[\p{L}]/gu)?.length ?? 0;
	const visible = sample.replace(/\s/g, '').length;
	if (visible < 40) return false;
	const cyrLatin = sample.match(/[А-Яа-яЁёA-Za-z]/g)?.length ?? 0;
	const digitsPunct = sample.match(/[\d.,;:!?()«»"'№%\-–—/]/g)?.length ?? 0;
	const sane = (cyrLatin + digitsPunct) / visible;
	// Words of Cyrillic letters should mostly contain a vowel.
	const words = sample.match(/[А-Яа-яЁё]{3,}/g) ?? [];
	const vowelless = words.filter((w) => !/[аеёиоуыэюяАЕЁИОУЫЭЮЯ]/.test(w)).length;
	const vowelRatio = words.length ? vowelless / words.length : 0;
	return sane < 0.8 || letters / visible < 0.5 || (words.length >= 20 && vowelRatio > 0.3);
}

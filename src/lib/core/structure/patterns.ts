/**
 * Recognisers of the structural markers of Russian legal technique (пункт, подпункт, раздел, глава,
 * статья, приложение, approval stamp, преамбула, подпись) and small helpers for paths.
 * Pure functions over one line of text; no state.
 */

const TRANSLIT: Record<string, string> = {
	а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k',
	л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts',
	ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'eh', ю: 'yu', я: 'ya'
};

/** Transliterates to a path-safe token: only [a-z0-9.-_]. */
export function pathToken(s: string): string {
	let out = '';
	for (const ch of s.toLowerCase()) {
		if (TRANSLIT[ch] !== undefined) out += TRANSLIT[ch];
		else if (/[a-z0-9._-]/.test(ch)) out += ch;
		else out += '_';
	}
	return out.replace(/_+/g, '_').replace(/^[._-]+|[._-]+$/g, '') || 'x';
}

const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };

/** Roman numeral to number, or null when it is not a well-formed small roman numeral. */
export function romanToInt(s: string): number | null {
	if (!/^[IVXLCDM]+$/.test(s)) return null;
	let total = 0;
	for (let i = 0; i < s.length; i++) {
		const v = ROMAN[s[i]];
		const next = ROMAN[s[i + 1]] ?? 0;
		total += v < next ? -v : v;
	}
	return total > 0 && total < 400 ? total : null;
}

/** Letters used for подпункты, in order (й, ё, ъ, ы, ь are not used). */
export const SUB_LETTERS = 'абвгдежзиклмнопрстуфхцчшщэюя';

/** Is `cand` the next подпункт marker after `prev` (null: the first of a list)? */
export function isNextSub(prev: string | null, cand: string): boolean {
	if (/^\d+$/.test(cand)) {
		if (prev === null) return cand === '1';
		return /^\d+$/.test(prev) && Number(cand) === Number(prev) + 1;
	}
	const i = SUB_LETTERS.indexOf(cand);
	if (i < 0) return false;
	if (prev === null) return i === 0;
	return SUB_LETTERS.indexOf(prev) === i - 1;
}

/**
 * Is `cand` ("2.3") a plausible next пункт number after `prev` ("2.2.4")? Allowed: the first child
 * ("2.2.4.1"), or the increment of any level ("2.2.5", "2.3", "3"). With no previous number, a list
 * may start anywhere whose last component is 1 ("1", "1.1", "3.1.1" in a fragment).
 */
export function isNextPoint(prev: string | null, cand: string): boolean {
	const c = cand.split('.').map(Number);
	if (prev === null) return c[c.length - 1] === 1;
	const p = prev.split('.').map(Number);
	if (c.length === p.length + 1 && c[c.length - 1] === 1 && p.every((v, i) => v === c[i])) return true;
	if (c.length > p.length) return false;
	for (let i = 0; i < c.length - 1; i++) if (c[i] !== p[i]) return false;
	return c[c.length - 1] === p[c.length - 1] + 1;
}

export interface Marker {
	/** Number as written, without trailing dot ("2.3", "а", "II"). */
	number: string;
	/** Length of the marker including following spaces. */
	length: number;
}

/** A пункт number at the start of a line: "1.", "1.1.", "2.3.1.", "1.Утвердить", "1.1 Текст" (multi-level without dot). */
export function pointAtStart(t: string): Marker | null {
	const m = /^(\d{1,3}(?:\.\d{1,3}){0,5})(?!\d)(\.?)(\s*)/.exec(t);
	if (!m) return null;
	const num = m[1];
	if (num.split('.').some((c) => c.length > 1 && c.startsWith('0'))) return null;
	const rest = t.slice(m[0].length);
	// A number alone on its line ("2.2." whose text was wrapped onto the next lines by a PDF converter).
	if (!rest) return m[2] && !m[3] ? { number: num, length: m[0].length } : null;
	if (!m[2]) {
		// "1.1 Текст": only a multi-level number followed by a space and a capital letter.
		if (!num.includes('.') || !m[3] || !/^[«"„(A-ZА-ЯЁ]/.test(rest)) return null;
	} else if (!/^[\p{L}«"„(]/u.test(rest) && !/^\d{1,3}\.\s/.test(rest)) {
		// "2. 2. Контроль" (a duplicated number) is still a пункт; "16.02.2024" is not.
		return null;
	}
	// A date or a year at the start of a line is not a пункт ("1.01. 2020", "12. 2019 г.").
	if (/^\d{4}\b/.test(rest)) return null;
	return { number: num, length: m[0].length };
}

/** A подпункт marker at the start of a line: "а)", "б)", "1)", "12)". */
export function subAtStart(t: string): Marker | null {
	const m = /^([а-яё]|\d{1,2})\)(\s*)/u.exec(t);
	if (!m || m[0].length >= t.length) return null;
	if (/^\d/.test(m[1]) && m[1].startsWith('0')) return null;
	if (!/^\d/.test(m[1]) && !SUB_LETTERS.includes(m[1])) return null;
	return { number: m[1], length: m[0].length };
}

/** A dash- or bullet-started абзац: "- …", "– …", "— …", "• …". */
export function isDashItem(t: string): boolean {
	return /^[-–—•·▪]\s*\S/.test(t);
}

export interface Heading {
	kind: 'section' | 'chapter' | 'article';
	number: string;
	/** Numeric value used in the path ("II" → 2). */
	value: string;
}

/** Раздел / глава / статья heading at the start of a line. */
export function headingAtStart(t: string): Heading | null {
	let m = /^(?:РАЗДЕЛ|Раздел)\s+([IVXLC]{1,7}|\d{1,3})(?![\p{L}\d])\.?/u.exec(t);
	if (m) return { kind: 'section', number: m[1], value: numValue(m[1]) };
	m = /^([IVXLC]{1,7})\.\s+[\p{Lu}«"]/u.exec(t);
	if (m && romanToInt(m[1]) !== null) return { kind: 'section', number: m[1], value: numValue(m[1]) };
	m = /^(?:ГЛАВА|Глава)\s+([IVXLC]{1,7}|\d{1,3})(?![\p{L}\d])\.?/u.exec(t);
	if (m) return { kind: 'chapter', number: m[1], value: numValue(m[1]) };
	m = /^(?:СТАТЬЯ|Статья)\s+(\d{1,3}(?:\.\d{1,2})?)(?![\p{L}\d])\.?/u.exec(t);
	if (m) return { kind: 'article', number: m[1], value: m[1] };
	return null;
}

function numValue(s: string): string {
	const r = romanToInt(s);
	return r !== null ? String(r) : s;
}

/** "Приложение № 1 к постановлению …", "ПРИЛОЖЕНИЕ 2", "Приложение". Returns the number as written, or '' when absent. */
export function appendixAtStart(t: string): { number: string } | null {
	const m = /^(?:ПРИЛОЖЕНИЕ|Приложение)(?:\s*(?:№|N|в„–)\s*(\d{1,3})|\s+(\d{1,3}))?(?=$|[\s.,:])/u.exec(t);
	if (!m) return null;
	if (t.length > 300) return null;
	// "Приложение к заявлению оформляется …" is a sentence, not a heading.
	if (/[.;]$/.test(t) && !/\bк\s+(?:постановлени|распоряжени|приказ|решени|регламент|положени|порядк)/iu.test(t)) return null;
	return { number: m[1] ?? m[2] ?? '' };
}

/** The approval stamp that opens an approved document: «УТВЕРЖДЕН постановлением …», «Утверждено», «УТВЕРЖДАЮ». */
export function isApprovalStamp(t: string): boolean {
	return /^(?:УТВЕРЖДЕН[АОЫ]?|Утвержден[аоы]?|УТВЕРЖДАЮ|Утверждаю)(?=$|[\s.:,])/u.test(t);
}

/** Title of an approved document: «АДМИНИСТРАТИВНЫЙ РЕГЛАМЕНТ», «Положение об …», «Порядок …». */
export function docTitleAtStart(t: string): { kind: string } | null {
	const m =
		/^(АДМИНИСТРАТИВНЫЙ\s+РЕГЛАМЕНТ|Административный\s+регламент|ПОЛОЖЕНИЕ|Положение|ПОРЯДОК|Порядок|ПРАВИЛА|Правила|ИНСТРУКЦИЯ|Инструкция|ПЕРЕЧЕНЬ|Перечень|РЕГЛАМЕНТ|Регламент|СТАНДАРТ|Стандарт|ПРОГРАММА|Программа|МЕТОДИКА|Методика)(?=$|\s)/u.exec(
			t
		);
	if (!m) return null;
	return { kind: m[1].toLowerCase().replace(/\s+/g, ' ') };
}

/** Is the line entirely in capital letters (ignoring non-letters)? */
export function isAllCaps(t: string): boolean {
	const letters = t.replace(/[^\p{L}]/gu, '');
	return letters.length >= 3 && letters === letters.toUpperCase();
}

/** Opening words of a преамбула (regex source, capitalised: a sentence start). */
export const PREAMBLE_OPENER_WORDS =
	'(?:В\\s+соответствии\\s+с|В\\s+целях|Руководствуясь|На\\s+основании|Во\\s+исполнение|Согласно|В\\s+связи\\s+с|В\\s+рамках|С\\s+целью|Рассмотрев|Учитывая)';

/** A line that opens a преамбула. */
export const PREAMBLE_OPENER = new RegExp(`^${PREAMBLE_OPENER_WORDS}(?=\\s)`, 'u');

/** Kinds of acts named by a heading word («ПОСТАНОВЛЕНИЕ»). */
export const ACT_KINDS = ['постановление', 'распоряжение', 'приказ', 'указ', 'закон', 'решение'] as const;
const KIND_WORD_RE = new RegExp(`^(?:${ACT_KINDS.join('|')})$`, 'iu');

/**
 * The kind of act when the line is its heading word alone, also letter-spaced («П О С Т А Н О В Л Е Н И Е») or
 * letter-spaced with uneven gaps («П О С Т А Н О В ЛЕ Н И Е»); otherwise null.
 */
export function kindWordOf(line: string): string | null {
	const squeezed = line.replace(/(?<=\p{L})\s(?=\p{L}(?:\s|$))/gu, '');
	if (KIND_WORD_RE.test(squeezed)) return squeezed.replace(/\s+/g, '').toLowerCase();
	const pieces = line.trim().split(/\s+/);
	if (pieces.length >= 4 && pieces.filter((x) => x.length === 1).length >= pieces.length * 0.6 && KIND_WORD_RE.test(pieces.join('')))
		return pieces.join('').toLowerCase();
	return null;
}

/** In-line opener for flattened text (after a title); the capital «В» marks a sentence start. */
export const PREAMBLE_OPENER_INLINE = /(?<=[\s»"”)\]])(?:В\s+соответствии\s+с|В\s+целях|Руководствуясь|На\s+основании|Во\s+исполнение)(?=\s)/gu;

/** The enacting words that end a преамбула: «постановляет:», «ПОСТАНОВЛЯЮ:», «п о с т а н о в л я е т:», «приказываю:». */
export const PREAMBLE_VERB =
	/(?:п\s?о\s?с\s?т\s?а\s?н\s?о\s?в\s?л\s?я\s?[ею]\s?т?|п\s?р\s?и\s?к\s?а\s?з\s?ы\s?в\s?а\s?[юе]\s?т?|распоряжа(?:юсь|ется)|решил[аио]?|постановил[аио]?|обязываю)\s*:/giu;

/** Which вид of act the enacting verb implies. */
export function kindFromVerb(verb: string): string | null {
	const v = verb.replace(/\s+/g, '').toLowerCase();
	if (v.startsWith('постановля') || v.startsWith('постановил')) return 'постановление';
	if (v.startsWith('приказыва')) return 'приказ';
	if (v.startsWith('распоряжа')) return 'распоряжение';
	if (v.startsWith('решил')) return 'решение';
	return null;
}

const POSITION =
	/^(?:Глава|Руководитель|Министр|Губернатор|Председатель|Директор|Начальник|Заместитель|Первый\s+заместитель|Временно\s+исполняющий|Исполняющий|И\.\s?о\.|Врио|Мэр|Управляющий|Заведующ\p{L}*|Секретарь)(?=\s|$)/u;
const INITIALS = /(?:^|[\s|/_])[А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?(?=$|[\s|,])|(?:^|\s)[А-ЯЁ][а-яё]+\s+[А-ЯЁ]\.\s?[А-ЯЁ]\.(?=$|[\s|,])/u;

/** A signature line: a position and/or a name with initials, short, not a sentence. */
export function isSignatureLine(t: string): boolean {
	if (t.length > 140) return false;
	if (/[;:]$/.test(t)) return false;
	if (INITIALS.test(t)) return true;
	// A position alone («Глава администрации района»), not a sentence about one that wraps onto the next line.
	return (
		POSITION.test(t) &&
		!/[.,]$/.test(t) &&
		t.split(/\s+/).length <= 10 &&
		!/\s(?:за|в|во|с|со|на|и|или|по|к|о|об|от|для|при|из|а|но)$/u.test(t) &&
		!/в\s+соответствии|осуществля|обеспечива|возлага|является|вправе|обязан/u.test(t)
	);
}

/** Words right before a number that make it a reference, not a пункт («от 01.11.2011», «п. 2.3», «пунктом 2.6»). */
export const REFERENCE_BEFORE =
	/(?:^|[\s(«"])(?:от|№|N|в„–|ст|стат\p{L}*|п|пп|пункт\p{L}*|подпункт\p{L}*|ч|част\p{L}*|приложени\p{L}*|раздел\p{L}*|глав\p{L}*|абзац\p{L}*|г|гг|год\p{L}*|форм\p{L}*|табл\p{L}*|рис|лист\p{L}*|и|или|до|по|с|на|к|в|за|не|более|менее|чем|свыше|около|до|-|–|—)\.?\s*$/iu;

/** Text helpers for requisites: dates, numbers, capitalisation of UPPER CASE headings, glued words. */
import { PREAMBLE_OPENER_WORDS } from './patterns';

const MONTHS = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];
/** The months in the genitive as a regex group («12 марта»). */
export const MONTHS_GEN = `(?:${MONTHS.join('|')})`;

export interface Found {
	value: string;
	index: number;
	end: number;
}

function iso(y: number, m: number, d: number): string | null {
	if (m < 1 || m > 12 || d < 1 || y < 1900 || y > 2100) return null;
	const dt = new Date(Date.UTC(y, m - 1, d));
	if (dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
	return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The first valid date in `s` as ISO YYYY-MM-DD: «07.12.2022», «07 декабря 2022 г.», «от 14 марта 2018 года», «"4" сентября 2020». */
export function findDate(s: string): Found | null {
	const found: Found[] = [];
	for (const m of s.matchAll(/(?<![\d.])(\d{1,2})\s?\.\s?(\d{1,2})\s?\.\s?(\d{4}|\d{2})(?![\d])/gu)) {
		let y = Number(m[3]);
		if (m[3].length === 2) y += y > 50 ? 1900 : 2000;
		const v = iso(y, Number(m[2]), Number(m[1]));
		if (v) found.push({ value: v, index: m.index, end: m.index + m[0].length });
	}
	const monthRe = new RegExp(`(?<!\\d)[«"]?(\\d{1,2})[»"]?\\s*(${MONTHS.join('|')})\\s+(\\d{4})`, 'giu');
	for (const m of s.matchAll(monthRe)) {
		const v = iso(Number(m[3]), MONTHS.indexOf(m[2].toLowerCase()) + 1, Number(m[1]));
		if (v) found.push({ value: v, index: m.index, end: m.index + m[0].length });
	}
	found.sort((a, b) => a.index - b.index);
	return found[0] ?? null;
}

/** The first act number in `s` as written without «№»: «№ 1150» → «1150», «N 20-пр» → «20-пр», «№21» → «21». */
export function findNumber(s: string): Found | null {
	const m = /(?:^|[\s(,])(?:№|N|в„–)\s*(\d[\dA-Za-zА-Яа-яЁё]*(?:[-/.][\dA-Za-zА-Яа-яЁё]+)*)/u.exec(s);
	if (!m) return null;
	let value = m[1].replace(/[.]+$/, '');
	const index = m.index + m[0].indexOf(m[1]);
	let end = index + m[1].length;
	// «N 311 р»: a letter suffix after a space, when it ends the line (not «№ 134 п. Красноармейский», «№ 8 от …»).
	const suffix = /^\s([а-яё]{1,3})\s*$/u.exec(s.slice(end));
	if (suffix && !/^(?:г|от|и|в|с|к|о|об|на|по)$/u.test(suffix[1]) && value === m[1]) {
		value += ' ' + suffix[1];
		end += suffix[0].trimEnd().length;
	}
	return { value, index, end };
}

/** Separates glued words: «Администрациясельского» → «Администрация сельского», «районаМурманской» → «района Мурманской». */
export function unglue(s: string): string {
	return s
		.replace(/([а-яё])([А-ЯЁ])/gu, '$1 $2')
		.replace(/(^|\s)(Администрац(?:ия|ии))(?=[а-яё])/gu, '$1$2 ')
		.replace(/(^|\s)(от)(?=\d)/gu, '$1$2 ');
}

/** Is the text mostly in capital letters (an UPPER CASE heading)? */
export function mostlyCaps(s: string): boolean {
	const letters = s.replace(/[^\p{L}]/gu, '');
	if (letters.length < 4) return false;
	const upper = letters.replace(/[^\p{Lu}]/gu, '').length;
	return upper / letters.length > 0.8;
}

/** Common words of organ names that stay lower-case («муниципального образования», «области»). */
const COMMON = new Set(
	(
		'администрация администрации муниципального муниципальный муниципальное муниципальная муниципальных образования образование ' +
		'района район районный районного области область края край округа округ сельского сельское сельский поселения поселение ' +
		'городского городское городской городского сельсовета сельсовет поссовета поссовет поселок поселка посёлок посёлка село села ' +
		'город города станица станицы деревня деревни министерство министерства юстиции агентство агентства государственных ' +
		'государственного государственное государственная закупок департамент департамента управление управления комитет комитета ' +
		'по и в на с о об для при делам вопросам здравоохранения культуры финансов экономического экономики развития имущественных ' +
		'земельных отношений социальной защиты населения труда занятости дорожного хозяйства строительства архитектуры ' +
		'глава главы совет совета депутатов собрание собрания представительное ' +
		'дума думы служба службы инспекция инспекции казенное казённое бюджетное автономное учреждение учреждения общеобразовательное ' +
		'общеобразовательная средняя основная школа гимназия лицей территории территориального территориальный информационной ' +
		'политики цифрового связи массовых коммуникаций молодежной молодёжной спорта туризма промышленности торговли лесного природных ' +
		'ресурсов экологии транспорта жилищно-коммунального энергетики тарифам контрольно-счетная контрольно-счётная палата ' +
		'избирательная комиссия исполнительный мэрия мэр аппарат образования науки просвещения внутренних дел имущества ' +
		'сельских городских муниципальной окружной краевой областной районной исполнительной власти органов органа местного самоуправления ' +
		'администраций учреждений образовательное дошкольное детский сад'
	).split(/\s+/)
);

const TERRITORY_TYPE = /^(?:области|края|района|округа|республики|поселения|сельсовета|поссовета|города|поселка|посёлка|образования)$/u;

function capitalize(w: string): string {
	return w
		.split('-')
		.map((p) => (p ? p.charAt(0).toUpperCase() + p.slice(1) : p))
		.join('-');
}

/**
 * Normalises the capitalisation of an UPPER CASE organ name: common words lower-case, proper names and
 * words after an opening quote capitalised. «АДМИНИСТРАЦИЯ МУНИЦИПАЛЬНОГО ОБРАЗОВАНИЯ «ИНЗЕНСКИЙ РАЙОН» УЛЬЯНОВСКОЙ ОБЛАСТИ»
 * → «Администрация муниципального образования «Инзенский район» Ульяновской области».
 */
export function normalizeOrganCase(s: string): string {
	if (!mostlyCaps(s)) return s;
	const words = s.toLowerCase().split(/\s+/).filter(Boolean);
	// The organ's field after «по» («КОМИТЕТ ПО КУЛЬТУРЕ И ТУРИЗМУ») is common words up to the territory, whose proper
	// adjective stands before a type noun («… ЛЕНИНГРАДСКОЙ ОБЛАСТИ») or is a hyphenated name («САНКТ-ПЕТЕРБУРГА»).
	let field = false;
	return words
		.map((w, i) => {
			const m = /^([«"„(]*)(.*?)([»"”),.;:]*)$/u.exec(w)!;
			const [, pre, core, post] = m;
			if (!core) return w;
			const afterQuote = /[«"„]/.test(pre);
			if (core === 'по') field = true;
			else if (field && (afterQuote || core.includes('-') || (/(?:ого|его|ой|ей|ых|их)$/u.test(core) && TERRITORY_TYPE.test(words[i + 1] ?? '')) || TERRITORY_TYPE.test(core))) field = false;
			if (i === 0 || afterQuote) return pre + capitalize(core) + post;
			if (COMMON.has(core) || !/\p{L}/u.test(core) || field) return pre + core + post;
			return pre + capitalize(core) + post;
		})
		.join(' ');
}

/**
 * Normalises the capitalisation of an UPPER CASE title: sentence case, a capital after an opening quote and for
 * the name of the approved document («ОБ УТВЕРЖДЕНИИ ПОЛОЖЕНИЯ ОБ …» → «Об утверждении Положения об …»).
 */
export function normalizeTitleCase(s: string, names: ReadonlyMap<string, string> = new Map()): string {
	if (!mostlyCaps(s)) return s;
	let out = s.toLowerCase();
	// Proper names written with a capital elsewhere in the act («города Ульяновска»).
	out = out.replace(/\p{L}+(?:-\p{L}+)?/gu, (w) => names.get(w) ?? w);
	out = out.charAt(0).toUpperCase() + out.slice(1);
	out = out.replace(/([«"„]\s*)(\p{L})/gu, (_, q: string, l: string) => q + l.toUpperCase());
	out = out.replace(/(утверждении\s+)(\p{L})/u, (_, a: string, l: string) => a + l.toUpperCase());
	// The charter of a municipality or a subject is a proper name: «в Устав … сельского муниципального образования».
	out = out.replace(/(?<=\s)устав(?=(?:а|у|ом|е)?(?:\s|$))/gu, 'Устав');
	return out;
}

/** Nominative of the first word of an organ name in the genitive («Администрации …» → «Администрация …»). */
const GEN_TO_NOM: Record<string, string> = {
	администрации: 'администрация',
	агентства: 'агентство',
	министерства: 'министерство',
	правительства: 'правительство',
	главы: 'глава',
	губернатора: 'губернатор',
	департамента: 'департамент',
	комитета: 'комитет',
	управления: 'управление',
	мэрии: 'мэрия',
	мэра: 'мэр',
	думы: 'дума',
	совета: 'совет',
	собрания: 'собрание',
	службы: 'служба',
	инспекции: 'инспекция',
	президента: 'президент',
	директора: 'директор',
	председателя: 'председатель',
	руководителя: 'руководитель',
	аппарата: 'аппарат',
	палаты: 'палата',
	комиссии: 'комиссия',
	кабинета: 'кабинет'
};

export function organToNominative(s: string): string {
	const m = /^(\p{L}+)(.*)$/su.exec(s);
	if (!m) return s;
	const nom = GEN_TO_NOM[m[1].toLowerCase()];
	if (!nom) return s;
	const word = m[1] === m[1].toUpperCase() ? nom.toUpperCase() : nom.charAt(0).toUpperCase() + nom.slice(1);
	return word + m[2];
}

/** Words an organ name starts with (nominative or genitive), matched case-insensitively. */
export const ORGAN_START =
	/(?<![\p{L}])(?:Администраци[яи]|Министерств[оа]|Правительств[оа]|Агентств[оа]|Департамент[а]?|Комитет[а]?|Управлени[ея]|Глав[аы]|Губернатор[а]?|Президент[а]?|Кабинет[а]?\s+Министров|Мэри[яи]|Мэр[а]?|Дум[аы]|Совет[а]?|Собрани[ея]|Служб[аы]|Инспекци[яи]|Законодательн\p{L}+|Государственн\p{L}+\s+(?:Совет[а]?|Собрани[ея]|Дум[аы]|комитет[а]?|инспекци[яи]|служб[аы])|Муниципальн\p{L}+\s+(?:казенн|казённ|бюджетн|автономн)\p{L}*|Государственн\p{L}+\s+(?:казенн|казённ|бюджетн|автономн)\p{L}*|Представительн\p{L}+\s+орган\p{L}*|Контрольно-сч[её]тн\p{L}+|Избирательн\p{L}+\s+комисси\p{L}+|Территориальн\p{L}+\s+(?:избирательн|орган)\p{L}*)(?![\p{L}])/iu;

/** Removes wrapping quotes and a trailing dot, collapses spaces. */
/**
 * Where an editorial note or the преамбула runs on after a title in the same paragraph (PDF lines joined, aggregator
 * copies): «… Постановлением … от … признано утратившим силу», «(в ред. …)», «Утратил силу …», a list of amendment
 * dates («11 июля, 18 августа … 2005 г.»), a capitalised preamble opener («В соответствии с …»).
 */
const TITLE_TAIL = new RegExp(
	[
		'\\s(?:Постановлением|Распоряжением|Решением|Приказом|Законом|Указом|Определением)\\s[^«»"]{0,240}?(?:признан[аоы]?\\s+утратившим|утратил[аио]?\\s+силу|отказано|прекращено)',
		'\\s\\(\\s*в\\s+ред(?:\\.|акции)',
		'\\s(?:Документ\\s+)?[Уу]тратил[аио]?\\s+силу',
		`\\s\\d{1,2}\\s+${MONTHS_GEN}(?:,\\s*\\d{1,2}(?:\\s+${MONTHS_GEN})?){2,}`,
		`\\s${PREAMBLE_OPENER_WORDS}\\s`
	].join('|'),
	'u'
);

export function cleanTitle(s: string): string {
	let t = s.replace(/\s+/g, ' ').trim();
	const tail = TITLE_TAIL.exec(t);
	if (tail && tail.index > 10) t = t.slice(0, tail.index).trim();
	t = t.replace(/[.\s]+$/u, '');
	const pairs: Record<string, string> = { '"': '"', '«': '»', '“': '”', '„': '“' };
	const close = pairs[t.charAt(0)];
	if (t.charAt(0) === '"' && t.endsWith('"') && t.length > 1) {
		// Straight quotes: one after a space (or at the start) opens, any other closes. Nested titles often share the
		// closing quote with the wrapping one («"О … "Муниципальный район "Заполярный район"»): then only the opening
		// quote is the wrapper's.
		const opens = (t.match(/(?:^|(?<=[\s(]))"/g) ?? []).length;
		const closes = (t.match(/"/g) ?? []).length - opens;
		return (opens === closes ? t.slice(1, -1) : opens > closes ? t.slice(1) : t).trim();
	}
	if (close && t.endsWith(close)) {
		const inner = t.slice(1, -1);
		// Only when the quotes wrap the whole title (the inner text has balanced quotes of its own).
		const opens = (inner.match(/[«"]/g) ?? []).length;
		const closes = (inner.match(/[»"]/g) ?? []).length;
		if (t.charAt(0) === '"' ? (inner.match(/"/g) ?? []).length % 2 === 0 : opens === closes) t = inner.trim();
	}
	// «"О … "Лучшее муниципальное образование …"»: the wrapping quote shares its closing quote with a nested one.
	if (/^["«]\s*(?:О|Об|ОБ)\s/u.test(t)) {
		const straight = (t.match(/"/g) ?? []).length;
		const opens = (t.match(/«/g) ?? []).length;
		const closes = (t.match(/»/g) ?? []).length;
		if (t.charAt(0) === '"' ? straight % 2 === 1 : opens > closes) t = t.slice(1).trim();
	}
	return t;
}

/**
 * An organ name in the nominative, as it opens an organ line of a heading block or is the subject of the enacting
 * sentence («Администрация …», «ГЛАВА ПОСЕЛКА», «Кабинет Министров …»); adjectives before it are added by the caller.
 */
export const ORGAN_NOM =
	/(?<![\p{L}])(?:Администрация|Министерство|Правительство|Агентство|Департамент|Комитет|Управление|Глава|Губернатор|Президент|Кабинет\s+Министров|Мэрия|Мэр|Дума|Совет|Собрание|Служба|Инспекция|Палата|Комиссия|Аппарат|Хурал|Курултай|Парламент|Муниципальн\p{L}+\s+(?:казенн|казённ|бюджетн|автономн)\p{L}*|Государственн\p{L}+\s+(?:казенн|казённ|бюджетн|автономн)\p{L}*|Представительный\s+орган)(?![\p{L}])/iu;

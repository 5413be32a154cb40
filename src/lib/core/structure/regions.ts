/**
 * The 89 subjects of the Russian Federation with patterns matching their nominative, genitive, dative and
 * prepositional forms («Ульяновская область», «Ульяновской области», «Алтайского края», «Республики Мордовия»,
 * «Чувашской Республики»). Matching is done on lower-cased text with ё folded to е.
 */

interface Subject {
	name: string;
	re: RegExp;
}

const ADJ_F = '(?:ая|ой|ую)'; // feminine adjective endings (область, республика)
const ADJ_M = '(?:ий|ый|ого|ому|ом|им|ым)'; // masculine (край, округ)
const OBL = '\\s+област(?:ь|и|ью)';
const KRAI = '\\s+кра(?:й|я|ю|е|ем)';
const REP = 'республик(?:а|и|е|у|ой)';
const AO = `\\s+автономн${ADJ_M}\\s+округ(?:а|у|е|ом)?`;
// Left boundary: not preceded by a letter or a hyphen («Ямало-Ненецкого» must not match «Ненецкого»).
const L = '(?<![а-яa-z-])';

const OBLASTI = [
	'Амурская', 'Архангельская', 'Астраханская', 'Белгородская', 'Брянская', 'Владимирская', 'Волгоградская',
	'Вологодская', 'Воронежская', 'Запорожская', 'Ивановская', 'Иркутская', 'Калининградская', 'Калужская',
	'Кемеровская', 'Кировская', 'Костромская', 'Курганская', 'Курская', 'Ленинградская', 'Липецкая', 'Магаданская',
	'Московская', 'Мурманская', 'Нижегородская', 'Новгородская', 'Новосибирская', 'Омская', 'Оренбургская',
	'Орловская', 'Пензенская', 'Псковская', 'Ростовская', 'Рязанская', 'Самарская', 'Саратовская', 'Сахалинская',
	'Свердловская', 'Смоленская', 'Тамбовская', 'Тверская', 'Томская', 'Тульская', 'Тюменская', 'Ульяновская',
	'Херсонская', 'Челябинская', 'Ярославская'
];
const KRAYA = ['Алтайский', 'Забайкальский', 'Камчатский', 'Краснодарский', 'Красноярский', 'Пермский', 'Приморский', 'Ставропольский', 'Хабаровский'];
/** Republics named «Республика X»: [name, pattern of X in lower case]. */
const REP_NAMED: [string, string][] = [
	['Адыгея', 'адыге(?:я|и)'],
	['Алтай', 'алта(?:й|я|е)(?![а-я])'],
	['Башкортостан', 'башкортостан'],
	['Бурятия', 'бурят(?:ия|ии)'],
	['Дагестан', 'дагестан'],
	['Ингушетия', 'ингушет(?:ия|ии)'],
	['Калмыкия', 'калмык(?:ия|ии)'],
	['Карелия', 'карел(?:ия|ии)'],
	['Коми', 'коми(?![а-я])'],
	['Крым', 'крым'],
	['Марий Эл', 'марий\\s+эл'],
	['Мордовия', 'мордов(?:ия|ии)'],
	['Саха (Якутия)', 'саха'],
	['Северная Осетия — Алания', 'северн(?:ая|ой)\\s+осет(?:ия|ии)'],
	['Татарстан', 'татарстан'],
	['Тыва', 'тыв(?:а|ы|е)(?![а-я])'],
	['Хакасия', 'хакас(?:ия|ии)']
];
/** Republics named «X Республика». */
const REP_ADJ = ['Кабардино-Балкарская', 'Карачаево-Черкесская', 'Удмуртская', 'Чеченская', 'Чувашская'];

function stem(adj: string): string {
	return adj.toLowerCase().replace(/ё/g, 'е').replace(/(?:ая|ий|ый)$/, '');
}

function build(): Subject[] {
	const out: Subject[] = [];
	for (const a of OBLASTI) out.push({ name: `${a} область`, re: new RegExp(`${L}${stem(a)}${ADJ_F}${OBL}`, 'u') });
	for (const a of KRAYA) out.push({ name: `${a} край`, re: new RegExp(`${L}${stem(a)}${ADJ_M}${KRAI}`, 'u') });
	for (const [n, p] of REP_NAMED) out.push({ name: `Республика ${n}`, re: new RegExp(`${L}${REP}\\s+${p}`, 'u') });
	for (const a of REP_ADJ) out.push({ name: `${a} Республика`, re: new RegExp(`${L}${stem(a)}${ADJ_F}\\s+${REP}`, 'u') });
	out.push({ name: 'Донецкая Народная Республика', re: new RegExp(`${L}донецк${ADJ_F}\\s+народн${ADJ_F}\\s+${REP}`, 'u') });
	out.push({ name: 'Луганская Народная Республика', re: new RegExp(`${L}луганск${ADJ_F}\\s+народн${ADJ_F}\\s+${REP}`, 'u') });
	out.push({ name: 'Москва', re: /(?<![а-яa-z-])(?:город(?:а|е|ом)?|г\.)\s*москв(?:а|ы|е|ой)(?![а-я])/u });
	out.push({ name: 'Санкт-Петербург', re: /(?<![а-яa-z-])санкт-петербург(?:а|е|ом)?(?![а-я])/u });
	out.push({ name: 'Севастополь', re: /(?<![а-яa-z-])(?:город(?:а|е|ом)?|г\.)\s*севастопол(?:ь|я|е|ем)(?![а-я])/u });
	out.push({ name: 'Еврейская автономная область', re: new RegExp(`${L}еврейск${ADJ_F}\\s+автономн${ADJ_F}${OBL}`, 'u') });
	out.push({ name: 'Ненецкий автономный округ', re: new RegExp(`${L}ненецк${ADJ_M}${AO}`, 'u') });
	out.push({ name: 'Ханты-Мансийский автономный округ — Югра', re: new RegExp(`${L}ханты-мансийск${ADJ_M}${AO}`, 'u') });
	out.push({ name: 'Чукотский автономный округ', re: new RegExp(`${L}чукотск${ADJ_M}${AO}`, 'u') });
	out.push({ name: 'Ямало-Ненецкий автономный округ', re: new RegExp(`${L}ямало-ненецк${ADJ_M}${AO}`, 'u') });
	return out;
}

export const SUBJECTS: readonly Subject[] = build();

/** Lower-cases, folds ё and separates glued words («районаМурманской» → «района мурманской»). */
export function normalizeForRegion(text: string): string {
	return text
		.replace(/([а-яё])([А-ЯЁ])/gu, '$1 $2')
		.replace(/в„–/g, '№')
		.toLowerCase()
		.replace(/ё/g, 'е')
		.replace(/[\u00a0\s]+/g, ' ');
}

export interface RegionHit {
	name: string;
	index: number;
}

/** All subjects mentioned in `text`, in order of first appearance. */
export function findRegions(text: string): RegionHit[] {
	const norm = normalizeForRegion(text);
	const hits: RegionHit[] = [];
	for (const s of SUBJECTS) {
		const m = s.re.exec(norm);
		if (m) hits.push({ name: s.name, index: m.index });
	}
	return hits.sort((a, b) => a.index - b.index);
}

/** The first subject mentioned in `text`, or null. */
export function firstRegion(text: string): string | null {
	return findRegions(text)[0]?.name ?? null;
}

/**
 * Organ names in act headers: the grammatical forms they appear in (nominative in a heading block, genitive after
 * the kind word «Постановление Администрации …», instrumental in a law's adoption stamp «Принят Советом народных
 * депутатов …», nominative territory lines «РОСТОВСКАЯ ОБЛАСТЬ, ОРЛОВСКИЙ РАЙОН» that complete a settlement's organ),
 * and the usual abbreviations («г.», «МО», «УР»). Only the head words of a name are declined: adjectives and the
 * head noun; the rest of the name (genitive complements, a quoted or appositive proper name) is kept as written.
 */
import { findRegions, SUBJECTS } from './regions';

/** Head nouns of organ names: nominative → gender. */
const ORGAN_NOUN_GENDER: Record<string, 'm' | 'f' | 'n'> = {
	администрация: 'f', агентство: 'n', министерство: 'n', правительство: 'n', глава: 'm', губернатор: 'm',
	департамент: 'm', комитет: 'm', управление: 'n', мэрия: 'f', мэр: 'm', дума: 'f', совет: 'm', собрание: 'n',
	служба: 'f', инспекция: 'f', президент: 'm', директор: 'm', председатель: 'm', руководитель: 'm', аппарат: 'm',
	палата: 'f', комиссия: 'f', кабинет: 'm', хурал: 'm', курултай: 'm', парламент: 'm', орган: 'm'
};

function keepCase(model: string, word: string): string {
	if (model.length > 1 && model === model.toUpperCase()) return word.toUpperCase();
	if (model.charAt(0) === model.charAt(0).toUpperCase()) return word.charAt(0).toUpperCase() + word.slice(1);
	return word;
}

/** Nominative of an adjective in the genitive or instrumental, agreeing with a noun of `gender`. */
function adjNominative(stem: string, soft: boolean, gender: 'm' | 'f' | 'n'): string {
	const velar = /[кгхжшчщ]$/u.test(stem);
	if (gender === 'f') return stem + (soft ? 'яя' : 'ая');
	if (gender === 'n') return stem + (soft || /[жшчщ]$/u.test(stem) ? 'ее' : 'ое');
	return stem + (soft || velar ? 'ий' : 'ый');
}

/** Nominative and gender of an organ noun in the instrumental («Советом» → «совет», «Собранием» → «собрание»). */
function nounFromInstrumental(w: string): { nom: string; gender: 'm' | 'f' | 'n' } | null {
	const l = w.toLowerCase();
	const cands = [l.replace(/ием$/u, 'ие'), l.replace(/ом$/u, ''), l.replace(/ем$/u, 'й'), l.replace(/ем$/u, 'ь'), l.replace(/ой$/u, 'а'), l.replace(/ей$/u, 'я'), l.replace(/ей$/u, 'ь')];
	for (const c of cands) if (c !== l && ORGAN_NOUN_GENDER[c]) return { nom: c, gender: ORGAN_NOUN_GENDER[c] };
	return null;
}

/** Nominative and gender of an organ noun in the genitive («Собрания» → «собрание», «Думы» → «дума»). */
function nounFromGenitive(w: string): { nom: string; gender: 'm' | 'f' | 'n' } | null {
	const l = w.toLowerCase();
	const cands = [l.replace(/ия$/u, 'ие'), l.replace(/ии$/u, 'ия'), l.replace(/ства$/u, 'ство'), l.replace(/а$/u, ''), l.replace(/я$/u, 'й'), l.replace(/ы$/u, 'а'), l.replace(/и$/u, 'а')];
	for (const c of cands) if (c !== l && ORGAN_NOUN_GENDER[c]) return { nom: c, gender: ORGAN_NOUN_GENDER[c] };
	return null;
}

/**
 * The head of an organ name in an oblique case put in the nominative: adjectives and head nouns (several joined by a
 * dash: «Государственным Собранием - Курултаем») are declined, the words after them are kept.
 */
function headToNominative(s: string, noun: (w: string) => { nom: string; gender: 'm' | 'f' | 'n' } | null, adj: RegExp): string {
	const words = s.trim().split(/\s+/);
	const out: string[] = [];
	let i = 0;
	while (i < words.length) {
		// Adjectives before the next noun.
		let j = i;
		while (j < words.length && adj.test(words[j]) && !noun(words[j])) j++;
		const n = j < words.length ? noun(words[j]) : null;
		if (!n) break;
		for (let a = i; a < j; a++) {
			const m = adj.exec(words[a])!;
			out.push(keepCase(words[a], adjNominative(m[1].toLowerCase(), m[2].startsWith('е') || m[2].startsWith('и') || m[2] === 'ей', n.gender)));
		}
		out.push(keepCase(words[j], n.nom));
		i = j + 1;
		if (words[i] === '-' || words[i] === '–' || words[i] === '—') {
			out.push(words[i]);
			i++;
		} else break;
	}
	if (out.length === 0) return s.trim();
	return [...out, ...words.slice(i)].join(' ');
}

/** «Советом народных депутатов Кемеровской области» → «Совет народных депутатов Кемеровской области». */
export function instrumentalToNominative(s: string): string {
	return headToNominative(s, nounFromInstrumental, /^(\p{L}+?)(ым|им|ой|ей)$/iu);
}

/** «Государственного Собрания (Ил Тумэн) Республики …» → «Государственное Собрание (Ил Тумэн) Республики …». */
export function genitiveToNominative(s: string): string {
	return headToNominative(s, nounFromGenitive, /^(\p{L}+?)(ого|его|ой|ей)$/iu);
}

/** Is the word the instrumental of an organ noun or an adjective before one («Советом», «Государственным»)? */
export function isInstrumentalOrgan(s: string): boolean {
	const w = s.trim().split(/\s+/);
	for (const x of w.slice(0, 3)) if (nounFromInstrumental(x)) return true;
	return false;
}

/** Types of territories and municipalities: nominative → genitive. */
const TYPE_GEN: Record<string, string> = {
	область: 'области', район: 'района', край: 'края', округ: 'округа', образование: 'образования', поселение: 'поселения',
	республика: 'республики', сельсовет: 'сельсовета', поссовет: 'поссовета', город: 'города', поселок: 'поселка', посёлок: 'посёлка',
	станица: 'станицы', село: 'села', деревня: 'деревни', хутор: 'хутора'
};

function adjGenitive(w: string): string | null {
	const l = w.toLowerCase();
	let g: string | null = null;
	if (/ая$/u.test(l)) g = l.replace(/ая$/u, 'ой');
	else if (/яя$/u.test(l)) g = l.replace(/яя$/u, 'ей');
	else if (/ний$/u.test(l)) g = l.replace(/ий$/u, 'его');
	else if (/(?:ий|ый|ой)$/u.test(l)) g = l.replace(/(?:ий|ый|ой)$/u, 'ого');
	else if (/ое$/u.test(l)) g = l.replace(/ое$/u, 'ого');
	else if (/ее$/u.test(l)) g = l.replace(/ее$/u, 'его');
	return g && keepCase(w, g);
}

/**
 * Genitive of a territory or municipality named in the nominative: the leading adjectives and the type noun are
 * declined, a proper name after the type is kept («Республика Калмыкия» → «Республики Калмыкия», «МУНИЦИПАЛЬНОЕ
 * ОБРАЗОВАНИЕ ПОСЕЛОК ХАНЫМЕЙ» → «МУНИЦИПАЛЬНОГО ОБРАЗОВАНИЯ ПОСЕЛОК ХАНЫМЕЙ», «Ханты-Мансийский автономный округ —
 * Югра» → «Ханты-Мансийского автономного округа — Югры»). Null when the phrase does not start that way.
 */
export function territoryGenitive(s: string): string | null {
	const words = s.trim().split(/\s+/);
	const out: string[] = [];
	let i = 0;
	while (i < words.length && !TYPE_GEN[words[i].toLowerCase()]) {
		const g = adjGenitive(words[i]);
		if (!g) return null;
		out.push(g);
		i++;
	}
	if (i >= words.length) return null;
	out.push(keepCase(words[i], TYPE_GEN[words[i].toLowerCase()]));
	const rest = words.slice(i + 1);
	// «— Югра»: a name joined by a dash is an apposition in the same case.
	if (rest.length === 2 && /^[-–—]$/u.test(rest[0]) && /а$/iu.test(rest[1])) return [...out, rest[0], keepCase(rest[1], rest[1].toLowerCase().replace(/а$/u, 'ы'))].join(' ');
	return [...out, ...rest].join(' ');
}

/** The genitive of a subject's name («Удмуртская Республика» → «Удмуртской Республики»). */
export function subjectGenitive(name: string): string {
	return territoryGenitive(name) ?? name;
}

/** Initials of a subject's name as used in abbreviations: «Удмуртская Республика» → «УР», «Ханты-Мансийский автономный округ — Югра» → «ХМАО». */
function initials(name: string): string {
	return name
		.replace(/\s*[—-]\s*Югра$/u, '')
		.split(/[\s-]+/)
		.filter((w) => /^\p{L}/u.test(w) && !/^\(/.test(w))
		.map((w) => w.charAt(0).toUpperCase())
		.join('');
}

/**
 * Expands the abbreviations of an organ name: «г. Тобольска» → «города Тобольска», «МО "…"» → «муниципального
 * образования "…"», «г.о.» → «городского округа», and a subject's initials («Президента УР») when `context` names
 * exactly one subject with those initials.
 */
export function expandOrganAbbreviations(organ: string, context: string): string {
	let s = organ
		.replace(/(?<=\s)г\.\s?о\.\s*/gu, 'городского округа ')
		.replace(/(?<=\s)г\.\s*(?=\p{Lu})/gu, 'города ')
		.replace(/(?<=\s)МО(?=\s+["«„])/gu, 'муниципального образования');
	const named = [...new Set(findRegions(context).map((h) => h.name))];
	s = s.replace(/(?<=\s)(\p{Lu}{2,4})(?=$|[\s,)])/gu, (abbr) => {
		if (abbr === 'РФ' || s === s.toUpperCase()) return abbr;
		const hits = named.filter((n) => initials(n) === abbr);
		return hits.length === 1 ? subjectGenitive(hits[0]) : abbr;
	});
	return s;
}

/** The subject named in `s` in any case, as a [start, end) span of `s`, when it starts at `from` (spaces allowed). */
export function regionAt(s: string, from: number): number | null {
	const tail = s.slice(from);
	const lead = /^\s*/.exec(tail)![0].length;
	const low = tail.slice(lead).toLowerCase().replace(/ё/g, 'е');
	for (const subj of SUBJECTS) {
		const re = new RegExp(`^(?:${subj.re.source})`, 'u');
		const m = re.exec(low);
		if (m) return from + lead + m[0].length;
	}
	return null;
}

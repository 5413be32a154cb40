/**
 * Extracts requisites (вид, орган, дата, номер, название, регион) from the head of an act.
 *
 * The head is the 'header' unit found by the segmenter (everything before the преамбула or the first пункт),
 * so dates and numbers of acts cited in the преамбула or the text are never taken for the act's own.
 * The head is read the way legal technique lays it out:
 *   1. the heading: the kind word alone («ПОСТАНОВЛЕНИЕ», «З А К О Н») or with the date and number on its line
 *      («Решение от 23.12.2014», «ПОСТАНОВЛЕНИЕ № 8 от «01» апреля 2011 г ОБ …»). The organ is the organ block
 *      above it: from the lowest line that opens an organ name in the nominative («АДМИНИСТРАЦИЯ ФРУНЗЕНСКОГО РАЙОНА»,
 *      «АРХИВНОЕ УПРАВЛЕНИЕ …», «ГЛАВА ПОСЕЛКА») down to the heading; the lines above it (a superior organ, the
 *      country, the territory, site chrome) are not part of the name, except that a settlement's organ that does not
 *      name its district and an organ named only by a generic word («ГЛАВА ПОСЕЛКА») are completed from the
 *      territory lines above. Date, number (before or after the date, on one line or several) and the title
 *      («О …», «Об …», over as many lines as it runs) follow the heading;
 *   2. a one-line citation: «Постановление Администрации … от 20 апреля 2022 г. N 323», the title inline or next;
 *      an aggregator's citation may precede the official heading: both are the same act, the heading wins for the
 *      date, number and title, the citation gives the organ when the heading has none and a mixed-case copy of an
 *      UPPER CASE title;
 *   3. a standalone approved document: «УТВЕРЖДЕН постановлением … от 17.10.2012 № 34», «АДМИНИСТРАТИВНЫЙ РЕГЛАМЕНТ …».
 *      Its kind is the document's own («административный регламент», «положение», «порядок»), its organ, date
 *      and number are those of the approving act given in the stamp.
 * A law's organ is the legislature of its adoption stamp («Принят Советом народных депутатов … 26 января 2011 года»).
 * With no organ in the head, the organ is the subject of the enacting sentence («…, Дума городского округа город
 * Шарья решила:»), or the official who signs an act enacted in the first person («постановляю:», signature
 * «Губернатор Ленинградской области»; a minister's signature names the ministry). A collegial organ named without
 * its territory («Районное Собрание») is completed with the municipality of the signing head. Where the date and
 * number are not in the head they may follow the signature (place, date, number — the federal layout).
 * An approving act with an attached regulation is of the approving act's kind («постановление»).
 * With no kind word in the head, the kind comes from the enacting words of the преамбула («постановляет:» →
 * «постановление», «приказываю:» → «приказ»).
 * The region is the first subject of the Federation named in the organ, the head, the title or the преамбула
 * (aggregator cards like «Субъект РФ: Москва» are ignored). Unknown fields are null, never guessed.
 */
import { emptyRequisites, type Requisites, type Unit } from './types';
import { segment } from './segment';
import { ACT_KINDS, PREAMBLE_OPENER, PREAMBLE_VERB, docTitleAtStart, isApprovalStamp, kindFromVerb, kindWordOf } from './structure/patterns';
import { findRegions, firstRegion } from './structure/regions';
import {
	MONTHS_GEN,
	ORGAN_NOM,
	ORGAN_START,
	cleanTitle,
	findDate,
	findNumber,
	mostlyCaps,
	normalizeOrganCase,
	normalizeTitleCase,
	organToNominative,
	unglue
} from './structure/text';
import { expandOrganAbbreviations, genitiveToNominative, instrumentalToNominative, isInstrumentalOrgan, regionAt, territoryGenitive } from './structure/organs';

const KINDS = ACT_KINDS;
const KIND_LINE = new RegExp(`^(${KINDS.map((k) => k.charAt(0).toUpperCase() + k.slice(1)).join('|')}|${KINDS.map((k) => k.toUpperCase()).join('|')})\\s+(\\S.*)$`, 'u');
const KIND_INLINE = new RegExp(`(?<=\\s)(${KINDS.map((k) => k.toUpperCase()).join('|')})(?=\\s)`, 'gu');

/** Lines of aggregator cards and site chrome that are not part of the act; «Поле: | значение |» rows of a metadata table. */
const AGGREGATOR =
	/^(?:Основная информация|Текущая редакция|Дата (?:опубликования|принятия|вступления|подписания)|Номер документа|Статус|Субъект РФ|Принявший орган|Раздел на сайте|Тип документа|Вид документа|Скачать|Действующ|Утратил|Источник|Опубликован|Редакция)|^[\p{L} ]{2,30}:\s*\|/iu;

const TITLE_START = /^(?:[«"„]\s*)?(?:О|Об|ОБ)\s+\p{L}/u;
const TITLE_INLINE = /(?:^|\s)((?:О|Об|ОБ)\s+\p{L})/u;
const MONTH = MONTHS_GEN;
/** An adjective in the nominative before an organ noun («АРХИВНОЕ управление», «окружной Совет», «Районное Собрание»). */
const ADJ_NOM = /^\p{L}+(?:ое|ый|ий|ой|ая|ее|яя)$/iu;

interface KindLine {
	kind: string;
	/** The line after the kind word. */
	rest: string;
	/** 'word': the kind alone; 'dated': date or number follow it; 'card': an organ or a dated citation; 'titled': the title follows. */
	shape: 'word' | 'dated' | 'card' | 'titled' | 'other';
}

function kindOf(l: string): KindLine | null {
	const word = kindWordOf(l);
	if (word) return { kind: word, rest: '', shape: 'word' };
	const m = KIND_LINE.exec(l);
	if (!m) return null;
	const kind = m[1].toLowerCase();
	const rest = m[2];
	if (new RegExp(`^(?:от\\s|№|N\\s?\\d|\\d{1,2}\\s?\\.\\s?\\d{1,2}\\s?\\.\\s?\\d{2,4}|[«"]?\\d{1,2}[»"]?\\s+${MONTH})`, 'iu').test(rest)) return { kind, rest, shape: 'dated' };
	if (TITLE_START.test(rest)) return { kind, rest, shape: 'titled' };
	if (ORGAN_START.exec(unglue(rest))?.index === 0 || findDate(rest) || findNumber(rest)) return { kind, rest, shape: 'card' };
	return { kind, rest, shape: 'other' };
}

interface Title {
	text: string;
	/** Put in sentence case from UPPER CASE (a mixed-case copy of the same title is preferred). */
	caps: boolean;
	/** The UPPER CASE lines as written and the lines after them, to put in sentence case again with more proper names. */
	upper?: string;
	tail?: string[];
}

export function extractRequisites(text: string): Requisites {
	const req = emptyRequisites();
	const clean = text.replace(/в„–/g, '№').replace(/[\u00a0\u2007\u202f]/g, ' ');
	const { units } = segment(clean.split('\n').map((t) => ({ text: t, page: null })));
	const header = units[0]?.kind === 'header' ? units[0] : null;
	let preamble = units.find((u) => u.kind === 'preamble' && u.ord <= 1)?.text ?? null;
	let lines = header ? headLines(header.text) : [];
	if (preamble && !lines.some((l) => kindOf(l))) {
		// The whole head flattened into the line that the segmenter took for the преамбула.
		const flat = flattenedHead(preamble);
		if (flat) {
			lines = [...lines, ...flat.lines];
			preamble = flat.rest;
		}
	}
	const names = properNames(clean);

	const kinds = lines.map(kindOf);
	const stampIdx = lines.findIndex((l) => isApprovalStamp(l) || /^ПРИНЯТ[АОЫ]?$/u.test(l) || /^(?:Приложение|ПРИЛОЖЕНИЕ)\b.*\sк\s+(?:приказу|постановлению|распоряжению|решению)/u.test(l));
	const before = (i: number) => i >= 0 && (stampIdx < 0 || i < stampIdx);
	const firstOf = (...shapes: KindLine['shape'][]) => kinds.findIndex((k, i) => k !== null && shapes.includes(k.shape) && before(i));
	let headIdx = firstOf('word');
	if (headIdx < 0) headIdx = firstOf('dated');
	const cardIdx = firstOf('card');
	const titledIdx = firstOf('titled');

	let titles: Title[] = [];
	if (headIdx >= 0) {
		const k = kinds[headIdx]!;
		req.kind = k.kind;
		req.body = organAbove(lines, headIdx) ?? (k.shape === 'word' ? organBelow(lines, headIdx) : null);
		const after = dateNumberTitle(k.rest ? [k.rest, ...lines.slice(headIdx + 1)] : lines.slice(headIdx + 1), 0, names);
		req.date = after.date;
		req.number = after.number;
		if (after.title) titles.push(after.title);
	}
	if (cardIdx >= 0) {
		const card = readCard(lines, cardIdx, names);
		req.kind ??= kinds[cardIdx]!.kind;
		if (!req.body && card.organ) req.body = card.organ;
		if (!req.date && !req.number) {
			req.date = card.date;
			req.number = card.number;
		} else if (!req.number && card.number && card.date === req.date) req.number = card.number;
		else if (!req.date && card.date && card.number === req.number) req.date = card.date;
		if (card.title) titles.push(card.title);
	}
	if (titledIdx >= 0) {
		req.kind ??= kinds[titledIdx]!.kind;
		titles.push({ text: kinds[titledIdx]!.rest, caps: false });
	}
	if (!req.kind && stampIdx >= 0) {
		const doc = standalone(lines, stampIdx, names);
		req.kind = doc.kind;
		req.body = doc.body;
		req.date = doc.date;
		req.number = doc.number;
		if (doc.title) titles = [doc.title];
	}
	if (!req.kind && preamble) {
		PREAMBLE_VERB.lastIndex = 0;
		const m = PREAMBLE_VERB.exec(preamble);
		PREAMBLE_VERB.lastIndex = 0;
		if (m) req.kind = kindFromVerb(m[0]);
	}
	if (req.kind === 'закон') req.body = adoptingLegislature(lines) ?? req.body;
	if (!req.body && preamble) req.body = organOfPreamble(preamble);
	const signature = units.find((u) => u.kind === 'signature') ?? null;
	if (!req.body && signature && req.kind && ['постановление', 'распоряжение', 'указ', 'приказ'].includes(req.kind)) req.body = organOfSignature(signature.text, req.kind, clean);
	if (req.body && signature && isBare(req.body)) {
		const mun = municipalityOf(signature.text);
		if (mun) req.body = `${req.body} ${mun}`;
	}
	if (!req.body && req.kind) req.body = organOfAmendedAct(titles[0]?.text ?? '', req.kind);
	if (req.body) req.body = expandOrganAbbreviations(req.body, clean);
	if (!req.date && !req.number && signature) {
		const after = afterSignature(units, signature);
		req.date = after.date;
		req.number = after.number;
	}

	if (titles.length === 0) {
		const i = lines.findIndex((l) => TITLE_START.test(l));
		if (i >= 0) titles.push(collectTitle(lines, i, names));
	}
	if (req.body && titles.some((t) => t.caps)) {
		// Proper names of the organ («Бага-Чоносовского», «Республики Калмыкия») keep their capitals in an UPPER CASE title.
		const withBody = new Map(names);
		for (const w of req.body.split(/\s+/).slice(1)) {
			const core = w.replace(/^[«"„(]+|[»"“),.]+$/gu, '');
			if (/^\p{Lu}\p{Ll}/u.test(core)) withBody.set(core.toLowerCase(), core);
		}
		titles = titles.map((t) => (t.caps && t.upper ? { ...t, text: [normalizeTitleCase(t.upper, withBody), ...(t.tail ?? [])].join(' ') } : t));
	}
	req.title = pickTitle(titles, lines);

	req.region =
		(req.body && firstRegion(req.body)) ||
		firstRegion(lines.join('\n')) ||
		(req.title && firstRegion(req.title)) ||
		(preamble && firstRegion(preamble)) ||
		null;
	return req;
}

/** Header lines without aggregator chrome; flattened lines split at an UPPER CASE kind word, a stamp, a document title. */
function headLines(headerText: string): string[] {
	const out: string[] = [];
	for (const raw of headerText.split('\n')) {
		const line = raw.replace(/\s+/g, ' ').trim();
		if (!line || AGGREGATOR.test(line)) continue;
		if (line.length < 200) {
			out.push(line);
			continue;
		}
		out.push(...splitFlat(line));
	}
	return out;
}

function splitFlat(line: string): string[] {
	const out: string[] = [];
	const cuts = new Set<number>();
	for (const m of line.matchAll(KIND_INLINE)) {
		cuts.add(m.index);
		cuts.add(m.index + m[0].length);
	}
	for (const m of line.matchAll(/(?<=\s)(?:Утвержден[оаы]?|УТВЕРЖДЕН[ОАЫ]?|УТВЕРЖДАЮ)(?=\s)/gu)) cuts.add(m.index);
	const title = /(?<=\s)(?:Административный регламент|АДМИНИСТРАТИВНЫЙ РЕГЛАМЕНТ|Положение|ПОЛОЖЕНИЕ|Порядок|ПОРЯДОК|Правила|ПРАВИЛА|Инструкция|ИНСТРУКЦИЯ)(?=\s)/u.exec(line);
	if (title) cuts.add(title.index);
	let from = 0;
	for (const c of [...[...cuts].sort((a, b) => a - b), line.length]) {
		const piece = line.slice(from, c).trim();
		if (piece) out.push(piece);
		from = c;
	}
	return out;
}

/** «СОВЕТ ДЕПУТАТОВ … РЕШЕНИЕ 28.05.2012 г. х. … № 16 Об утверждении … В соответствии …»: the head part and the rest. */
function flattenedHead(text: string): { lines: string[]; rest: string } | null {
	const open = /(?<=\s)(?:В\s+соответствии|В\s+целях|Руководствуясь|На\s+основании|Во\s+исполнение|Рассмотрев|Учитывая|Согласно)(?=\s)/u.exec(text);
	if (!open) return null;
	const head = text.slice(0, open.index).replace(/\s+/g, ' ');
	const k = [...head.matchAll(KIND_INLINE)][0];
	if (!k) return null;
	const organ = head.slice(0, k.index).trim();
	if (!organ || !ORGAN_START.test(organ) || !mostlyCaps(organ)) return null;
	return { lines: splitFlat(head.trim()), rest: text.slice(open.index) };
}

/** Where an organ name opens in the line (nominative organ word, with the adjectives before it), or -1. */
function organStart(line: string): number {
	const m = ORGAN_NOM.exec(line);
	if (!m) return -1;
	let start = m.index;
	const words = line.slice(0, start).trim().split(/\s+/).filter(Boolean);
	while (words.length && ADJ_NOM.test(words[words.length - 1])) {
		const w = words.pop()!;
		start = line.lastIndexOf(w, start - 1);
	}
	return start;
}

const DATE_OR_NUMBER = /\d{1,2}\.\d{1,2}\.\d{2,4}|№/u;

/**
 * The organ: the organ block above the kind heading, from the lowest line that opens an organ name down to the
 * heading. Lines above it (a superior organ, the country, territory lines, site chrome) complete a name that does
 * not identify its territory.
 */
function organAbove(lines: string[], k: number): string | null {
	const block: string[] = [];
	for (let i = k - 1; i >= 0 && block.length < 8; i--) {
		const l = unglue(lines[i]);
		if (l.length > 220 || DATE_OR_NUMBER.test(l) || findDate(l) || findNumber(l) || TITLE_START.test(l) || kindOf(lines[i]) || isApprovalStamp(l)) break;
		block.unshift(l);
	}
	let s = -1;
	for (let i = block.length - 1; i >= 0; i--) {
		if (organStart(block[i]) >= 0) {
			s = i;
			break;
		}
	}
	if (s < 0) {
		// An organ whose name opens in an oblique case («Администрации …» as the only line).
		const joined = block.join(' ').replace(/\s+/g, ' ').trim();
		const m = ORGAN_START.exec(joined);
		return m ? organToNominative(normalizeOrganCase(joined.slice(m.index))) : null;
	}
	let organ = [block[s].slice(organStart(block[s])), ...block.slice(s + 1)].join(' ').replace(/\s+/g, ' ').trim();
	organ = completeFromAbove(organ, block.slice(0, s).reverse());
	organ = normalizeOrganCase(organ);
	return organToNominative(organ.charAt(0).toUpperCase() + organ.slice(1));
}

const GENERIC_TERRITORY = /^(?:поселка|посёлка|района|города|округа|поселения|сельсовета|поссовета|муниципального|образования|сельского|городского|муниципального)$/iu;

/** Completes an organ from the territory lines above it (nearest first): a generic «ГЛАВА ПОСЕЛКА», a settlement without its district. */
function completeFromAbove(organ: string, upper: string[]): string {
	const m = ORGAN_NOM.exec(organ);
	if (!m) return organ;
	const tail = organ.slice(m.index + m[0].length).trim().split(/\s+/).filter(Boolean);
	if (tail.length > 0 && tail.every((w) => GENERIC_TERRITORY.test(w))) {
		// «ГЛАВА ПОСЕЛКА» under «МУНИЦИПАЛЬНОЕ ОБРАЗОВАНИЕ ПОСЕЛОК ХАНЫМЕЙ».
		for (const u of upper) {
			if (!/(?:образовани|поселени|район|округ|сельсовет|город|посел|пос[её]л)/iu.test(u)) continue;
			const g = territoryGenitive(u);
			if (g) return `${organ.slice(0, m.index + m[0].length)} ${g}`;
		}
		return organ;
	}
	const settlement = /(?<![\p{L}])(?:сельского\s+поселения|городского\s+поселения|сельсовета|поссовета|поселка|посёлка|станицы|села|хутора)(?![\p{L}])/iu.test(organ);
	if (settlement && !/(?:района|округа)(?![\p{L}])/iu.test(organ)) {
		// «АДМИНИСТРАЦИЯ КРАСНОАРМЕЙСКОГО СЕЛЬСКОГО ПОСЕЛЕНИЯ» under «РОСТОВСКАЯ ОБЛАСТЬ, ОРЛОВСКИЙ РАЙОН».
		let district: string | null = null;
		let region: string | null = null;
		for (const u of upper) {
			for (const piece of u.split(/\s*,\s*/)) {
				if (!district && /^\p{L}+(?:ий|ый|ой)(?:\s+муниципальный)?\s+район$/iu.test(piece)) district = territoryGenitive(piece);
				const hit = findRegions(piece)[0];
				if (!region && hit && hit.index === 0 && regionAt(piece, 0) === piece.length) region = territoryGenitive(piece) ?? null;
			}
		}
		if (district) return [organ, district, region].filter(Boolean).join(' ');
	}
	return organ;
}

/** «УКАЗ / ГУБЕРНАТОРА ОМСКОЙ ОБЛАСТИ / от 2 декабря 2015 года»: the organ in the genitive right after the kind word. */
function organBelow(lines: string[], k: number): string | null {
	const l = lines[k + 1];
	if (!l || DATE_OR_NUMBER.test(l) || TITLE_START.test(l) || ORGAN_START.exec(unglue(l))?.index !== 0) return null;
	return genitiveToNominative(normalizeOrganCase(unglue(l)));
}

/** A law's adopting legislature: «Принят Советом народных депутатов Кемеровской области 26 января 2011 года». */
function adoptingLegislature(lines: string[]): string | null {
	const i = lines.findIndex((l) => /^Принят[аоы]?(?![\p{L}])/iu.test(l));
	if (i < 0) return null;
	let s = lines[i].replace(/^Принят[аоы]?\s*/iu, '');
	for (let j = i + 1; j < lines.length && j <= i + 3 && !findDate(s); j++) s += ' ' + lines[j];
	const d = findDate(s);
	if (d) s = s.slice(0, d.index);
	s = s.replace(/[\s,.]+$/u, '').trim();
	if (!s || !isInstrumentalOrgan(s)) return null;
	return instrumentalToNominative(normalizeOrganCase(s));
}

/** A number on the date line: «№ 1150»; «9 октября 2008 года. 597— З № 85-IV.» (a law's own number before its registration number). */
function numberOf(s: string): string | null {
	const n = findNumber(s);
	const d = findDate(s);
	if (n && d && d.end <= n.index) {
		const between = s.slice(d.end, n.index);
		const m = /^[\s.,]*(?:г\.|года\.?)?[\s.,]*(\d+\s*[-—–]\s*\p{L}{1,3})\s*(?:№|N)\s*$/u.exec(between);
		if (m) return s.slice(d.end + m.index + m[0].indexOf(m[1]), n.end);
	}
	return n?.value ?? null;
}

/** Date, number and title from the lines after the kind heading («от 25.05.2018 № 31», «с. Тулома», «Об утверждении …»). */
function dateNumberTitle(lines: string[], from: number, names: Map<string, string>): { date: string | null; number: string | null; title: Title | null } {
	let date: string | null = null;
	let number: string | null = null;
	let title: Title | null = null;
	for (let i = from; i < Math.min(lines.length, from + 4); i++) {
		const l = lines[i];
		if (TITLE_START.test(l)) {
			title = collectTitle(lines, i, names);
			break;
		}
		if (i > from && (kindOf(l)?.shape === 'word' || isApprovalStamp(l))) break;
		const t = TITLE_INLINE.exec(l);
		const head = t ? l.slice(0, t.index) : l;
		date ??= findDate(head)?.value ?? null;
		number ??= numberOf(head);
		if (t) {
			title = collectTitle([l.slice(t.index).trim(), ...lines.slice(i + 1)], 0, names);
			break;
		}
	}
	return { date, number, title };
}

/** A one-line citation «Постановление Администрации … от … N …» (the organ may run onto the next line), the title inline or next. */
function readCard(lines: string[], i: number, names: Map<string, string>): { organ: string | null; date: string | null; number: string | null; title: Title | null } {
	const rest = kindOf(lines[i])!.rest;
	const cut = /\s(?:от\s|№|N\s?\d)|^(?:от\s|№|N\s?\d)/u.exec(rest);
	let organ = (cut ? rest.slice(0, cut.index) : rest).trim();
	let date = findDate(rest)?.value ?? null;
	let number = numberOf(rest);
	let title: Title | null = null;
	if (!date && !number && !TITLE_START.test(rest)) {
		// «Решение Совета депутатов Чамзинского муниципального района / Республики Мордовия / от 4 апреля 2012 г. N 35».
		let j = i + 1;
		while (j < lines.length && j <= i + 2 && !DATE_OR_NUMBER.test(lines[j]) && !findDate(lines[j]) && !/\sN\s?\d/u.test(lines[j]) && !TITLE_START.test(lines[j]) && !kindOf(lines[j]) && !/^[(\[]/.test(lines[j]) && !mostlyCaps(lines[j]) && lines[j].length < 150) {
			organ += ' ' + lines[j];
			j++;
		}
		const after = dateNumberTitle(lines, j, names);
		date = after.date;
		number = after.number;
		title = after.title;
	} else {
		const afterNum = rest.slice(Math.max(findNumber(rest)?.end ?? 0, findDate(rest)?.end ?? 0));
		const inline = /^[\s.г]*(["«„]?\s*(?:О|Об|ОБ)\s.*)$/u.exec(afterNum.replace(/^\s*(?:г\.?|года)?/u, ''));
		if (inline) title = mostlyCaps(inline[1]) ? { text: normalizeTitleCase(inline[1], names), caps: true, upper: inline[1], tail: [] } : { text: inline[1], caps: false };
		else if (lines[i + 1] && TITLE_START.test(lines[i + 1])) title = collectTitle(lines, i + 1, names);
		else if (TITLE_START.test(rest)) title = { text: rest, caps: false };
	}
	organ = unglue(organ).trim();
	const o = ORGAN_START.exec(organ);
	const body = organ && o && o.index === 0 ? genitiveToNominative(organToNominative(normalizeOrganCase(organ))) : null;
	return { organ: body, date, number, title };
}

/** Does the title text so far leave a quotation open? */
function unbalanced(t: string): boolean {
	return (t.match(/«/g) ?? []).length > (t.match(/»/g) ?? []).length || (t.match(/"/g) ?? []).length % 2 === 1 || (t.match(/„/g) ?? []).length > (t.match(/“/g) ?? []).length;
}

/** A line that ends with a word that cannot end a title: a preposition, a conjunction, «от 8», a comma or a hyphen. */
function dangling(l: string): boolean {
	return /(?:^|\s)(?:в|во|и|или|о|об|от|по|на|с|со|к|ко|для|при|из|за|до|у|а|но|N|№)$/iu.test(l) || /[,\-–—(]$/u.test(l) || /(?:^|\s)от\s+\d{1,2}$/iu.test(l);
}

/** A capitalised line that continues a sentence: it opens with an adjective or an organ name in an oblique case («Губернатора …», «Архивным управлением …»). */
function oblique(l: string): boolean {
	if (/^\p{Lu}\p{L}*(?:ого|его|ому|ему|ым|им|ой|ей|ых|их)(?![\p{L}])/u.test(l)) return true;
	return ORGAN_START.exec(l)?.index === 0 && ORGAN_NOM.exec(l)?.index !== 0;
}

/** A line made only of dates: the amendment dates an aggregator lists under the title («22 мая 2008 г., 24 февраля, 13 мая 2009 г.»). */
function isDateList(l: string): boolean {
	if (!new RegExp(MONTH, 'iu').test(l) && !/\d{1,2}\.\d{1,2}\.\d{2,4}/.test(l)) return false;
	const rest = l
		.replace(new RegExp(`\\d{1,2}\\s+${MONTH}`, 'giu'), '')
		.replace(/\d{1,2}\.\d{1,2}\.\d{2,4}/g, '')
		.replace(/\d{4}\s*(?:г\.|года)?/g, '')
		.replace(/\d{1,2}/g, '');
	return /^[\s,.;и]*$/u.test(rest);
}

/** A line that cannot continue a title: notes, stamps, dates, the преамбула, an organ name or a kind heading. */
function endsTitle(l: string, prev: string): boolean {
	const k = kindOf(l);
	return (
		/^[(\[]/u.test(l) ||
		(k !== null && (k.shape === 'word' || k.shape === 'dated' || !dangling(prev))) ||
		isApprovalStamp(l) ||
		/^(?:Приложение|ПРИЛОЖЕНИЕ)(?![\p{L}])/u.test(l) ||
		/^Принят[аоы]?(?![\p{L}])/iu.test(l) ||
		/^(?:Постановлением|Распоряжением|Приказом|Решением|Указом|Законом|Определением|Письмом)\s/u.test(l) ||
		/^Настоящ\p{L}*\s+(?:постановлени|приказ|распоряжени|решени|закон|указ)/iu.test(l) ||
		/^(?:Утратил\p{L}*|Утратило|Признан\p{L}*\s+утративш|В\s+редакции|С\s+изменениями|Внимание)/iu.test(l) ||
		PREAMBLE_OPENER.test(l) ||
		/(?:постановля|приказыва|реша|распоряжа)\p{L}*\s*:\s*$/iu.test(l) ||
		isDateList(l) ||
		(/^\p{Lu}/u.test(l) && ORGAN_NOM.exec(l)?.index === 0)
	);
}

/**
 * A title line and the lines it runs onto: an UPPER CASE title over UPPER CASE lines; a mixed-case title over lines
 * that start with a lower-case letter or a quote, that continue an open quotation or a line ending in a preposition,
 * or that open with a word in an oblique case. Notes, stamps, dates and a change of case end it.
 */
function collectTitle(lines: string[], i: number, names: Map<string, string>): Title {
	const first = lines[i];
	const caps = mostlyCaps(first);
	const parts = [first];
	// An UPPER CASE heading may go on in lower case («АДМИНИСТРАТИВНЫЙ РЕГЛАМЕНТ / предоставления …»); from then on as mixed case.
	let upperMode = caps;
	for (let j = i + 1; j < lines.length; j++) {
		const l = unglue(lines[j]);
		const prev = parts[parts.length - 1];
		if (endsTitle(l, prev)) break;
		const lower = /^\p{Ll}/u.test(l);
		if (upperMode && lower) upperMode = false;
		else if (upperMode) {
			// «ОТ 16.08.2011 № 958-Р»: too few letters for mostlyCaps, none of them lower-case.
			if (!mostlyCaps(l) && !lower && /\p{Ll}/u.test(l)) break;
		} else {
			if (mostlyCaps(l) && l.replace(/[^\p{L}]/gu, '').length > 12) break;
			if (!(lower || /^[«"„]/u.test(l) || unbalanced(parts.join(' ')) || dangling(prev) || oblique(l))) break;
		}
		parts.push(lines[j]);
	}
	if (!caps) return { text: parts.join(' '), caps: false };
	// The UPPER CASE lines are put in sentence case together; lower-case lines after them are kept.
	let n = 0;
	while (n < parts.length && (mostlyCaps(parts[n]) || !/\p{Ll}/u.test(parts[n]))) n++;
	const upper = parts.slice(0, n).join(' ');
	return { text: [normalizeTitleCase(upper, names), ...parts.slice(n)].join(' '), caps: true, upper, tail: parts.slice(n) };
}

/**
 * Of several copies of the title (a site card and the act's own heading), the heading's, written as in a mixed-case
 * copy when the heading is in UPPER CASE, or as in the copy with the fewest glued words.
 */
function pickTitle(titles: Title[], lines: string[]): string | null {
	if (titles.length === 0) return null;
	const squash = (s: string) => s.toLowerCase().replace(/ё/g, 'е').replace(/[\s«»"„“”]+/g, '');
	let best = { text: cleanTitle(titles[0].text), caps: titles[0].caps };
	const cands = [...titles.slice(1).map((t) => ({ text: cleanTitle(t.text), caps: t.caps })), ...lines.map((l) => ({ text: cleanTitle(l), caps: mostlyCaps(l) }))];
	for (const cand of cands) {
		if (squash(cand.text) !== squash(best.text)) continue;
		if ((best.caps && !cand.caps) || (best.caps === cand.caps && cand.text.split(' ').length > best.text.split(' ').length)) best = cand;
	}
	return best.text || null;
}

/** A standalone approved document: kind and title from its own heading, organ, date and number from the stamp. */
function standalone(lines: string[], stampIdx: number, names: Map<string, string>) {
	let docIdx = -1;
	for (let i = stampIdx; i < lines.length; i++) {
		if (docTitleAtStart(lines[i]) && !isApprovalStamp(lines[i])) {
			docIdx = i;
			break;
		}
	}
	const approval = lines.findIndex((l, i) => i >= stampIdx && isApprovalStamp(l));
	const stampFrom = approval >= 0 && (docIdx < 0 || approval < docIdx) ? approval : stampIdx;
	const stamp = lines.slice(stampFrom, docIdx >= 0 ? docIdx : lines.length).join(' ');
	let kind: string | null = null;
	let title: Title | null = null;
	if (docIdx >= 0) {
		kind = docTitleAtStart(lines[docIdx])!.kind;
		const t = collectTitle(lines, docIdx, names);
		title = { text: t.text.replace(/^(АДМИНИСТРАТИВНЫЙ РЕГЛАМЕНТ|ПОЛОЖЕНИЕ|ПОРЯДОК|ПРАВИЛА|ИНСТРУКЦИЯ|ПЕРЕЧЕНЬ)/u, (w) => w.charAt(0) + w.slice(1).toLowerCase()), caps: false };
	}
	const date = findDate(stamp)?.value ?? null;
	const number = findNumber(stamp)?.value ?? null;
	let body: string | null = null;
	const by = /(?:постановлением|приказом|распоряжением|решением|указом)\s+(.+?)(?=\s+от\s|\s+№|$)/iu.exec(stamp);
	if (by && ORGAN_START.exec(by[1])?.index === 0) body = organToNominative(normalizeOrganCase(unglue(by[1].trim())));
	if (!body) {
		const organLine = lines.slice(0, docIdx >= 0 ? docIdx : lines.length).find((l) => ORGAN_START.exec(l)?.index === 0 && !isApprovalStamp(l));
		if (organLine) body = organToNominative(normalizeOrganCase(unglue(organLine)));
	}
	return { kind, title, date, number, body };
}

/**
 * The subject of the enacting sentence: «…, администрация Вурнарского муниципального округа п о с т а н о в л я е т:»
 * → «Администрация Вурнарского муниципального округа», «…, окружной Совет депутатов Решил:» → «Окружной Совет депутатов».
 * Only a nominative organ name that runs up to the verb (not «… постановлением Правительства … от … N 255) приказываю:»).
 */
function organOfPreamble(text: string): string | null {
	PREAMBLE_VERB.lastIndex = 0;
	const m = PREAMBLE_VERB.exec(text);
	PREAMBLE_VERB.lastIndex = 0;
	if (!m) return null;
	const clause = unglue(text.slice(0, m.index).split(/[,;:»"]/).pop()!).replace(/\s+/g, ' ').trim();
	const s = organStart(clause);
	if (s < 0) return null;
	const organ = clause.slice(s).replace(/\s*-\s*(?=\p{Lu})/gu, '-').trim();
	if (organ.split(' ').length > 15 || /\d/.test(organ)) return null;
	return organToNominative(organ.charAt(0).toUpperCase() + organ.slice(1));
}

/** The name of the signatory at the end of a signature line: «А.Дрозденко», «И.Ф.МИХАЛЬЧУК», «С. Л. КАТАНАНДОВ», «Цуканов Н.Н.». */
const SIGNER = /(?:^|\s)(?:[А-ЯЁ]\.\s?(?:[А-ЯЁ]\.\s?)?[А-ЯЁ][\p{L}-]+|[А-ЯЁ][а-яё]+\s+[А-ЯЁ]\.\s?[А-ЯЁ]\.)\s*$/u;

/** The signatory's position: the signature lines before the name («Губернатор / Ленинградской области / А.Дрозденко»). */
function signerPosition(sig: string): string | null {
	const pos: string[] = [];
	for (const raw of sig.split('\n')) {
		const l = raw.replace(/\s+/g, ' ').trim();
		if (!l) continue;
		const n = SIGNER.exec(l);
		if (n) {
			const p = l.slice(0, n.index).trim();
			if (p) pos.push(p);
			return pos.length ? pos.join(' ') : null;
		}
		pos.push(l);
	}
	return null;
}

/**
 * The organ of an act enacted by an official, from the signature: the official (Губернатор, Глава, Президент) is the
 * organ; a minister's приказ is the ministry's, named in full as the act names it («Министр здравоохранения» →
 * «Министерство здравоохранения Забайкальского края»).
 */
function organOfSignature(sig: string, kind: string, text: string): string | null {
	let position = signerPosition(sig);
	if (!position) return null;
	position = position.replace(/^(?:Временно\s+)?исполняющ\p{L}*\s+обязанности\s+|^И\.\s?о\.\s*|^Врио\s+/iu, '');
	const minister = /^Министр\s+(\p{Ll}.*)$/u.exec(position);
	if (minister) {
		let organ = `Министерство ${minister[1]}`;
		const esc = minister[1].replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
		const full = new RegExp(`министерств\\p{L}*\\s+${esc}`, 'iu').exec(text);
		if (full) {
			const end = regionAt(text, full.index + full[0].length);
			if (end !== null) organ += ' ' + text.slice(full.index + full[0].length, end).replace(/\s+/g, ' ').trim();
		}
		return organ;
	}
	if (kind === 'приказ') {
		const head = /^(?:Руководитель|Начальник|Директор)\s+(.+)$/u.exec(position);
		if (head && ORGAN_START.exec(head[1])?.index === 0) {
			const o = genitiveToNominative(organToNominative(head[1]));
			return o.charAt(0).toUpperCase() + o.slice(1);
		}
		return null;
	}
	if (ORGAN_NOM.exec(position)?.index !== 0 || /\d/.test(position)) return null;
	return normalizeOrganCase(position);
}

/**
 * An act that amends another act of its kind is the act of the organ that adopted the amended one (changes are made
 * by the same organ): «О внесении изменений в …, утвержденную постановлением администрации города Ставрополя от …».
 */
function organOfAmendedAct(title: string, kind: string): string | null {
	if (!/^О\s+внесении\s+(?:изменени|дополнени)/iu.test(title)) return null;
	const instr: Record<string, string> = { постановление: 'постановлением', распоряжение: 'распоряжением', приказ: 'приказом', решение: 'решением', указ: 'указом', закон: 'законом' };
	const m = new RegExp(`(?:\\sв\\s+${kind}|утвержденн\\p{L}*\\s+${instr[kind]})\\s+(\\p{L}[^"«]*?)\\s+от\\s`, 'iu').exec(title);
	if (!m || ORGAN_START.exec(m[1])?.index !== 0) return null;
	const o = genitiveToNominative(organToNominative(m[1].trim()));
	return o.charAt(0).toUpperCase() + o.slice(1);
}

/** An organ named without its territory: «Районное Собрание», «Окружной Совет депутатов», «Дума». */
function isBare(organ: string): boolean {
	if (/[«"„(]/u.test(organ)) return false;
	const words = organ.split(/\s+/).slice(1);
	return words.every((w) => !/^\p{Lu}/u.test(w) || /^(?:Совет|Собрание|Дума|Министров|Депутатов)$/u.test(w)) && !/(?:района|округа|поселения|образования|области|края|республики|города|сельсовета|поселка|посёлка|станицы|села)(?![\p{L}])/iu.test(organ);
}

/** The municipality named in a head's signature: «Глава городского округа (мэр) / МО "Гусевский городской округ"» → «муниципального образования "Гусевский городской округ"». */
function municipalityOf(sig: string): string | null {
	const flat = sig.replace(/\s+/g, ' ');
	const all = [...flat.matchAll(/(?<![\p{L}])(?:муниципального\s+образования|МО|муниципального\s+района|городского\s+округа|городского\s+поселения|сельского\s+поселения)\s*["«„][^"»“]+["»“]/gu)];
	const last = all[all.length - 1];
	return last ? expandOrganAbbreviations(` ${last[0]}`, '').trim() : null;
}

/** Date and number after the signature («Петрозаводск / 7 февраля 2005 г. / N 3-П»), before any appendix. */
function afterSignature(units: Unit[], signature: Unit): { date: string | null; number: string | null } {
	const i = units.indexOf(signature);
	const parts = [signature.text];
	for (let k = i + 1; k < units.length && k <= i + 3; k++) {
		if (units[k].kind === 'appendix' || units[k].text.length > 80) break;
		parts.push(units[k].text);
	}
	const tail = parts.join('\n');
	const date = findDate(tail);
	const number = findNumber(tail);
	return date && number ? { date: date.value, number: number.value } : { date: null, number: null };
}

/**
 * Capitalised words used inside sentences of the act («администрация города Ульяновска», «Положения»): used to give
 * proper names back their capital letter when an UPPER CASE title is put in sentence case.
 */
function properNames(text: string): Map<string, string> {
	const names = new Map<string, string>();
	for (const m of text.matchAll(/(?<=[\p{Ll}\d,»")]\s+)(\p{Lu}\p{Ll}{2,}(?:-\p{Lu}\p{Ll}+)?)(?![\p{L}])/gu)) {
		names.set(m[1].toLowerCase(), m[1]);
	}
	return names;
}

/**
 * Extracts requisites (вид, орган, дата, номер, название, регион) from the head of an act.
 *
 * The head is the 'header' unit found by the segmenter (everything before the преамбула or the first пункт),
 * so dates and numbers of acts cited in the преамбула or the text are never taken for the act's own.
 * Three shapes of heads are recognised, in this order:
 *   1. a heading block: organ lines, «ПОСТАНОВЛЕНИЕ», «от 07.12.2022 № 1150», the title («О …», «Об …»);
 *   2. a one-line card: «Постановление Администрации … от 20 апреля 2022 г. N 323», title on the next line;
 *   3. a standalone approved document: «УТВЕРЖДЕН постановлением … от 17.10.2012 № 34», «АДМИНИСТРАТИВНЫЙ РЕГЛАМЕНТ …».
 *      Its kind is the document's own («административный регламент», «положение», «порядок»), its organ, date
 *      and number are those of the approving act given in the stamp.
 * An approving act with an attached regulation is of the approving act's kind («постановление»).
 * With no kind word in the head, the kind comes from the enacting words of the преамбула («постановляет:» →
 * «постановление», «приказываю:» → «приказ»); the organ from the subject of that sentence.
 * The region is the first subject of the Federation named in the organ, the head, the title or the преамбула
 * (aggregator cards like «Субъект РФ: Москва» are ignored). Unknown fields are null, never guessed.
 */
import { emptyRequisites, type Requisites } from './types';
import { segment } from './segment';
import { PREAMBLE_VERB, docTitleAtStart, isApprovalStamp, kindFromVerb } from './structure/patterns';
import { firstRegion } from './structure/regions';
import {
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

const KINDS = ['постановление', 'распоряжение', 'приказ', 'указ', 'закон', 'решение'];
const KIND_WORD = new RegExp(`^(${KINDS.join('|')})$`, 'iu');
const KIND_LINE = new RegExp(`^(${KINDS.map((k) => k.charAt(0).toUpperCase() + k.slice(1)).join('|')}|${KINDS.map((k) => k.toUpperCase()).join('|')})\\s+(\\S.*)$`, 'u');
const KIND_INLINE = new RegExp(`(?<=\\s)(${KINDS.map((k) => k.toUpperCase()).join('|')})(?=\\s)`, 'gu');

/** Lines of aggregator cards and site chrome that are not part of the act. */
const AGGREGATOR =
	/^(?:Основная информация|Текущая редакция|Дата (?:опубликования|принятия|вступления|подписания)|Номер документа|Статус|Субъект РФ|Принявший орган|Раздел на сайте|Тип документа|Вид документа|Скачать|Действующ|Утратил|Источник|Опубликован|Редакция)/iu;

const TITLE_START = /^(?:[«"„]\s*)?(?:О|Об|ОБ)\s+\p{L}/u;
const TITLE_INLINE = /(?:^|\s)((?:О|Об|ОБ)\s+\p{L})/u;

export function extractRequisites(text: string): Requisites {
	const req = emptyRequisites();
	const clean = text.replace(/в„–/g, '№').replace(/[\u00a0\u2007\u202f]/g, ' ');
	const { units } = segment(clean.split('\n').map((t) => ({ text: t, page: null })));
	const header = units[0]?.kind === 'header' ? units[0] : null;
	const preamble = units.find((u) => u.kind === 'preamble' && u.ord <= 1) ?? null;
	const lines = header ? headLines(header.text) : [];
	const names = properNames(clean);

	const kindIdx = lines.findIndex((l) => KIND_WORD.test(l.replace(/(?<=\p{L})\s(?=\p{L}(?:\s|$))/gu, '')));
	const stampIdx = lines.findIndex((l) => isApprovalStamp(l) || /^ПРИНЯТ[АОЫ]?$/u.test(l) || /^(?:Приложение|ПРИЛОЖЕНИЕ)\b.*\sк\s+(?:приказу|постановлению|распоряжению|решению)/u.test(l));
	const cardIdx = lines.findIndex((l) => KIND_LINE.test(l) && !KIND_WORD.test(l));
	const before = (i: number) => i >= 0 && (stampIdx < 0 || i < stampIdx);

	let titles: string[] = [];
	if (before(kindIdx)) {
		req.kind = lines[kindIdx].replace(/\s+/g, '').toLowerCase();
		req.body = organAbove(lines, kindIdx);
		const after = dateNumberTitle(lines, kindIdx + 1, names);
		req.date = after.date;
		req.number = after.number;
		if (after.title) titles.push(after.title);
	}
	if (before(cardIdx)) {
		const m = KIND_LINE.exec(lines[cardIdx])!;
		req.kind ??= m[1].toLowerCase();
		const rest = m[2];
		const cut = /\s(?:от\s|№|N\s?\d)|^(?:от\s|№|N\s?\d)/u.exec(rest);
		const organ = (cut ? rest.slice(0, cut.index) : rest).trim();
		if (!req.body && organ && ORGAN_START.test(organ) && ORGAN_START.exec(organ)!.index === 0) {
			req.body = organToNominative(normalizeOrganCase(unglue(organ)));
		}
		if (!req.date && !req.number) {
			const date = findDate(rest);
			const num = findNumber(rest);
			req.date = date?.value ?? null;
			req.number = num?.value ?? null;
			if (!date && !num && !TITLE_START.test(rest)) {
				// «ПОСТАНОВЛЕНИЕ АДМИНИСТРАЦИИ ГОРОДА …» with the date and number on the next lines.
				const after = dateNumberTitle(lines, cardIdx + 1, names);
				req.date = after.date;
				req.number = after.number;
				if (after.title) titles.push(after.title);
			}
		}
		// Title: the rest of the line after the number, or the next line.
		const afterNum = rest.slice(Math.max(findNumber(rest)?.end ?? 0, findDate(rest)?.end ?? 0));
		const inline = /^[\s.г]*(["«„]?\s*(?:О|Об|ОБ)\s.*)$/u.exec(afterNum.replace(/^\s*(?:г\.?|года)?/u, ''));
		if (inline) titles.push(inline[1]);
		else if (lines[cardIdx + 1] && TITLE_START.test(lines[cardIdx + 1])) titles.push(collectTitle(lines, cardIdx + 1, names));
		else if (TITLE_START.test(rest)) titles.push(rest);
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
		const m = PREAMBLE_VERB.exec(preamble.text);
		PREAMBLE_VERB.lastIndex = 0;
		if (m) req.kind = kindFromVerb(m[0]);
	}
	if (!req.body && preamble) req.body = organOfPreamble(preamble.text);
	if (titles.length === 0) {
		const i = lines.findIndex((l) => TITLE_START.test(l));
		if (i >= 0) titles.push(collectTitle(lines, i, names));
	}
	req.title = pickTitle(titles, lines);

	req.region =
		(req.body && firstRegion(req.body)) ||
		firstRegion(lines.join('\n')) ||
		(req.title && firstRegion(req.title)) ||
		(preamble && firstRegion(preamble.text)) ||
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
	}
	return out;
}

/** The organ: the lines above the kind heading, from the first organ word on. */
function organAbove(lines: string[], k: number): string | null {
	const got: string[] = [];
	for (let i = k - 1; i >= 0 && got.length < 6; i--) {
		const l = lines[i];
		if (/^Российская Федерация$/iu.test(l)) break;
		if (l.length > 220 || /\d{1,2}\.\d{1,2}\.\d{2,4}|№/u.test(l) || TITLE_START.test(l) || KIND_LINE.test(l)) break;
		got.unshift(l);
	}
	const joined = unglue(got.join(' ').replace(/\s+/g, ' ').trim());
	const m = ORGAN_START.exec(joined);
	let organ: string | null = null;
	if (m) organ = joined.slice(m.index);
	else if (joined && mostlyCaps(joined)) organ = joined.replace(/^РОССИЙСКАЯ ФЕДЕРАЦИЯ\s*/u, '');
	if (!organ) return null;
	return organToNominative(normalizeOrganCase(organ));
}

/** Date, number and title from the lines after the kind heading («от 25.05.2018 № 31», «с. Тулома», «Об утверждении …»). */
function dateNumberTitle(lines: string[], from: number, names: Map<string, string>): { date: string | null; number: string | null; title: string | null } {
	let date: string | null = null;
	let number: string | null = null;
	let title: string | null = null;
	for (let i = from; i < Math.min(lines.length, from + 4); i++) {
		const l = lines[i];
		if (TITLE_START.test(l)) {
			title = collectTitle(lines, i, names);
			break;
		}
		const t = TITLE_INLINE.exec(l);
		const head = t ? l.slice(0, t.index) : l;
		date ??= findDate(head)?.value ?? null;
		number ??= findNumber(head)?.value ?? null;
		if (t) {
			title = collectTitle([l.slice(t.index).trim(), ...lines.slice(i + 1)], 0, names);
			break;
		}
	}
	return { date, number, title };
}

/** A title line and its continuation lines (starting with a lower-case letter or a quote). */
function collectTitle(lines: string[], i: number, names: Map<string, string>): string {
	const first = lines[i];
	const parts = [mostlyCaps(first) ? normalizeTitleCase(first, names) : first];
	for (let j = i + 1; j < lines.length; j++) {
		const l = lines[j];
		if (!/^[\p{Ll}«"„]/u.test(l) || /^\(/.test(l)) break;
		parts.push(l);
	}
	return parts.join(' ');
}

/** Of several copies of the title (a site card and the act's own heading), the one with the fewest glued words. */
function pickTitle(titles: string[], lines: string[]): string | null {
	if (titles.length === 0) return null;
	const primary = cleanTitle(titles[0]);
	const squash = (s: string) => s.replace(/\s+/g, '').toLowerCase();
	let best = primary;
	for (const cand of [...titles.slice(1).map(cleanTitle), ...lines.map(cleanTitle)]) {
		if (squash(cand) === squash(best) && cand.split(' ').length > best.split(' ').length) best = cand;
	}
	return best || null;
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
	let title: string | null = null;
	if (docIdx >= 0) {
		kind = docTitleAtStart(lines[docIdx])!.kind;
		title = collectTitle(lines, docIdx, names);
		title = title.replace(/^(АДМИНИСТРАТИВНЫЙ РЕГЛАМЕНТ|ПОЛОЖЕНИЕ|ПОРЯДОК|ПРАВИЛА|ИНСТРУКЦИЯ|ПЕРЕЧЕНЬ)/u, (w) => w.charAt(0) + w.slice(1).toLowerCase());
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

/** «…, администрация Вурнарского муниципального округа п о с т а н о в л я е т:» → «Администрация Вурнарского муниципального округа». */
function organOfPreamble(text: string): string | null {
	PREAMBLE_VERB.lastIndex = 0;
	const m = PREAMBLE_VERB.exec(text);
	PREAMBLE_VERB.lastIndex = 0;
	if (!m) return null;
	const clause = text.slice(0, m.index).split(/[,;:»"]/).pop()!.trim();
	const o = ORGAN_START.exec(clause);
	if (!o) return null;
	const organ = unglue(clause.slice(o.index)).replace(/\s+/g, ' ').replace(/\s*-\s*(?=\p{Lu})/gu, '-').trim();
	if (organ.split(' ').length > 15) return null;
	return organToNominative(organ.charAt(0).toUpperCase() + organ.slice(1));
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

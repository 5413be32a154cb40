/**
 * Segments an act's paragraphs into structural units of Russian legal technique: заголовок, преамбула,
 * раздел, глава, статья, пункт, подпункт, абзац, подпись, приложения and the approved document
 * (регламент, положение, порядок …) that follows a short approving act.
 *
 * Paths (unique within the act, only [a-z0-9.\-/_]):
 *   header, preamble, sign              — the approving act's heading, преамбула, подпись
 *   p-1, p-2.3, p-2.3.1                 — пункты (a пункт's parent is the nearest existing prefix number)
 *   p-2.3.a, p-2.5.sp-1                 — подпункты «а)» (transliterated letter) and «1)»
 *   p-2.3.abz-2                         — 2nd абзац of п. 2.3 (the пункт's own text is абзац 1)
 *   abz-1, doc-1/abz-1                  — unnumbered абзацы outside any пункт
 *   s-2, ch-3, art-5                    — раздел II, глава 3, статья 5; their пункты: s-2/p-2.1
 *   doc-1, doc-1/p-1.1                  — the approved document after the approving act and its units
 *   app-1, app-1/p-4                    — «Приложение № 1 …» and its units
 * A repeated path gets a suffix: p-2~2.
 *
 * A standalone document (the text starts with «УТВЕРЖДЕН …», «Приложение № 1 к приказу …» and has no approving
 * act) is not wrapped into doc-1: its stamp and title are the header and its пункты are top level.
 *
 * Flattened text (a whole act on one line) is split at in-line markers: the преамбула opener, the enacting
 * words («ПОСТАНОВЛЯЮ:»), пункт numbers that continue the numbering sequence and are not references
 * («от 01.11.2011 №28», «п. 2.3», «пунктом 2.6»), and подпункты after «:» / «;».
 */
import type { Block, Unit, UnitKind } from './types';
import {
	PREAMBLE_OPENER,
	PREAMBLE_OPENER_INLINE,
	PREAMBLE_VERB,
	REFERENCE_BEFORE,
	appendixAtStart,
	docTitleAtStart,
	headingAtStart,
	isAllCaps,
	isApprovalStamp,
	isDashItem,
	isNextPoint,
	isNextSub,
	isSignatureLine,
	pathToken,
	pointAtStart,
	subAtStart
} from './structure/patterns';

export interface Segmented {
	/** Full text of the act: blocks joined with "\n". Unit offsets point into it. */
	text: string;
	units: Unit[];
}

/** A physical line: trimmed, non-empty, with absolute offsets. */
interface Line {
	start: number;
	end: number;
	page: number | null;
}

type CutKind = 'preamble' | 'afterVerb' | 'point' | 'sub' | 'doc' | 'app';
interface Cut {
	pos: number;
	kind: CutKind;
	number?: string;
}

/** A piece of a line to classify; `forced` when it starts at an accepted in-line marker. */
interface Piece {
	start: number;
	end: number;
	page: number | null;
	forced: Cut | null;
	/** The piece begins its physical line. */
	lineStart: boolean;
	/** The physical line is long (flattened text). */
	flattened: boolean;
}

/** A container: the root act, an approved document or an appendix. */
interface Scope {
	/** Path prefix for children, '' at root, 'doc-1/' in a document. */
	prefix: string;
	/** Label prefix for children, '' at root, 'регламент, ' or 'прил. 1, '. */
	labelPrefix: string;
	unit: Unit | null;
	/** пункт number → unit, latest wins. */
	points: Map<string, Unit>;
	prevNumber: string | null;
	/** раздел / глава / статья currently open. */
	section: Unit | null;
	chapter: Unit | null;
	article: Unit | null;
}

const FLATTENED_LEN = 300;
const HEAD_MAX_LINES = 30;
const HEAD_MAX_CHARS = 4000;

export function segment(blocks: Block[]): Segmented {
	const text = blocks.map((b) => b.text).join('\n');
	const lines: Line[] = [];
	let off = 0;
	for (const b of blocks) {
		let lineOff = off;
		for (const raw of b.text.split('\n')) {
			const lead = raw.length - raw.trimStart().length;
			const trimmed = raw.trim();
			if (trimmed) lines.push({ start: lineOff + lead, end: lineOff + lead + trimmed.length, page: b.page });
			lineOff += raw.length + 1;
		}
		off += b.text.length + 1;
	}
	return { text, units: new Segmenter(text).run(lines) };
}

class Segmenter {
	private units: Unit[] = [];
	private byPath = new Map<string, Unit>();
	private phase: 'head' | 'preamble' | 'body' = 'head';
	private header: Unit | null = null;
	private headLines = 0;
	private root: Scope = newScope('', '', null);
	private scope: Scope = this.root;
	/** The last пункт and подпункт in the current scope (абзацы attach to the пункт). */
	private point: Unit | null = null;
	private sub: Unit | null = null;
	private prevSub: string | null = null;
	/** Counters of абзацы per parent path. */
	private abz = new Map<string, number>();
	/** The unit the next continuation line may extend, and the text of its last piece. */
	private open: Unit | null = null;
	private openLast = '';
	/** The heading of a document / appendix is still being read (stamp, title lines). */
	private headingOpen = false;
	private docCount = 0;
	private appCount = 0;
	private bodySeen = false;

	constructor(private readonly text: string) {}

	run(lines: Line[]): Unit[] {
		for (const line of lines) {
			for (const piece of this.split(line)) this.classify(piece);
		}
		return this.units;
	}

	// ---- splitting a line at in-line markers ----

	private split(line: Line): Piece[] {
		const s = this.text.slice(line.start, line.end);
		const flattened = s.length > FLATTENED_LEN;
		const cuts = this.findCuts(s, flattened);
		const pieces: Piece[] = [];
		let from = 0;
		let forced: Cut | null = null;
		for (const cut of [...cuts, null]) {
			const to = cut ? cut.pos : s.length;
			const chunk = s.slice(from, to);
			const lead = chunk.length - chunk.trimStart().length;
			const body = chunk.trim();
			if (body) {
				pieces.push({
					start: line.start + from + lead,
					end: line.start + from + lead + body.length,
					page: line.page,
					forced,
					lineStart: from === 0,
					flattened
				});
			}
			if (cut) {
				from = cut.pos;
				forced = cut.kind === 'afterVerb' ? null : cut;
			}
		}
		return pieces;
	}

	/** In-line cut candidates, accepted in order by simulating the phase and the numbering sequence. */
	private findCuts(s: string, flattened: boolean): Cut[] {
		const cand: Cut[] = [];
		if (flattened && this.phase === 'head') {
			PREAMBLE_OPENER_INLINE.lastIndex = 0;
			const m = PREAMBLE_OPENER_INLINE.exec(s);
			if (m) cand.push({ pos: m.index, kind: 'preamble' });
		}
		if (this.phase !== 'body' || flattened) {
			for (const m of s.matchAll(PREAMBLE_VERB)) {
				const after = m.index + m[0].length;
				const rest = s.slice(after);
				if (rest.trim()) cand.push({ pos: after + (rest.length - rest.trimStart().length), kind: 'afterVerb' });
			}
		}
		for (const m of s.matchAll(/(?<=\s)(\d{1,3}(?:\.\d{1,3}){0,5})\.(?=\s+[«"„A-ZА-ЯЁ])/gu)) {
			if (m.index === 0) continue;
			cand.push({ pos: m.index, kind: 'point', number: m[1] });
		}
		for (const m of s.matchAll(/(?<=[:;]\s+)([а-я]|\d{1,2})\)(?=\s)/gu)) {
			cand.push({ pos: m.index, kind: 'sub', number: m[1] });
		}
		if (flattened) {
			for (const m of s.matchAll(INLINE_DOC)) {
				cand.push({ pos: m.index, kind: m[0].startsWith('Прил') || m[0].startsWith('ПРИЛ') ? 'app' : 'doc' });
			}
		}
		// At one position a marker wins over the end of the преамбула it follows.
		const rank: Record<CutKind, number> = { doc: 0, app: 0, point: 1, sub: 1, preamble: 2, afterVerb: 3 };
		cand.sort((a, b) => a.pos - b.pos || rank[a.kind] - rank[b.kind]);

		// Simulated state, starting from what the start of the line will be.
		let phase = this.phase;
		let prev = this.scope.prevNumber;
		let prevSub = this.prevSub;
		const startPoint = pointAtStart(s);
		const startSub = subAtStart(s);
		if (startPoint) {
			phase = 'body';
			prev = startPoint.number;
			prevSub = null;
		} else if (startSub) {
			phase = 'body';
			prevSub = startSub.number;
		} else if (this.phase === 'head' && (PREAMBLE_OPENER.test(s) || verbOnly(s))) phase = 'preamble';

		const accepted: Cut[] = [];
		let lastPos = 0;
		for (const c of cand) {
			if (c.pos <= lastPos && accepted.length > 0) continue;
			if (c.kind === 'doc' || c.kind === 'app') {
				if (phase !== 'body' || !this.bodySeen && accepted.length === 0 && !startPoint) continue;
				prev = null;
				prevSub = null;
			} else if (c.kind === 'preamble') {
				if (phase !== 'head') continue;
				phase = 'preamble';
			} else if (c.kind === 'afterVerb') {
				if (phase === 'body') continue;
				phase = 'body';
			} else if (c.kind === 'point') {
				const num = c.number!;
				if (num.split('.').some((x) => x.length > 1 && x.startsWith('0'))) continue;
				const before = s.slice(0, c.pos);
				if (REFERENCE_BEFORE.test(before)) continue;
				const prevChar = before.trimEnd().slice(-1);
				const afterSentence = /[.;:!?»"”)]/.test(prevChar);
				if (phase === 'head') {
					if (!flattened || !isNextPoint(prev, num)) continue;
				} else if (phase === 'preamble') {
					if (prevChar !== ':' || !isNextPoint(prev, num)) continue;
				} else {
					if (!isNextPoint(prev, num)) continue;
					if (!afterSentence && !flattened) continue;
				}
				phase = 'body';
				prev = num;
				prevSub = null;
			} else {
				if (phase !== 'body' || !isNextSub(prevSub, c.number!)) continue;
				prevSub = c.number!;
			}
			accepted.push(c);
			lastPos = c.pos;
		}
		return accepted;
	}

	// ---- classification ----

	private classify(p: Piece): void {
		const t = this.text.slice(p.start, p.end);
		const f = p.forced;
		if (f?.kind === 'preamble') return this.startPreamble(p);
		if (f?.kind === 'point') return this.addPoint(p, f.number!);
		if (f?.kind === 'sub') return this.addSub(p, f.number!);
		if (f?.kind === 'app') return this.startAppendix(p, appendixAtStart(t)?.number ?? '');
		if (f?.kind === 'doc') return this.startDocument(p);

		let point = pointAtStart(t);
		let sub = subAtStart(t);
		const heading = headingAtStart(t);
		if ((point || sub) && this.phase === 'body' && this.open && this.wrappedReference(t, point?.number ?? null)) {
			// «… в соответствии с пунктом⏎2.3. настоящего регламента»: a wrapped reference, not a new пункт.
			point = sub = null;
			return this.extend(this.open, p);
		}

		if (this.phase === 'head') {
			if (PREAMBLE_OPENER.test(t) || verbOnly(t)) return this.startPreamble(p);
			if (heading) return this.addHeading(p, heading);
			if (point) return this.addPoint(p, point.number);
			if (sub && this.header) return this.addSub(p, sub.number);
			const longHead =
				this.header !== null &&
				(this.headLines >= HEAD_MAX_LINES || this.header.end - this.header.start > HEAD_MAX_CHARS) &&
				/[.;]$/.test(t);
			if (!longHead) return this.extendHeader(p);
			this.phase = 'body';
		}

		if (this.phase === 'preamble') {
			const pre = this.open;
			if (pre && pre.kind === 'preamble' && !point && !sub && !heading && !isDashItem(t)) {
				if (verbOnly(t) || this.continues(t)) return this.extend(pre, p);
			}
			this.phase = 'body';
		}

		// body
		const app = appendixAtStart(t);
		if (app && !(this.headingOpen && this.scope.unit?.kind === 'appendix' && app.number === '')) {
			return this.startAppendix(p, app.number);
		}
		if (isApprovalStamp(t) && !(this.headingOpen && this.scope.unit !== null)) return this.startDocument(p);
		const docTitle = docTitleAtStart(t);
		if (
			docTitle &&
			!this.headingOpen &&
			this.scope === this.root &&
			this.bodySeen &&
			!/[.;:]$/.test(t) &&
			(isAllCaps(t.split(/\s+/).slice(0, 2).join(' ')) || this.units.at(-1)?.kind === 'signature')
		) {
			return this.startDocument(p);
		}
		if (this.headingOpen && this.scope.unit) {
			if (!point && !sub && !heading && !isDashItem(t) && (t.length < 120 || !/[.;]$/.test(t))) {
				this.extend(this.scope.unit, p);
				this.updateDocLabel(this.scope);
				return;
			}
			this.headingOpen = false;
		}
		if (heading) return this.addHeading(p, heading);
		if (point) return this.addPoint(p, point.number);
		if (sub) return this.addSub(p, sub.number);

		const last = this.units.at(-1);
		if (last?.kind === 'signature' && this.open === last && t.length < 140 && !/[.;:]$/.test(t)) {
			return this.extend(last, p);
		}
		if (!isDashItem(t) && this.open && this.open.kind !== 'signature' && this.continues(t)) {
			return this.extend(this.open, p);
		}
		if (this.scope === this.root && this.bodySeen && isSignatureLine(t)) return this.addSignature(p);
		return this.addParagraph(p);
	}

	/** Does line `t` continue the open unit (a wrapped line rather than a new абзац)? */
	private continues(t: string): boolean {
		if (!this.open) return false;
		const last = this.openLast;
		// The open unit is a bare number ("2.2.") whose text follows on the next lines.
		if (this.open.text === last && pointAtStart(last)?.length === last.length) return true;
		if (/[.;:!?]$/.test(last)) return false;
		if (/^[а-яё]/u.test(t)) return true;
		return last.length >= 60 && /[\p{L}\d,\-–«"(]$/u.test(last);
	}

	/**
	 * Is a line that starts like a пункт / подпункт really the wrapped tail of a reference? Yes when the open line
	 * ends with a reference word («пунктом», «подпункта», «ст.», «от», «№»), or when it ends mid-sentence and the
	 * number breaks the sequence and is followed by a lower-case word.
	 */
	private wrappedReference(t: string, number: string | null): boolean {
		const last = this.openLast;
		if (!this.open || this.open.kind === 'header' || this.open.kind === 'signature') return false;
		if (/[.;:!?»"”)]$/.test(last)) return false;
		if (REFERENCE_BEFORE.test(last) && !/(?:^|\s)(?:и|или|-|–|—|,)$/u.test(last)) return true;
		const rest = t.replace(/^\S+\s*/, '');
		return number !== null && /^[а-яё]/u.test(rest) && !isNextPoint(this.scope.prevNumber, number);
	}

	// ---- unit builders ----

	private add(kind: UnitKind, path: string, label: string, number: string | null, parent: Unit | null, p: Piece): Unit {
		let unique = path;
		for (let i = 2; this.byPath.has(unique); i++) unique = `${path}~${i}`;
		const u: Unit = {
			ord: this.units.length,
			kind,
			path: unique,
			label,
			number,
			parentPath: parent?.path ?? null,
			depth: parent ? parent.depth + 1 : 0,
			text: this.text.slice(p.start, p.end),
			page: p.page,
			start: p.start,
			end: p.end
		};
		this.units.push(u);
		this.byPath.set(unique, u);
		this.open = u;
		this.openLast = u.text;
		if (kind !== 'header' && kind !== 'preamble') this.bodySeen = true;
		return u;
	}

	private extend(u: Unit, p: Piece): void {
		u.end = p.end;
		u.text = this.text.slice(u.start, u.end);
		this.open = u;
		this.openLast = this.text.slice(p.start, p.end);
	}

	private extendHeader(p: Piece): void {
		this.headLines++;
		if (this.header) this.extend(this.header, p);
		else this.header = this.add('header', 'header', 'заголовок', null, null, p);
	}

	private startPreamble(p: Piece): void {
		this.phase = 'preamble';
		const u = this.add('preamble', 'preamble', 'преамбула', null, null, p);
		this.bodyReset();
		if (/:\s*$/.test(u.text)) this.phase = 'body';
	}

	private bodyReset(): void {
		this.point = null;
		this.sub = null;
		this.prevSub = null;
	}

	/** The innermost structural container in the scope (статья > глава > раздел > document/appendix). */
	private container(): Unit | null {
		const s = this.scope;
		return s.article ?? s.chapter ?? s.section ?? s.unit;
	}

	private containerPrefix(): string {
		const c = this.container();
		return c && c !== this.scope.unit ? `${c.path}/` : this.scope.prefix;
	}

	private addHeading(p: Piece, h: { kind: 'section' | 'chapter' | 'article'; number: string; value: string }): void {
		this.phase = 'body';
		this.headingOpen = false;
		const s = this.scope;
		let parent: Unit | null;
		let code: string;
		let label: string;
		if (h.kind === 'section') {
			s.section = s.chapter = s.article = null;
			parent = s.unit;
			code = 's';
			label = `разд. ${h.number}`;
		} else if (h.kind === 'chapter') {
			s.chapter = s.article = null;
			parent = s.section ?? s.unit;
			code = 'ch';
			label = `гл. ${h.number}`;
		} else {
			s.article = null;
			parent = s.chapter ?? s.section ?? s.unit;
			code = 'art';
			label = `ст. ${h.number}`;
		}
		const prefix = parent && parent !== s.unit ? `${parent.path}/` : s.prefix;
		const u = this.add(h.kind, `${prefix}${code}-${pathToken(h.value)}`, s.labelPrefix + label, h.number, parent, p);
		if (h.kind === 'section') s.section = u;
		else if (h.kind === 'chapter') s.chapter = u;
		else s.article = u;
		this.bodyReset();
	}

	private addPoint(p: Piece, number: string): void {
		this.phase = 'body';
		this.headingOpen = false;
		const s = this.scope;
		let parent: Unit | null = null;
		const parts = number.split('.');
		for (let k = parts.length - 1; k >= 1 && !parent; k--) parent = s.points.get(parts.slice(0, k).join('.')) ?? null;
		parent ??= this.container();
		const u = this.add('point', `${this.containerPrefix()}p-${pathToken(number)}`, `${s.labelPrefix}п. ${number}`, number, parent, p);
		s.points.set(number, u);
		s.prevNumber = number;
		this.point = u;
		this.sub = null;
		this.prevSub = null;
	}

	private addSub(p: Piece, number: string): void {
		const numeric = /^\d/.test(number);
		const code = numeric ? `sp-${number}` : pathToken(number);
		const shown = numeric ? number : `«${number}»`;
		const parent = this.point ?? this.container();
		const path = this.point ? `${this.point.path}.${code}` : `${this.containerPrefix()}sp-${pathToken(number)}`;
		const label = this.point ? `${this.point.label} подп. ${shown}` : `${this.scope.labelPrefix}подп. ${shown}`;
		this.sub = this.add('subpoint', path, label, number, parent, p);
		this.prevSub = number;
	}

	private addParagraph(p: Piece): void {
		const parent = this.point ?? this.container();
		let path: string;
		let label: string;
		if (this.point) {
			const k = (this.abz.get(this.point.path) ?? 1) + 1;
			this.abz.set(this.point.path, k);
			path = `${this.point.path}.abz-${k}`;
			label = `${this.point.label}, абз. ${k}`;
		} else {
			const c = this.container();
			const key = c?.path ?? '';
			const k = (this.abz.get(key) ?? 0) + 1;
			this.abz.set(key, k);
			path = `${this.containerPrefix()}abz-${k}`;
			const cLabel = c && c !== this.scope.unit ? `${c.label}, ` : this.scope.labelPrefix;
			label = `${cLabel}абз. ${k}`;
		}
		this.add('paragraph', path, label, null, parent, p);
		this.sub = null;
	}

	private addSignature(p: Piece): void {
		this.add('signature', 'sign', 'подпись', null, null, p);
		this.bodyReset();
	}

	private startDocument(p: Piece): void {
		this.docCount++;
		const n = this.docCount;
		const u = this.add('document', `doc-${n}`, 'утверждённый документ', null, null, p);
		this.enterScope(newScope(`${u.path}/`, 'документ, ', u));
		this.updateDocLabel(this.scope);
	}

	private startAppendix(p: Piece, number: string): void {
		this.appCount++;
		const n = number || String(this.appCount);
		const u = this.add('appendix', `app-${pathToken(n)}`, `прил. ${n}`, number || null, null, p);
		this.enterScope(newScope(`${u.path}/`, `прил. ${n}, `, u));
	}

	private enterScope(s: Scope): void {
		this.phase = 'body';
		this.scope = s;
		this.headingOpen = true;
		this.bodyReset();
	}

	/** Names a document scope after the title found in its heading («Положение» → «положение, п. 1»). */
	private updateDocLabel(s: Scope): void {
		const u = s.unit;
		if (!u || u.kind !== 'document') return;
		for (const line of u.text.split('\n')) {
			const words = line.trim();
			const t = docTitleAtStart(words) ?? (isApprovalStamp(words) ? null : docTitleInside(words));
			if (t) {
				const kind = t.kind === 'регламент' ? 'административный регламент' : t.kind;
				u.label = kind.charAt(0).toUpperCase() + kind.slice(1);
				s.labelPrefix = `${kind === 'административный регламент' ? 'регламент' : kind}, `;
				return;
			}
		}
	}
}

function newScope(prefix: string, labelPrefix: string, unit: Unit | null): Scope {
	return { prefix, labelPrefix, unit, points: new Map(), prevNumber: null, section: null, chapter: null, article: null };
}

/** An approved document or appendix starting inside a flattened line, after the end of a sentence. */
const INLINE_DOC =
	/(?<=[.;»"]\s+)(?:АДМИНИСТРАТИВНЫЙ\s+РЕГЛАМЕНТ|ПОЛОЖЕНИЕ|ПОРЯДОК|ПРАВИЛА|ИНСТРУКЦИЯ|ПЕРЕЧЕНЬ|УТВЕРЖДЕН[АОЫ]?|Утвержден[аоы]?(?=\s+(?:постановлением|приказом|распоряжением|решением))|(?:Приложение|ПРИЛОЖЕНИЕ)\s*(?:№|N)?\s*\d{0,3}\s+к\s+(?:постановлению|приказу|распоряжению|решению))(?=\s)/gu;

/** A line made only of the enacting words: «ПОСТАНОВЛЯЮ:», «п о с т а н о в л я е т:». */
function verbOnly(t: string): boolean {
	PREAMBLE_VERB.lastIndex = 0;
	const m = PREAMBLE_VERB.exec(t);
	PREAMBLE_VERB.lastIndex = 0;
	if (!m) return false;
	// The verb ends the line, and the line is short or clearly the end of a преамбула.
	return /:\s*$/.test(t) && (t.length < 60 || m.index + m[0].length >= t.trimEnd().length);
}

/** A document title appearing after the stamp on the same line («Утверждено … Положение об …»). */
function docTitleInside(t: string): { kind: string } | null {
	const m = /(?:^|\s)(АДМИНИСТРАТИВНЫЙ\s+РЕГЛАМЕНТ|Административный\s+регламент|ПОЛОЖЕНИЕ|Положение|ПОРЯДОК|Порядок|ПРАВИЛА|Правила|ИНСТРУКЦИЯ|Инструкция|ПЕРЕЧЕНЬ|Перечень)(?=\s)/u.exec(t);
	return m ? { kind: m[1].toLowerCase().replace(/\s+/g, ' ') } : null;
}

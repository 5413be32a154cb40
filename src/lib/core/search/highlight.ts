/**
 * Hit highlighting and snippets, computed on the same analysis as the index so that what is marked is
 * exactly what matched. Output is plain data (offsets, segments): rendering must escape text, never use HTML.
 */
import { analyze, type TermToken } from './analyze';
import { parseQuery, type ParsedQuery, type QueryClause } from './query';

export type Range = [start: number, end: number];

export interface Segment {
	text: string;
	hit: boolean;
}

function tokenMatches(t: TermToken, c: Extract<QueryClause, { type: 'term' }>): boolean {
	if (c.prefix) return t.term.startsWith(c.term) || t.parts.some((p) => p.startsWith(c.term));
	return t.term === c.term || t.parts.includes(c.term);
}

/** Offsets of the query's positive hits in `text`, sorted and merged. */
export function matchRanges(text: string, q: ParsedQuery): Range[] {
	const positive = q.clauses.filter((c) => !c.negated);
	if (positive.length === 0 || !text) return [];
	const tokens = analyze(text);
	const ranges: Range[] = [];
	for (const c of positive) {
		if (c.type === 'term') {
			for (const t of tokens) if (tokenMatches(t, c)) ranges.push([t.start, t.end]);
		} else {
			const len = c.terms.length;
			for (let i = 0; i + len <= tokens.length; i++) {
				let ok = true;
				for (let k = 0; k < len && ok; k++) ok = tokens[i + k].term === c.terms[k];
				if (ok) ranges.push([tokens[i].start, tokens[i + len - 1].end]);
			}
		}
	}
	return merge(ranges);
}

/**
 * Offsets of the hits of a user query in a text: for the act page, which highlights them and offers
 * next/previous navigation. Never throws; an empty array when nothing matches.
 */
export function highlightRanges(text: string, query: string): Range[] {
	return matchRanges(text, parseQuery(query));
}

function merge(ranges: Range[]): Range[] {
	ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	const out: Range[] = [];
	for (const r of ranges) {
		const last = out[out.length - 1];
		if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
		else out.push([r[0], r[1]]);
	}
	return out;
}

/** Splits text into plain and hit segments. */
export function toSegments(text: string, ranges: Range[], from = 0, to = text.length): Segment[] {
	const out: Segment[] = [];
	let pos = from;
	for (const [s0, e0] of ranges) {
		const s = Math.max(s0, from);
		const e = Math.min(e0, to);
		if (e <= s) continue;
		if (s > pos) out.push({ text: text.slice(pos, s), hit: false });
		out.push({ text: text.slice(s, e), hit: true });
		pos = e;
	}
	if (pos < to) out.push({ text: text.slice(pos, to), hit: false });
	return out;
}

export interface Snippet {
	/** Plain text of the window with "…" where the clause was cut. */
	plain: string;
	/** The same text as segments; hits flagged. Leading/trailing "…" are plain segments. */
	segments: Segment[];
}

const ELLIPSIS = '…';

/** A window of about `maxLen` characters of `text` holding as many hits as possible, on word boundaries. */
export function makeSnippet(text: string, ranges: Range[], maxLen = 280): Snippet {
	// Same length as `text` so that the ranges stay valid; runs of spaces are collapsed per segment below.
	const src = text.replace(/\s/g, ' ');
	let from = 0;
	let to = Math.min(src.length, maxLen);
	if (src.length > maxLen && ranges.length > 0) {
		let best = 0;
		let bestCount = -1;
		for (let i = 0; i < ranges.length; i++) {
			const start = Math.max(0, ranges[i][0] - 40);
			const end = start + maxLen;
			let count = 0;
			for (let k = i; k < ranges.length && ranges[k][1] <= end; k++) count++;
			if (count > bestCount) {
				bestCount = count;
				best = start;
			}
		}
		from = best;
		to = Math.min(src.length, from + maxLen);
		if (to - from < maxLen) from = Math.max(0, to - maxLen);
	}
	// Snap to word boundaries.
	if (from > 0) {
		const sp = src.indexOf(' ', from);
		if (sp !== -1 && sp < from + 25 && !ranges.some(([s]) => s >= from && s < sp)) from = sp + 1;
	}
	if (to < src.length) {
		const sp = src.lastIndexOf(' ', to);
		if (sp > from + maxLen / 2 && !ranges.some(([, e]) => e > sp && e <= to)) to = sp;
	}
	const segs = toSegments(src, ranges, from, to).map((s) => ({ text: s.text.replace(/\s+/g, ' '), hit: s.hit }));
	if (from > 0) segs.unshift({ text: ELLIPSIS, hit: false });
	if (to < src.length) segs.push({ text: ELLIPSIS, hit: false });
	return { plain: segs.map((s) => s.text).join('').trim(), segments: segs };
}

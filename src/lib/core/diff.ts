/**
 * Clause-by-clause diff between two редакции of an act. Units are paired by path and by text similarity, so a clause
 * that was renumbered (п. 4 → п. 3 after п. 3 was removed) is recognised as the same clause. Within a changed clause a
 * word-level diff gives segments for safe highlighting (plain text segments, never HTML). Pure.
 */
import { tokenize } from './analysis';

export interface DiffUnit {
	path: string;
	label: string;
	text: string;
	kind?: string;
}

export type DiffKind = 'unchanged' | 'changed' | 'added' | 'removed';

export interface WordSegment {
	text: string;
	op: 'eq' | 'del' | 'ins';
}

export interface DiffEntry {
	kind: DiffKind;
	/** True when the unit's path changed (перенумерован). */
	renumbered: boolean;
	old: DiffUnit | null;
	new: DiffUnit | null;
	/** Word-stem similarity of old and new text, 0..1 (1 for identical; 0 for added/removed). */
	similarity: number;
	/** Word-level segments: for changed units eq/del/ins; for others the whole text as one kind. */
	segments: WordSegment[];
}

export interface EditionDiff {
	entries: DiffEntry[];
	/** Old path → new path (null when removed). */
	mapping: Record<string, string | null>;
	counts: Record<DiffKind, number> & { renumbered: number };
}

/** Minimal similarity for two different texts to count as the same clause. */
export const SAME_CLAUSE_SIMILARITY = 0.5;

const normText = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase().replace(/ё/g, 'е');

function stems(text: string): string[] {
	return tokenize(text).map((t) => t.stem);
}

/** Dice coefficient over word-stem multisets: 1 for the same words, 0 for no common words. */
export function similarity(a: string, b: string): number {
	return diceOf(stems(a), stems(b));
}

function diceOf(a: string[], b: string[]): number {
	if (a.length === 0 && b.length === 0) return 1;
	if (a.length === 0 || b.length === 0) return 0;
	const counts = new Map<string, number>();
	for (const s of a) counts.set(s, (counts.get(s) ?? 0) + 1);
	let common = 0;
	for (const s of b) {
		const n = counts.get(s) ?? 0;
		if (n > 0) {
			common++;
			counts.set(s, n - 1);
		}
	}
	return (2 * common) / (a.length + b.length);
}

/** Pairs old and new units and builds the ordered list of entries. */
export function diffEditions(oldUnits: DiffUnit[], newUnits: DiffUnit[]): EditionDiff {
	const oldToNew = new Map<number, number>();
	const newTaken = new Set<number>();
	const pair = (i: number, j: number) => {
		oldToNew.set(i, j);
		newTaken.add(j);
	};
	const oldNorm = oldUnits.map((u) => normText(u.text));
	const newNorm = newUnits.map((u) => normText(u.text));
	const newByPath = new Map(newUnits.map((u, j) => [u.path, j]));
	const oldStems: (string[] | null)[] = oldUnits.map(() => null);
	const newStems: (string[] | null)[] = newUnits.map(() => null);
	const oldS = (i: number) => (oldStems[i] ??= stems(oldUnits[i].text));
	const newS = (j: number) => (newStems[j] ??= stems(newUnits[j].text));

	// 1. Same path, same text.
	oldUnits.forEach((u, i) => {
		const j = newByPath.get(u.path);
		if (j !== undefined && oldNorm[i] === newNorm[j]) pair(i, j);
	});
	// 2. Same text elsewhere (renumbered): the nearest unpaired one in document order.
	const newByText = new Map<string, number[]>();
	newNorm.forEach((t, j) => {
		if (newTaken.has(j) || !t) return;
		const list = newByText.get(t) ?? [];
		list.push(j);
		newByText.set(t, list);
	});
	oldUnits.forEach((_, i) => {
		if (oldToNew.has(i) || !oldNorm[i]) return;
		const candidates = (newByText.get(oldNorm[i]) ?? []).filter((j) => !newTaken.has(j));
		if (!candidates.length) return;
		const ratio = newUnits.length / Math.max(1, oldUnits.length);
		const best = candidates.reduce((a, b) => (Math.abs(b - i * ratio) < Math.abs(a - i * ratio) ? b : a));
		pair(i, best);
	});
	// 3. Same path, similar text (edited in place), unless that new unit is clearly another old unit's text.
	oldUnits.forEach((u, i) => {
		if (oldToNew.has(i)) return;
		const j = newByPath.get(u.path);
		if (j === undefined || newTaken.has(j)) return;
		if (diceOf(oldS(i), newS(j)) >= SAME_CLAUSE_SIMILARITY) pair(i, j);
	});
	// 4. Similar text elsewhere (renumbered and edited): greedy best pairs, preferring the same last path segment kind.
	const restOld = oldUnits.map((_, i) => i).filter((i) => !oldToNew.has(i));
	const restNew = newUnits.map((_, j) => j).filter((j) => !newTaken.has(j));
	if (restOld.length && restNew.length && restOld.length * restNew.length <= 250_000) {
		const pairs: [number, number, number][] = [];
		for (const i of restOld)
			for (const j of restNew) {
				if ((oldUnits[i].kind ?? '') !== (newUnits[j].kind ?? '')) continue;
				const s = diceOf(oldS(i), newS(j));
				if (s >= SAME_CLAUSE_SIMILARITY) pairs.push([s, i, j]);
			}
		pairs.sort((a, b) => b[0] - a[0] || Math.abs(a[1] - a[2]) - Math.abs(b[1] - b[2]));
		for (const [, i, j] of pairs) if (!oldToNew.has(i) && !newTaken.has(j)) pair(i, j);
	}

	// Order: new document order; a removed unit goes right after the new position of its nearest paired predecessor.
	const removedAfter = new Map<number, number[]>(); // new index (or -1) → old indexes
	let lastNew = -1;
	oldUnits.forEach((_, i) => {
		const j = oldToNew.get(i);
		if (j !== undefined) {
			lastNew = Math.max(lastNew, j);
			return;
		}
		const list = removedAfter.get(lastNew) ?? [];
		list.push(i);
		removedAfter.set(lastNew, list);
	});
	const newToOld = new Map<number, number>([...oldToNew].map(([i, j]) => [j, i]));
	const entries: DiffEntry[] = [];
	const pushRemoved = (key: number) => {
		for (const i of removedAfter.get(key) ?? [])
			entries.push({ kind: 'removed', renumbered: false, old: oldUnits[i], new: null, similarity: 0, segments: [{ text: oldUnits[i].text, op: 'del' }] });
	};
	pushRemoved(-1);
	newUnits.forEach((n, j) => {
		const i = newToOld.get(j);
		if (i === undefined) {
			entries.push({ kind: 'added', renumbered: false, old: null, new: n, similarity: 0, segments: [{ text: n.text, op: 'ins' }] });
		} else {
			const o = oldUnits[i];
			const same = oldNorm[i] === newNorm[j];
			entries.push({
				kind: same ? 'unchanged' : 'changed',
				renumbered: o.path !== n.path,
				old: o,
				new: n,
				similarity: same ? 1 : diceOf(oldS(i), newS(j)),
				segments: same ? [{ text: n.text, op: 'eq' }] : wordDiff(o.text, n.text)
			});
		}
		pushRemoved(j);
	});

	const mapping: Record<string, string | null> = {};
	oldUnits.forEach((u, i) => {
		const j = oldToNew.get(i);
		mapping[u.path] = j === undefined ? null : newUnits[j].path;
	});
	const counts = { unchanged: 0, changed: 0, added: 0, removed: 0, renumbered: 0 };
	for (const e of entries) {
		counts[e.kind]++;
		if (e.renumbered) counts.renumbered++;
	}
	return { entries, mapping, counts };
}

/** Splits text into words and the separators between them, keeping every character. */
function pieces(text: string): string[] {
	return text.match(/[\p{L}\p{N}]+|[^\p{L}\p{N}]+/gu) ?? [];
}

const MAX_LCS_CELLS = 4_000_000;

/** Word-level diff: segments of the old and new text marked eq / del / ins, adjacent ones of the same op merged. */
export function wordDiff(oldText: string, newText: string): WordSegment[] {
	const a = pieces(oldText);
	const b = pieces(newText);
	const out: WordSegment[] = [];
	const push = (text: string, op: WordSegment['op']) => {
		if (!text) return;
		const last = out[out.length - 1];
		if (last && last.op === op) last.text += text;
		else out.push({ text, op });
	};
	// Common prefix and suffix first: most edits are local.
	let pre = 0;
	while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
	let suf = 0;
	while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
	const am = a.slice(pre, a.length - suf);
	const bm = b.slice(pre, b.length - suf);
	push(a.slice(0, pre).join(''), 'eq');
	if ((am.length + 1) * (bm.length + 1) > MAX_LCS_CELLS) {
		push(am.join(''), 'del');
		push(bm.join(''), 'ins');
	} else {
		const n = am.length;
		const m = bm.length;
		const key = (s: string) => s.toLowerCase().replace(/ё/g, 'е');
		const ak = am.map(key);
		const bk = bm.map(key);
		// lcs[i][j] = LCS length of am[i..], bm[j..]
		const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
		for (let i = n - 1; i >= 0; i--)
			for (let j = m - 1; j >= 0; j--)
				lcs[i][j] = ak[i] === bk[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
		let i = 0;
		let j = 0;
		const dels: string[] = [];
		const inss: string[] = [];
		const flush = () => {
			push(dels.join(''), 'del');
			push(inss.join(''), 'ins');
			dels.length = 0;
			inss.length = 0;
		};
		while (i < n || j < m) {
			if (i < n && j < m && ak[i] === bk[j]) {
				flush();
				push(bm[j], 'eq');
				i++;
				j++;
			} else if (j < m && (i >= n || lcs[i][j + 1] >= lcs[i + 1][j])) {
				inss.push(bm[j++]);
			} else {
				dels.push(am[i++]);
			}
		}
		flush();
	}
	push(a.slice(a.length - suf).join(''), 'eq');
	return joinSeparators(out);
}

/** A lone separator (spaces, punctuation) between two changes is folded into them: «а б» → «в г» reads as one change. */
function joinSeparators(segs: WordSegment[]): WordSegment[] {
	const out: WordSegment[] = [];
	for (let k = 0; k < segs.length; k++) {
		const s = segs[k];
		const prev = out[out.length - 1];
		const next = segs[k + 1];
		if (s.op === 'eq' && prev && prev.op !== 'eq' && next && next.op !== 'eq' && !/[\p{L}\p{N}]/u.test(s.text)) {
			// Collect the change before (del then ins) and after, then re-emit as one del + one ins.
			const before: WordSegment[] = [];
			while (out.length && out[out.length - 1].op !== 'eq') before.unshift(out.pop()!);
			const after: WordSegment[] = [];
			while (k + 1 < segs.length && segs[k + 1].op !== 'eq') after.push(segs[++k]);
			const del = [...before.filter((x) => x.op === 'del'), { text: s.text, op: 'del' as const }, ...after.filter((x) => x.op === 'del')];
			const ins = [...before.filter((x) => x.op === 'ins'), { text: s.text, op: 'ins' as const }, ...after.filter((x) => x.op === 'ins')];
			const delText = before.some((x) => x.op === 'del') || after.some((x) => x.op === 'del') ? del.map((x) => x.text).join('') : '';
			const insText = before.some((x) => x.op === 'ins') || after.some((x) => x.op === 'ins') ? ins.map((x) => x.text).join('') : '';
			if (delText) out.push({ text: delText, op: 'del' });
			if (insText) out.push({ text: insText, op: 'ins' });
			continue;
		}
		if (prev && prev.op === s.op) prev.text += s.text;
		else out.push({ ...s });
	}
	return out;
}

/** Old and new text rebuilt from segments (for tests and exports). */
export function sidesOf(segments: WordSegment[]): { old: string; new: string } {
	return {
		old: segments.filter((s) => s.op !== 'ins').map((s) => s.text).join(''),
		new: segments.filter((s) => s.op !== 'del').map((s) => s.text).join('')
	};
}

export interface FindingsDelta {
	/** Rules that flagged the old clause and no longer flag it. */
	resolved: string[];
	/** Rules that flag the new clause and did not flag the old one. */
	added: string[];
	/** Rules that flag both. */
	still: string[];
}

/** The findings delta of one clause between редакции (rule ids of findings that count: not dismissed/resolved). */
export function findingsDelta(oldRules: string[], newRules: string[]): FindingsDelta {
	const o = new Set(oldRules);
	const n = new Set(newRules);
	return {
		resolved: [...o].filter((r) => !n.has(r)).sort(),
		added: [...n].filter((r) => !o.has(r)).sort(),
		still: [...o].filter((r) => n.has(r)).sort()
	};
}

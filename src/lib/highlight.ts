/** Turns highlight ranges into text segments for safe rendering (no HTML built from act text). */
export type Range = [number, number];

export interface Segment {
	text: string;
	hit: boolean;
}

/** Splits `text` into plain and highlighted segments; overlapping or unsorted ranges are merged. */
export function segmentsOf(text: string, ranges: Range[]): Segment[] {
	const sorted = ranges
		.map(([s, e]) => [Math.max(0, s), Math.min(text.length, e)] as Range)
		.filter(([s, e]) => e > s)
		.sort((a, b) => a[0] - b[0]);
	const merged: Range[] = [];
	for (const r of sorted) {
		const last = merged[merged.length - 1];
		if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
		else merged.push([r[0], r[1]]);
	}
	const out: Segment[] = [];
	let pos = 0;
	for (const [s, e] of merged) {
		if (s > pos) out.push({ text: text.slice(pos, s), hit: false });
		out.push({ text: text.slice(s, e), hit: true });
		pos = e;
	}
	if (pos < text.length || out.length === 0) out.push({ text: text.slice(pos), hit: false });
	return out;
}

export interface LayeredSegment {
	text: string;
	/** For each layer, whether this segment lies inside one of its ranges. */
	in: boolean[];
}

/** Splits `text` at the boundaries of several highlight layers (e.g. findings and search hits). */
export function layeredSegments(text: string, layers: Range[][]): LayeredSegment[] {
	const cuts = new Set<number>([0, text.length]);
	const clean = layers.map((ranges) =>
		ranges.map(([s, e]) => [Math.max(0, s), Math.min(text.length, e)] as Range).filter(([s, e]) => e > s)
	);
	for (const ranges of clean) for (const [s, e] of ranges) cuts.add(s).add(e);
	const points = [...cuts].sort((a, b) => a - b);
	const out: LayeredSegment[] = [];
	for (let i = 0; i + 1 < points.length; i++) {
		const [s, e] = [points[i], points[i + 1]];
		const flags = clean.map((ranges) => ranges.some(([a, b]) => a <= s && e <= b));
		const last = out[out.length - 1];
		if (last && last.in.every((f, k) => f === flags[k])) last.text += text.slice(s, e);
		else out.push({ text: text.slice(s, e), in: flags });
	}
	if (out.length === 0) out.push({ text, in: layers.map(() => false) });
	return out;
}

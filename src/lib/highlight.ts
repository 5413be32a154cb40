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

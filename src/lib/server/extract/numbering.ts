/**
 * Word auto-numbering (word/numbering.xml): computes the label Word shows in front of a numbered
 * paragraph ("1.1.", "а)", "IV."), which mammoth and other text extractors drop.
 */

export interface NumLevel {
	start: number;
	numFmt: string;
	lvlText: string;
	/** 'tab' | 'space' | 'nothing' */
	suff: string;
	/** 1-based level after which this level restarts; 0 = never; undefined = after any higher level. */
	restart?: number;
	isLgl: boolean;
	/** Paragraph style bound to this level (w:pStyle inside w:lvl). */
	pStyle?: string;
}

export interface AbstractNum {
	id: string;
	levels: (NumLevel | undefined)[];
	/** w:numStyleLink: the list is defined by a numbering style (resolved through styles.xml). */
	numStyleLink?: string;
}

export interface NumInstance {
	numId: string;
	abstractNumId: string;
	/** Per level: startOverride and/or a complete level override. */
	overrides: Map<number, { start?: number; level?: NumLevel }>;
}

export interface NumberingDefs {
	abstract: Map<string, AbstractNum>;
	nums: Map<string, NumInstance>;
}

const RUSSIAN_LOWER = 'абвгдежзиклмнопрстуфхцчшщэюя';

function letters(n: number, alphabet: string): string {
	if (n <= 0) return String(n);
	const len = alphabet.length;
	const ch = alphabet[(n - 1) % len];
	return ch.repeat(Math.floor((n - 1) / len) + 1);
}

function roman(n: number): string {
	if (n <= 0 || n >= 4000) return String(n);
	const table: [number, string][] = [
		[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
		[50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']
	];
	let out = '';
	for (const [v, s] of table) {
		while (n >= v) {
			out += s;
			n -= v;
		}
	}
	return out;
}

/** Formats a counter value in a Word numFmt. Unknown formats fall back to decimal. */
export function formatNumber(n: number, numFmt: string): string {
	switch (numFmt) {
		case 'lowerLetter':
			return letters(n, 'abcdefghijklmnopqrstuvwxyz');
		case 'upperLetter':
			return letters(n, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ');
		case 'russianLower':
			return letters(n, RUSSIAN_LOWER);
		case 'russianUpper':
			return letters(n, RUSSIAN_LOWER.toUpperCase());
		case 'lowerRoman':
			return roman(n).toLowerCase();
		case 'upperRoman':
			return roman(n);
		case 'decimalZero':
			return n < 10 ? `0${n}` : String(n);
		case 'none':
			return '';
		default:
			return String(n);
	}
}

/**
 * Tracks list counters in document order and produces labels. Counters are shared by all w:num
 * instances of one abstractNum (as in Word); a w:startOverride restarts them when its w:num is first used.
 */
export class NumberingState {
	private counters = new Map<string, (number | null)[]>();
	private seenNums = new Set<string>();

	constructor(private defs: NumberingDefs) {}

	/** Resolves an abstractNum, following numStyleLink through the given style → numId resolver. */
	private resolveAbstract(num: NumInstance, styleNumId: (styleId: string) => string | undefined): AbstractNum | undefined {
		let abs = this.defs.abstract.get(num.abstractNumId);
		for (let hops = 0; abs?.numStyleLink && hops < 5; hops++) {
			const linkedNumId = styleNumId(abs.numStyleLink);
			const linked = linkedNumId ? this.defs.nums.get(linkedNumId) : undefined;
			const next = linked ? this.defs.abstract.get(linked.abstractNumId) : undefined;
			if (!next || next === abs) break;
			abs = next;
		}
		return abs;
	}

	/**
	 * Advances the counter for a numbered paragraph and returns its label with the separator
	 * ("1.1. ", "а) "), or '' when the paragraph shows no number (bullets, numFmt none, unknown list).
	 */
	next(numId: string, ilvl: number, styleNumId: (styleId: string) => string | undefined = () => undefined): string {
		const num = this.defs.nums.get(numId);
		if (!num) return '';
		const abs = this.resolveAbstract(num, styleNumId);
		if (!abs) return '';
		const level = (k: number): NumLevel | undefined => num.overrides.get(k)?.level ?? abs.levels[k];
		const lvl = level(ilvl);
		if (!lvl) return '';
		let counters = this.counters.get(abs.id);
		if (!counters) {
			counters = new Array<number | null>(9).fill(null);
			this.counters.set(abs.id, counters);
		}
		const startOf = (k: number): number => num.overrides.get(k)?.start ?? level(k)?.start ?? 1;
		if (!this.seenNums.has(numId)) {
			this.seenNums.add(numId);
			for (const [k, o] of num.overrides) {
				if (o.start !== undefined || o.level) {
					counters[k] = null;
					for (let j = k + 1; j < 9; j++) counters[j] = null;
				}
			}
		}
		const cur = counters[ilvl];
		counters[ilvl] = cur === null ? startOf(ilvl) : cur + 1;
		// Restart deeper levels (unless a level says it never restarts or restarts after a deeper level).
		for (let j = ilvl + 1; j < 9; j++) {
			const r = level(j)?.restart;
			if (r === 0) continue;
			if (r === undefined || r >= ilvl + 1) counters[j] = null;
		}
		if (lvl.numFmt === 'bullet') return '';
		const label = lvl.lvlText.replace(/%([1-9])/g, (_m, d: string) => {
			const k = Number(d) - 1;
			const value = counters![k] ?? startOf(k);
			const fmt = lvl.isLgl ? 'decimal' : (level(k)?.numFmt ?? 'decimal');
			return formatNumber(value, fmt);
		});
		if (!label.trim()) return '';
		return lvl.suff === 'nothing' ? label : `${label} `;
	}
}

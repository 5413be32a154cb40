/** Shared domain types. Pure data: no I/O, no framework. */

/** A paragraph of extracted text with the page it starts on (1-based; null for formats without pages). */
export interface Block {
	text: string;
	page: number | null;
}

export type SourceFormat = 'pdf' | 'docx' | 'txt';

/** What an extractor returns: paragraphs in reading order. */
export interface ExtractedDoc {
	format: SourceFormat;
	blocks: Block[];
	/** Number of pages (PDF), or null. */
	pages: number | null;
}

export type UnitKind =
	| 'header' // the act's heading block: body, kind, date, number, title
	| 'preamble' // "В соответствии с ... постановляет:"
	| 'section' // раздел I, II …
	| 'chapter' // глава
	| 'article' // статья
	| 'point' // пункт 1., 1.1., 2.3.1.
	| 'subpoint' // подпункт а), 1)
	| 'paragraph' // абзац (unnumbered text inside a unit)
	| 'appendix' // приложение
	| 'document' // the approved document (регламент, положение, порядок) after the approving act
	| 'signature'; // подпись, должность

/** A structural unit of an act. */
export interface Unit {
	/** Position in document order, 0-based. */
	ord: number;
	kind: UnitKind;
	/**
	 * Normalized, unique-within-act path used in anchors and links, e.g. "p-2.3", "p-2.3.a",
	 * "app-1/p-4", "s-2/p-2.1". Only [a-z0-9.\-/_~] characters ("~2" marks a repeated number).
	 */
	path: string;
	/** Russian human label, e.g. "п. 2.3 подп. «а»", "разд. II", "прил. 1, п. 4". */
	label: string;
	/** Number as written ("2.3", "а", "II") or null. */
	number: string | null;
	/** Path of the enclosing unit or null at top level. */
	parentPath: string | null;
	depth: number;
	/** The unit's own text (not including children). */
	text: string;
	/** Page the unit starts on, or null. */
	page: number | null;
	/** Offsets of `text` in the act's full text (start inclusive, end exclusive). */
	start: number;
	end: number;
}

export interface Requisites {
	/** вид: "постановление", "распоряжение", "приказ", "указ", "закон", "решение", "административный регламент", "положение", … */
	kind: string | null;
	/** принявший орган, e.g. "Администрация сельского поселения Тулома Кольского района". */
	body: string | null;
	/** ISO date YYYY-MM-DD. */
	date: string | null;
	/** номер as written, e.g. "31", "20-пр", "1150". */
	number: string | null;
	title: string | null;
	region: string | null;
}

export const emptyRequisites = (): Requisites => ({
	kind: null,
	body: null,
	date: null,
	number: null,
	title: null,
	region: null
});

/**
 * Segments an act's paragraphs into structural units (раздел, глава, статья, пункт, подпункт, абзац,
 * приложения and the approved document). (Being implemented.)
 */
import type { Block, Unit } from './types';

export interface Segmented {
	/** Full text of the act: blocks joined with "\n". Unit offsets point into it. */
	text: string;
	units: Unit[];
}

export function segment(blocks: Block[]): Segmented {
	const text = blocks.map((b) => b.text).join('\n');
	return { text, units: [] };
}

/**
 * Extraction entry point: validates the bytes (real type by magic bytes, size limit, zip-bomb guard,
 * encrypted/corrupt PDF, scan-only PDF) and returns paragraphs with page numbers.
 * Throws UserError with a Russian message on bad input.
 * (Being implemented: see pdf.ts, docx.ts, txt.ts, detect.ts.)
 */
import type { ExtractedDoc } from '$lib/core/types';

export async function extract(bytes: Uint8Array, fileName: string): Promise<ExtractedDoc> {
	void bytes;
	void fileName;
	throw new Error('not implemented yet');
}

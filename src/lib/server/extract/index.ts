/**
 * Extraction entry point: validates the bytes (real type by magic bytes, size limit, zip-bomb guard,
 * encrypted/corrupt PDF, scan-only PDF) and returns paragraphs with page numbers.
 * Throws UserError with a Russian message on bad input.
 */
import type { ExtractedDoc } from '$lib/core/types';
import { UserError } from '$lib/core/errors';
import { detectType, typeFromFileName, TYPE_NAMES_RU, type DetectedType, type SupportedType } from './detect';
import { extractPdf } from './pdf';
import { extractDocx } from './docx';
import { extractTxt } from './txt';

export { detectType, textEncoding, typeFromFileName, TYPE_NAMES_RU } from './detect';
export type { DetectedType, SupportedType } from './detect';
export { extractPdf } from './pdf';
export { extractDocx } from './docx';
export { extractTxt, decodeText } from './txt';
export { normalizeParagraph } from './normalize';

/** Default upload limit: 50 MB. */
export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

const EXT_NAMES_RU: Partial<Record<DetectedType, string>> = { pdf: '.pdf', docx: '.docx', txt: '.txt' };

function formatMb(n: number): string {
	return `${(n / (1024 * 1024)).toLocaleString('ru-RU', { maximumFractionDigits: 1 })} МБ`;
}

function isSupported(t: DetectedType): t is SupportedType {
	return t === 'pdf' || t === 'docx' || t === 'txt';
}

/**
 * Checks size and real type (magic bytes, not the extension). Returns the supported type or throws
 * UserError: empty, too_large, unsupported_type, type_mismatch, bad_encoding.
 */
export function validateUpload(bytes: Uint8Array, fileName: string, maxBytes = DEFAULT_MAX_BYTES): SupportedType {
	if (bytes.length === 0) throw new UserError('empty', `Файл «${fileName}» пустой (0 байт). Загрузите документ ещё раз.`, 'zero-length upload');
	if (bytes.length > maxBytes) {
		throw new UserError(
			'too_large',
			`Файл «${fileName}» слишком большой: ${formatMb(bytes.length)} при допустимых ${formatMb(maxBytes)}. Загрузите акт без приложенных сканов или разделите его на части.`,
			`${bytes.length} bytes > limit ${maxBytes}`
		);
	}
	const real = detectType(bytes);
	const declared = typeFromFileName(fileName);
	if (!isSupported(real)) {
		if (real === 'unknown' && (declared === 'txt' || declared === null)) {
			throw new UserError(
				'bad_encoding',
				`Не удалось прочитать файл «${fileName}»: это не текст в кодировке UTF-8 или Windows-1251 и не документ PDF или Word. Сохраните текст в кодировке UTF-8 или загрузите документ в формате DOCX или PDF.`,
				'not valid UTF-8, not Windows-1251, no known signature'
			);
		}
		const advice: Partial<Record<DetectedType, string>> = {
			doc: 'Откройте его в Word и сохраните как «Документ Word (*.docx)» или в PDF.',
			rtf: 'Откройте его в Word и сохраните как «Документ Word (*.docx)» или в PDF.',
			odt: 'Сохраните его в формате DOCX или PDF.',
			image: 'Если это скан акта, нужно распознавание текста: распознайте его (OCR) и загрузите PDF с текстовым слоем или DOCX.',
			zip: 'Если это архив с актами, загрузите его с расширением .zip — акты из него будут импортированы по одному.',
			html: 'Сохраните страницу как PDF или скопируйте текст акта в файл TXT или DOCX.'
		};
		throw new UserError(
			'unsupported_type',
			`Файл «${fileName}» — это ${TYPE_NAMES_RU[real]}. Поддерживаются PDF, DOCX, TXT, DOC, RTF, ODT и ZIP-архивы с такими файлами. ${advice[real] ?? 'Сохраните документ в формате DOCX или PDF.'}`,
			`detected ${real}, declared ${declared ?? 'none'}`
		);
	}
	// The extension names a known type but the content is another: report the mismatch instead of guessing.
	// (A DOCX named .doc is common and harmless, so it is accepted.)
	if (declared && declared !== real && !(declared === 'doc' && real === 'docx')) {
		const ext = /\.[^.]+$/.exec(fileName)?.[0] ?? '';
		throw new UserError(
			'type_mismatch',
			`Файл назван ${ext || EXT_NAMES_RU[declared] || ''}, но на самом деле это ${TYPE_NAMES_RU[real]}. Проверьте, что загружаете нужный файл, и исправьте расширение на ${EXT_NAMES_RU[real]}.`,
			`extension says ${declared}, content is ${real}`
		);
	}
	return real;
}

/**
 * Extracts the act's paragraphs in reading order (PDF: with the page each starts on; DOCX/TXT: page null).
 * Throws UserError with a Russian message and a stable code on bad input:
 * empty, too_large, unsupported_type, type_mismatch, bad_encoding, zip_bomb, corrupt, encrypted, needs_ocr.
 */
export async function extract(bytes: Uint8Array, fileName: string, opts: { maxBytes?: number } = {}): Promise<ExtractedDoc> {
	const type = validateUpload(bytes, fileName, opts.maxBytes ?? DEFAULT_MAX_BYTES);
	switch (type) {
		case 'pdf':
			return extractPdf(bytes);
		case 'docx':
			return extractDocx(bytes);
		case 'txt':
			return extractTxt(bytes);
	}
}

/** Plain-text acts: UTF-8 (BOM stripped) or reliably detected Windows-1251; one paragraph per line. */
import type { ExtractedDoc } from '$lib/core/types';
import { UserError } from '$lib/core/errors';
import { textEncoding } from './detect';
import { normalizeBlocks } from './normalize';

/** Decodes text bytes, or throws UserError('bad_encoding') for binary data / unknown encodings. */
export function decodeText(bytes: Uint8Array): string {
	const enc = textEncoding(bytes);
	if (enc === null) {
		throw new UserError(
			'bad_encoding',
			'Не удалось прочитать текстовый файл: он содержит двоичные данные или сохранён в неизвестной кодировке. Сохраните текст в кодировке UTF-8 (в Блокноте: «Сохранить как» → кодировка UTF-8) или загрузите документ в формате DOCX или PDF.',
			'not valid UTF-8 and not recognisable Windows-1251 text'
		);
	}
	// TextDecoder strips a UTF-8 BOM by default.
	return new TextDecoder(enc).decode(bytes);
}

export function extractTxt(bytes: Uint8Array): ExtractedDoc {
	const text = decodeText(bytes);
	const blocks = normalizeBlocks(
		text
			.replace(/\r\n?/g, '\n')
			.split(/[\n\f\v\u2028\u2029\u0085]/)
			.map((line) => ({ text: line, page: null as number | null }))
	);
	if (blocks.length === 0) throw emptyText();
	return { format: 'txt', blocks, pages: null };
}

export function emptyText(): UserError {
	return new UserError('empty', 'В файле нет текста: документ пустой.', 'no non-empty paragraphs');
}

/**
 * Real file type by content (magic bytes), never by the extension, plus the Russian names used in
 * rejection messages.
 */
import { readZipDirectory, ZipFormatError, type ZipEntry } from './zip';

export type DetectedType =
	| 'pdf'
	| 'docx'
	| 'txt'
	| 'empty'
	| 'doc' // old binary Word (OLE compound file)
	| 'rtf'
	| 'odt'
	| 'xlsx'
	| 'pptx'
	| 'zip' // any other ZIP archive
	| 'html'
	| 'image'
	| 'unknown'; // binary data or text in an encoding we cannot read

/** Supported formats. */
export type SupportedType = 'pdf' | 'docx' | 'txt';

/** Russian names of the detected types, for messages ("это документ Word (DOCX)"). */
export const TYPE_NAMES_RU: Record<DetectedType, string> = {
	pdf: 'документ PDF',
	docx: 'документ Word (DOCX)',
	txt: 'текстовый файл (TXT)',
	empty: 'пустой файл',
	doc: 'документ Word старого формата (DOC)',
	rtf: 'документ RTF',
	odt: 'документ OpenDocument (ODT)',
	xlsx: 'таблица Excel (XLSX)',
	pptx: 'презентация PowerPoint (PPTX)',
	zip: 'ZIP-архив',
	html: 'веб-страница (HTML)',
	image: 'изображение',
	unknown: 'файл неизвестного формата'
};

/** Type implied by a file name's extension, or null if the extension says nothing useful. */
export function typeFromFileName(fileName: string): DetectedType | null {
	const m = /\.([a-z0-9]{1,5})$/i.exec(fileName.trim());
	if (!m) return null;
	const ext = m[1].toLowerCase();
	const map: Record<string, DetectedType> = {
		pdf: 'pdf',
		docx: 'docx',
		docm: 'docx',
		txt: 'txt',
		text: 'txt',
		doc: 'doc',
		rtf: 'rtf',
		odt: 'odt',
		xlsx: 'xlsx',
		xls: 'xlsx',
		pptx: 'pptx',
		zip: 'zip',
		htm: 'html',
		html: 'html',
		png: 'image',
		jpg: 'image',
		jpeg: 'image',
		gif: 'image',
		tif: 'image',
		tiff: 'image',
		bmp: 'image',
		webp: 'image'
	};
	return map[ext] ?? null;
}

function startsWith(bytes: Uint8Array, sig: number[], at = 0): boolean {
	if (bytes.length < at + sig.length) return false;
	for (let i = 0; i < sig.length; i++) if (bytes[at + i] !== sig[i]) return false;
	return true;
}

function ascii(s: string): number[] {
	return [...s].map((c) => c.charCodeAt(0));
}

/** Classifies a ZIP archive by its central directory. Returns null if the archive is unreadable. */
export function classifyZip(entries: ZipEntry[]): DetectedType {
	const names = new Set(entries.map((e) => e.name));
	if (names.has('word/document.xml')) return 'docx';
	if (names.has('xl/workbook.xml')) return 'xlsx';
	if (names.has('ppt/presentation.xml')) return 'pptx';
	if (names.has('mimetype') && names.has('content.xml')) return 'odt';
	return 'zip';
}

/**
 * Detects the real type of a file from its first bytes (and, for ZIP archives, its central directory).
 * `txt` means valid UTF-8 text or Windows-1251 Russian text (see decodeText in txt.ts).
 */
export function detectType(bytes: Uint8Array): DetectedType {
	if (bytes.length === 0) return 'empty';
	// %PDF- may be preceded by a little junk (the PDF spec tolerates up to 1024 bytes).
	const head = bytes.subarray(0, 1024);
	if (indexOf(head, ascii('%PDF-')) >= 0) return 'pdf';
	if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
		try {
			return classifyZip(readZipDirectory(bytes));
		} catch (err) {
			if (!(err instanceof ZipFormatError)) throw err;
			// A damaged or truncated archive: judge by the local file headers that are still there, so a
			// broken DOCX is reported as a broken Word file rather than as "some ZIP archive".
			return indexOf(bytes.subarray(0, 1 << 20), ascii('word/document.xml')) >= 0 ||
				indexOf(bytes.subarray(0, 4096), ascii('word/')) >= 0
				? 'docx'
				: 'zip';
		}
	}
	if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'doc';
	if (startsWith(bytes, ascii('{\\rtf'))) return 'rtf';
	if (
		startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) ||
		startsWith(bytes, [0xff, 0xd8, 0xff]) ||
		startsWith(bytes, ascii('GIF8')) ||
		startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) ||
		startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]) ||
		(startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) ||
		(startsWith(bytes, ascii('BM')) && bytes.length > 26 && bytes[14] >= 12 && bytes[15] === 0 && bytes[6] === 0 && bytes[7] === 0)
	)
		return 'image';
	const enc = textEncoding(bytes);
	if (enc === null) return 'unknown';
	const start = new TextDecoder(enc).decode(bytes.subarray(0, 512)).trimStart().toLowerCase();
	if (start.startsWith('<!doctype html') || start.startsWith('<html')) return 'html';
	return 'txt';
}

function indexOf(hay: Uint8Array, needle: number[]): number {
	outer: for (let i = 0; i + needle.length <= hay.length; i++) {
		for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
		return i;
	}
	return -1;
}

/** Control characters that never occur in real text (everything below 0x20 except \t \n \v \f \r, and DEL). */
function hasBinaryControls(bytes: Uint8Array): boolean {
	for (let i = 0; i < bytes.length; i++) {
		const b = bytes[i];
		if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d) || b === 0x7f) return true;
	}
	return false;
}

/**
 * Bytes 0x80–0xFF that are typical of Russian text in Windows-1251: letters А–я (C0–FF), Ё/ё (A8/B8),
 * «» (AB/BB), № (B9), no-break space (A0), dashes (96/97), quotes (93/94/84), ellipsis (85), § (A7), ° (B0).
 */
function isCp1251Typical(b: number): boolean {
	return (
		b >= 0xc0 ||
		b === 0xa8 ||
		b === 0xb8 ||
		b === 0xab ||
		b === 0xbb ||
		b === 0xb9 ||
		b === 0xa0 ||
		b === 0x96 ||
		b === 0x97 ||
		b === 0x93 ||
		b === 0x94 ||
		b === 0x84 ||
		b === 0x85 ||
		b === 0xa7 ||
		b === 0xb0 ||
		b === 0xb1
	);
}

/**
 * The encoding of a text file: 'utf-8' (valid UTF-8, BOM allowed), 'windows-1251' (reliably detected
 * Russian text in the old Windows encoding), or null (binary data or an encoding we cannot identify).
 */
export function textEncoding(bytes: Uint8Array): 'utf-8' | 'windows-1251' | null {
	if (hasBinaryControls(bytes)) return null;
	try {
		new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		return 'utf-8';
	} catch {
		// not UTF-8; try Windows-1251 below
	}
	let high = 0;
	let typical = 0;
	let letters = 0;
	let asciiLetters = 0;
	for (let i = 0; i < bytes.length; i++) {
		const b = bytes[i];
		if (b < 0x80) {
			if ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a)) asciiLetters++;
			continue;
		}
		high++;
		if (isCp1251Typical(b)) typical++;
		if (b >= 0xc0 || b === 0xa8 || b === 0xb8) letters++;
	}
	// Russian text: nearly all high bytes are Cyrillic letters or common punctuation, and there are
	// enough letters to judge (a handful of stray bytes is not evidence); and Cyrillic letters are not
	// rare accents in Latin text (which is what Windows-1252 French or German would look like).
	if (high >= 16 && typical / high >= 0.97 && letters / high >= 0.8 && letters >= asciiLetters) return 'windows-1251';
	return null;
}

/**
 * ZIP batches: an uploaded ZIP of acts is expanded into its files (one level; guarded against zip bombs and
 * path tricks) which are then imported like separately uploaded files.
 */
import { UserError } from '../core/errors';
import { detectType } from './extract/detect';
import { assertNotZipBomb, readZipDirectory, readZipEntry, ZipFormatError } from './extract/zip';

export const MAX_ARCHIVE_FILES = 2000;
const IMPORTABLE = /\.(pdf|docx|txt|doc|rtf|odt)$/i;

export interface ArchiveFile {
	name: string;
	bytes: Uint8Array;
}

/** True when the bytes are a ZIP archive that is not itself an office document. */
export function isArchive(bytes: Uint8Array): boolean {
	return detectType(bytes) === 'zip';
}

/** Expands an archive; entries are named "archive.zip/inner/path.pdf". Throws UserError on a broken or hostile archive. */
export function expandArchive(archiveName: string, bytes: Uint8Array): ArchiveFile[] {
	let entries;
	try {
		entries = readZipDirectory(bytes);
		assertNotZipBomb(entries);
	} catch (e) {
		if (e instanceof UserError) throw e;
		throw new UserError('corrupt', 'ZIP-архив повреждён: его не удаётся открыть.', String((e as Error).message));
	}
	const files = entries.filter((e) => !e.name.endsWith('/') && !/(^|\/)(__MACOSX|\.)/.test(e.name) && IMPORTABLE.test(e.name));
	if (files.length === 0) {
		throw new UserError('empty', 'В ZIP-архиве нет файлов актов (PDF, DOCX, TXT, DOC, RTF, ODT).', `${entries.length} entries`);
	}
	if (files.length > MAX_ARCHIVE_FILES) {
		throw new UserError('too_large', `В архиве слишком много файлов (${files.length}); загрузите не более ${MAX_ARCHIVE_FILES} за раз.`, `${files.length} entries`);
	}
	return files.map((e) => {
		const safe = e.name.replace(/\\/g, '/').split('/').filter((p) => p && p !== '..').join('/');
		let data: Uint8Array;
		try {
			data = readZipEntry(bytes, e);
		} catch (err) {
			if (err instanceof UserError) throw err;
			if (err instanceof ZipFormatError) throw new UserError('corrupt', `ZIP-архив повреждён: файл «${safe}» не читается.`, err.message);
			throw err;
		}
		return { name: `${archiveName}/${safe}`, bytes: new Uint8Array(data) };
	});
}

/**
 * Legacy formats (.doc, .rtf, .odt) are converted to DOCX with LibreOffice headless, then extracted as DOCX.
 * Each conversion uses its own LibreOffice profile directory, so conversions can run concurrently.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { UserError } from '../core/errors';

const run = promisify(execFile);

export const CONVERT_INSTALL_COMMAND = 'sudo apt-get install --no-install-recommends libreoffice-writer-nogui';
export const LEGACY_TYPES = ['doc', 'rtf', 'odt'] as const;
export type LegacyType = (typeof LEGACY_TYPES)[number];

let cached: { key: string; path: string | null } | undefined;

/**
 * Path of the soffice binary, or null when LibreOffice is not installed. SOFFICE_PATH, when set, is the only
 * candidate (a wrong setting is reported, not silently replaced by another installation).
 */
export async function libreOffice(refresh = false): Promise<string | null> {
	const key = process.env.SOFFICE_PATH ?? '';
	if (cached && cached.key === key && !refresh) return cached.path;
	const candidates = key ? [key] : ['soffice', 'libreoffice', '/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice'];
	for (const c of candidates) {
		try {
			await run(c, ['--version'], { timeout: 60_000 });
			cached = { key, path: c };
			return c;
		} catch {
			/* try the next */
		}
	}
	cached = { key, path: null };
	return null;
}

const NAMES: Record<LegacyType, string> = {
	doc: 'Word старого формата (DOC)',
	rtf: 'RTF',
	odt: 'OpenDocument (ODT)'
};

/** Converts a legacy document to DOCX bytes. Throws UserError with a Russian message when it cannot. */
export async function convertToDocx(bytes: Uint8Array, type: LegacyType): Promise<Uint8Array> {
	const soffice = await libreOffice();
	if (!soffice) {
		throw new UserError(
			'convert_unavailable',
			`Документ в формате ${NAMES[type]} можно импортировать после установки LibreOffice. Администратор может установить его командой: ${CONVERT_INSTALL_COMMAND}. Или сохраните файл в Word как DOCX и загрузите снова.`,
			'soffice not found'
		);
	}
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'popravka-convert-'));
	try {
		const input = path.join(dir, `input.${type}`);
		fs.writeFileSync(input, bytes);
		const profile = pathToFileURL(path.join(dir, 'profile')).href;
		await run(soffice, [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', dir, input], {
			timeout: 180_000
		});
		const out = path.join(dir, 'input.docx');
		if (!fs.existsSync(out)) {
			throw new UserError('corrupt', `Не удалось преобразовать документ ${NAMES[type]}: файл повреждён или не является документом.`, 'soffice produced no output');
		}
		return new Uint8Array(fs.readFileSync(out));
	} catch (e) {
		if (e instanceof UserError) throw e;
		throw new UserError('corrupt', `Не удалось преобразовать документ ${NAMES[type]}: файл повреждён или не является документом.`, String((e as Error).message));
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

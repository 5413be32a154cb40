/**
 * OCR of scanned PDFs: poppler's pdftoppm renders each page, Tesseract (Russian model) recognises it.
 * Paragraphs are rebuilt from Tesseract's TSV (blocks, paragraphs, lines, words with confidences); numbered
 * items start new paragraphs as in PDF extraction.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { UserError } from '../../core/errors';
import type { Block, ExtractedDoc } from '../../core/types';
import { joinLine, startsNewItem } from '../extract/pdf';

const run = promisify(execFile);

export const OCR_INSTALL_COMMAND = 'sudo apt-get install tesseract-ocr tesseract-ocr-rus poppler-utils';

export interface OcrTools {
	available: boolean;
	/** What is missing, in Russian, e.g. ["Tesseract", "русская модель Tesseract"]. */
	missing: string[];
	installCommand: string;
}

let cachedTools: OcrTools | null = null;

/** Checks once per process whether tesseract with the Russian model and pdftoppm/pdfinfo are installed. */
export async function ocrTools(refresh = false): Promise<OcrTools> {
	if (cachedTools && !refresh) return cachedTools;
	const missing: string[] = [];
	const tesseract = process.env.TESSERACT_PATH ?? 'tesseract';
	try {
		const { stdout, stderr } = await run(tesseract, ['--list-langs'], { timeout: 10_000 });
		if (!/^rus$/m.test(stdout + stderr)) missing.push('русская модель Tesseract (tesseract-ocr-rus)');
	} catch {
		missing.push('Tesseract (tesseract-ocr, tesseract-ocr-rus)');
	}
	for (const tool of ['pdftoppm', 'pdfinfo']) {
		try {
			await run(tool, ['-v'], { timeout: 10_000 });
		} catch (e) {
			// poppler prints its version to stderr and exits 0 or 99 depending on the version
			if ((e as NodeJS.ErrnoException).code === 'ENOENT') missing.push(`${tool} (poppler-utils)`);
		}
	}
	cachedTools = { available: missing.length === 0, missing: [...new Set(missing)], installCommand: OCR_INSTALL_COMMAND };
	return cachedTools;
}

export interface OcrBlock extends Block {
	/** Mean word confidence, 0–100. */
	confidence: number;
}

export interface OcrResult extends ExtractedDoc {
	blocks: OcrBlock[];
	/** Mean word confidence over the document, 0–100. */
	confidence: number;
}

interface Word {
	block: number;
	par: number;
	line: number;
	left: number;
	top: number;
	height: number;
	conf: number;
	text: string;
}

/** Parses Tesseract's TSV output into words (level 5 rows). */
export function parseTsv(tsv: string): Word[] {
	const words: Word[] = [];
	for (const row of tsv.split('\n').slice(1)) {
		const c = row.split('\t');
		if (c.length < 12 || c[0] !== '5') continue;
		const text = c.slice(11).join('\t').trim();
		if (!text) continue;
		words.push({ block: +c[2], par: +c[3], line: +c[4], left: +c[6], top: +c[7], height: +c[9], conf: +c[10], text });
	}
	return words;
}

/** Rebuilds paragraphs of one page from recognised words. */
export function pageParagraphs(words: Word[], page: number): OcrBlock[] {
	// Lines in reading order.
	const lines: { key: string; par: string; left: number; text: string; confs: number[] }[] = [];
	for (const w of words) {
		const key = `${w.block}.${w.par}.${w.line}`;
		let line = lines[lines.length - 1];
		if (!line || line.key !== key) {
			line = { key, par: `${w.block}.${w.par}`, left: w.left, text: '', confs: [] };
			lines.push(line);
		}
		line.text = line.text ? `${line.text} ${w.text}` : w.text;
		line.confs.push(w.conf);
	}
	const out: OcrBlock[] = [];
	let current: { text: string; confs: number[]; par: string } | null = null;
	const flush = () => {
		if (current && current.text.trim()) {
			const mean = current.confs.reduce((s, c) => s + c, 0) / current.confs.length;
			out.push({ text: current.text.trim(), page, confidence: Math.round(mean * 10) / 10 });
		}
		current = null;
	};
	for (const line of lines) {
		if (!current || line.par !== current.par || startsNewItem(line.text)) {
			flush();
			current = { text: line.text, confs: [...line.confs], par: line.par };
		} else {
			current.text = joinLine(current.text, line.text);
			current.confs.push(...line.confs);
		}
	}
	flush();
	return out;
}

async function pageCount(file: string): Promise<number> {
	const { stdout } = await run('pdfinfo', [file], { timeout: 30_000 });
	const m = /^Pages:\s+(\d+)/m.exec(stdout);
	if (!m) throw new UserError('corrupt', 'Не удалось прочитать число страниц PDF для распознавания.', stdout);
	return Number(m[1]);
}

/**
 * Recognises a PDF page by page. `onPage(done, total)` reports progress; `signal` aborts between pages.
 * Throws UserError('ocr_unavailable') when the tools are missing.
 */
export async function ocrPdf(
	bytes: Uint8Array,
	opts: { dpi?: number; onPage?: (done: number, total: number) => void; firstPage?: number; lang?: string } = {}
): Promise<OcrResult> {
	const tools = await ocrTools();
	if (!tools.available) {
		throw new UserError(
			'ocr_unavailable',
			`Нужно распознавание текста, но программа распознавания не установлена (${tools.missing.join(', ')}). Администратор может установить её командой: ${tools.installCommand}`,
			`missing: ${tools.missing.join(', ')}`
		);
	}
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'popravka-ocr-'));
	try {
		const pdf = path.join(dir, 'in.pdf');
		fs.writeFileSync(pdf, bytes);
		const total = await pageCount(pdf);
		const dpi = String(opts.dpi ?? 300);
		const blocks: OcrBlock[] = [];
		let confSum = 0;
		let confN = 0;
		for (let p = opts.firstPage ?? 1; p <= total; p++) {
			const prefix = path.join(dir, `p${p}`);
			await run('pdftoppm', ['-r', dpi, '-gray', '-png', '-f', String(p), '-l', String(p), '-singlefile', pdf, prefix], { timeout: 120_000 });
			const { stdout } = await run(process.env.TESSERACT_PATH ?? 'tesseract', [`${prefix}.png`, 'stdout', '-l', opts.lang ?? 'rus', '--psm', '3', 'tsv'], {
				timeout: 300_000,
				maxBuffer: 64 * 1024 * 1024,
				env: { ...process.env, OMP_THREAD_LIMIT: '1' }
			});
			fs.rmSync(`${prefix}.png`, { force: true });
			const words = parseTsv(stdout);
			for (const w of words) {
				confSum += w.conf;
				confN++;
			}
			blocks.push(...pageParagraphs(words, p));
			opts.onPage?.(p, total);
		}
		if (blocks.length === 0) throw new UserError('ocr_empty', 'Распознавание не нашло на страницах текста.', `pages: ${total}`);
		return { format: 'pdf', blocks, pages: total, confidence: confN ? Math.round((confSum / confN) * 10) / 10 : 0 };
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/**
 * PDF extraction with pdfjs-dist (legacy build for Node). Lines are rebuilt from text item positions,
 * running headers/footers and page numbers are dropped, and paragraphs are inferred from vertical gaps,
 * first-line indents, numbered-item starts and whether the next line's first word would have fitted.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ExtractedDoc, Block } from '$lib/core/types';
import { UserError } from '$lib/core/errors';
import { PREAMBLE_OPENER, kindWordOf } from '$lib/core/structure/patterns';
import { normalizeBlocks } from './normalize';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsPromise: Promise<PdfJs> | null = null;
/** pdfjs is loaded once, lazily (importing it costs ~100 ms). */
function loadPdfJs(): Promise<PdfJs> {
	pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs');
	return pdfjsPromise;
}

let assetDirs: { standardFontDataUrl: string; cMapUrl: string } | null = null;
function pdfjsAssets(): { standardFontDataUrl: string; cMapUrl: string } {
	if (!assetDirs) {
		const require = createRequire(import.meta.url);
		const root = path.dirname(require.resolve('pdfjs-dist/package.json'));
		assetDirs = {
			standardFontDataUrl: path.join(root, 'standard_fonts') + path.sep,
			cMapUrl: path.join(root, 'cmaps') + path.sep
		};
	}
	return assetDirs;
}

/** A text line rebuilt from pdfjs text items. Coordinates are PDF user space (y grows upwards). */
export interface PdfLine {
	page: number;
	text: string;
	x0: number;
	x1: number;
	y: number;
	/** Font size (pt). */
	fs: number;
	/** Average glyph width on this line, used to estimate word widths. */
	charW: number;
}

interface RawItem {
	str: string;
	x: number;
	y: number;
	w: number;
	fs: number;
}

const corruptPdf = (detail: string): UserError =>
	new UserError(
		'corrupt',
		'Файл PDF повреждён или загружен не полностью, прочитать его не удалось. Попробуйте сохранить документ в PDF заново и загрузить ещё раз.',
		detail
	);

/** Groups positioned text items of one page into lines (top to bottom, left to right). */
export function buildLines(items: RawItem[], page: number): PdfLine[] {
	const sorted = items
		.map((it, i) => ({ it, i }))
		.sort((a, b) => b.it.y - a.it.y || a.i - b.i)
		.map((x) => x.it);
	const groups: RawItem[][] = [];
	let cur: RawItem[] = [];
	let curY = NaN;
	let curFs = 0;
	for (const it of sorted) {
		if (cur.length && Math.abs(curY - it.y) <= 0.4 * Math.max(1, Math.min(curFs, it.fs))) {
			cur.push(it);
			continue;
		}
		if (cur.length) groups.push(cur);
		cur = [it];
		curY = it.y;
		curFs = it.fs;
	}
	if (cur.length) groups.push(cur);

	const lines: PdfLine[] = [];
	for (const g of groups) {
		g.sort((a, b) => a.x - b.x);
		let text = '';
		let prevEnd: number | null = null;
		let x0 = Infinity;
		let x1 = -Infinity;
		let fs = 0;
		let glyphW = 0;
		let glyphs = 0;
		let y = 0;
		for (const it of g) {
			if (!it.str.trim()) {
				if (text && !text.endsWith(' ')) text += ' ';
				prevEnd = Math.max(prevEnd ?? -Infinity, it.x + it.w);
				continue;
			}
			if (prevEnd !== null && text && !text.endsWith(' ') && !it.str.startsWith(' ') && it.x - prevEnd > 0.12 * it.fs) {
				text += ' ';
			}
			text += it.str;
			prevEnd = Math.max(prevEnd ?? -Infinity, it.x + it.w);
			if (it.x < x0) {
				x0 = it.x;
				y = it.y;
			}
			x1 = Math.max(x1, it.x + it.w);
			fs = Math.max(fs, it.fs);
			glyphW += it.w;
			glyphs += it.str.length;
		}
		text = text.trim();
		if (!text) continue;
		lines.push({ page, text, x0, x1, y, fs, charW: glyphs ? glyphW / glyphs : fs * 0.5 });
	}
	return lines;
}

const PAGE_NUMBER_RES = [
	/^[-–—]?\s*\d{1,4}\s*[-–—]?$/,
	/^(?:стр(?:\.|аница)?|с\.|page)\s*\d{1,4}(?:\s*(?:из|of|\/)\s*\d{1,4})?$/i,
	/^\d{1,4}\s*(?:из|\/)\s*\d{1,4}$/
];

export function isPageNumberText(text: string): boolean {
	return PAGE_NUMBER_RES.some((re) => re.test(text.trim()));
}

/**
 * Drops running headers/footers (the same text, digits aside, at the same height on most pages among
 * each page's first/last lines) and page numbers (a lone number at the top or bottom of a page).
 */
export function dropPageFurniture(pages: PdfLine[][], pageHeights: number[]): PdfLine[][] {
	const EDGE = 3;
	const keyOf = (l: PdfLine): string => `${Math.round(l.y / 3)}|${l.text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ')}`;
	const pageCount = pages.length;
	// Header/footer zones: the lines above the first wide gap at the top of the page (below the last wide
	// gap at the bottom), within the first/last EDGE lines, or lines in the outer 8% of the page.
	const zones = pages.map((lines, pi) => {
		const h = pageHeights[pi] || 842;
		const zone = new Set<number>();
		const n = lines.length;
		for (let i = 0; i < Math.min(EDGE, n - 1); i++) {
			if (lines[i].y - lines[i + 1].y > 1.6 * lines[i].fs) {
				for (let j = 0; j <= i; j++) zone.add(j);
				break;
			}
		}
		for (let i = n - 1; i > Math.max(0, n - 1 - EDGE); i--) {
			if (lines[i - 1].y - lines[i].y > 1.6 * lines[i].fs) {
				for (let j = i; j < n; j++) zone.add(j);
				break;
			}
		}
		lines.forEach((l, i) => {
			if (l.y > h * 0.92 || l.y < h * 0.08) zone.add(i);
		});
		return zone;
	});
	const counts = new Map<string, number>();
	if (pageCount >= 2) {
		pages.forEach((lines, pi) => {
			const seen = new Set<string>();
			for (const i of zones[pi]) seen.add(keyOf(lines[i]));
			for (const k of seen) counts.set(k, (counts.get(k) ?? 0) + 1);
		});
	}
	const minRepeats = pageCount <= 2 ? pageCount : Math.max(3, Math.ceil(pageCount * 0.5));
	return pages.map((lines, pi) => {
		const h = pageHeights[pi] || 842;
		const n = lines.length;
		return lines.filter((l, i) => {
			if (pageCount >= 2 && zones[pi].has(i) && (counts.get(keyOf(l)) ?? 0) >= minRepeats) return false;
			if ((i === 0 || i === n - 1 || i === 1 || i === n - 2) && isPageNumberText(l.text)) {
				const first = i <= 1 && lines.slice(0, i).every((p) => isPageNumberText(p.text) || zones[pi].has(lines.indexOf(p)));
				const last = i >= n - 2 && lines.slice(i + 1).every((p) => isPageNumberText(p.text) || zones[pi].has(lines.indexOf(p)));
				if (!first && !last) return true;
				const inMargin = l.y > h * 0.88 || l.y < h * 0.12;
				const neighbour = first ? lines[i + 1] : lines[i - 1];
				const isolated = !neighbour || Math.abs(neighbour.y - l.y) > 2 * l.fs;
				if (inMargin || isolated || zones[pi].has(i)) return false;
			}
			return true;
		});
	});
}

/** Starts of numbered items and headings that always begin a new paragraph. */
const ITEM_START_RE =
	/^(?:\d{1,3}(?:\.\d{1,3})*[.)]\s|\d{1,3}(?:\.\d{1,3})+\.?(?=\s|$)|[а-яa-z]\)\s|(?:глава|раздел|статья)\s+(?:\d|[IVXLC]+\b)|приложение(?:\s+(?:№|n|\d)|\s*$))/iu;

export function startsNewItem(text: string): boolean {
	const m = ITEM_START_RE.exec(text);
	if (!m) return false;
	// Headings: only capitalised "Глава", "РАЗДЕЛ" … (a wrapped sentence may begin with "статьи 5").
	const first = text[0];
	if (/[а-яa-z]/i.test(first) && !/^[а-яa-z]\)/iu.test(text) && first === first.toLowerCase()) return false;
	return true;
}

/**
 * The smallest value that is common: values are binned by `step`, each bin is smoothed with its
 * neighbours, and the lowest bin holding at least `share` of all values (and at least 2) wins.
 * Used for the line pitch (smaller than the paragraph gap, even when one-line paragraphs dominate)
 * and the left margin (left of the first-line indent).
 */
export function lowestCommon(values: number[], step: number, share: number, fallback: number): number {
	if (!values.length) return fallback;
	const bins = new Map<number, number>();
	for (const v of values) {
		const k = Math.round(v / step);
		bins.set(k, (bins.get(k) ?? 0) + 1);
	}
	const need = Math.max(2, share * values.length);
	const keys = [...bins.keys()].sort((a, b) => a - b);
	for (const k of keys) {
		const c0 = bins.get(k) ?? 0;
		const c1 = bins.get(k + 1) ?? 0;
		if (c0 + c1 + (bins.get(k - 1) ?? 0) >= need && c0 > 0) {
			// weighted centre of the bin and its upper neighbour
			return ((k * c0 + (k + 1) * c1) / (c0 + c1)) * step;
		}
	}
	return fallback;
}

function percentile(values: number[], p: number, fallback: number): number {
	if (!values.length) return fallback;
	const s = [...values].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor(p * s.length))];
}

/** At least 6 letters, none of them lowercase. */
function isCapsLine(text: string): boolean {
	const letters = text.replace(/[^\p{L}]/gu, '');
	return letters.length >= 6 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

/**
 * Lines of an act's heading that are paragraphs of their own even when the layout gives no gap: the kind word
 * («ПОСТАНОВЛЕНИЕ», «П О С Т А Н О В Л Е Н И Е»), the date-and-number line («от 10 апреля 2020 года N 33»,
 * «12.03.2021 № 145-п»), and a capitalised enacting formula at the start of a line («Постановляю:»).
 */
const DATE_NUMBER_LINE_RE =
	/^(?:от\s+)?[«"]?\d{1,2}[»"]?[\s.]+(?:\d{1,2}|[а-яё]+)[\s.]+\d{4}\s*(?:г\.?|года)?\s*(?:№|N)\s*\S+(?:\s*\S+)?$|^(?:№|N)\s*\S+\s+от\s+\d/iu;
const ENACTING_START_RE = /^(?:П\s?(?:о\s?с\s?т\s?а\s?н\s?о\s?в\s?л\s?я\s?ю|О\s?С\s?Т\s?А\s?Н\s?О\s?В\s?Л\s?Я\s?Ю)|Приказываю|ПРИКАЗЫВАЮ|Решил|РЕШИЛ|Постановил|ПОСТАНОВИЛ)\s*:/u;

export function isHeadingLine(text: string): boolean {
	const t = text.trim();
	if (t.length > 70) return false;
	return kindWordOf(t) !== null || DATE_NUMBER_LINE_RE.test(t);
}

/** A line that cannot end a paragraph: it stops on a preposition or a sign that the next line completes («… от»). */
const OPEN_END_RE = /(?:^|\s)(?:от|и|в|на|к|о|об|№|N)$/iu;

const LOWER_START_RE = /^[a-zа-яё]/u;
const KEEP_HYPHEN_NEXT_RE = /^(?:то|либо|нибудь|ка|таки|де)(?![а-яё])/u;

/** Words (lowercase, hyphenated compounds kept whole) that occur inside lines, to judge line-end hyphens. */
export function buildLexicon(lines: { text: string }[]): Set<string> {
	const lex = new Set<string>();
	for (const l of lines) {
		const words = l.text.toLowerCase().match(/[\p{L}]+(?:-[\p{L}]+)*-?/gu);
		if (!words) continue;
		for (let i = 0; i < words.length; i++) {
			const w = words[i];
			if (w.endsWith('-')) continue; // a line-end fragment, not evidence
			lex.add(w);
			if (w.includes('-')) for (const part of w.split('-')) lex.add(part);
		}
	}
	return lex;
}

/** First parts of compound words ("информационно-", "социально-", "технико-"): the hyphen is real. */
const COMPOUND_LEFT_RE = /(?:[а-яё]{3,}(?:но|ско|ико|ого|ево|ово)|северо|юго|мало|много|обще|сельско|военно)$/u;

/** Joins a wrapped line to its paragraph, undoing end-of-line hyphenation but keeping real hyphens. */
export function joinLine(para: string, next: string, lexicon?: Set<string>): string {
	if (para.endsWith('\u00ad')) return para.slice(0, -1) + next;
	const m = /([\p{L}\d]+)[-‐]$/u.exec(para);
	if (m) {
		const left = m[1];
		const before = left[left.length - 1];
		const right = /^[\p{L}]+/u.exec(next)?.[0] ?? '';
		const latinBefore = /[a-z]/i.test(before);
		const cyrNext = /^[а-яё]/iu.test(next);
		let join = LOWER_START_RE.test(next) && /\p{Ll}/u.test(before) && !KEEP_HYPHEN_NEXT_RE.test(next) && !(latinBefore && cyrNext);
		if (join) {
			const l = left.toLowerCase();
			const r = right.toLowerCase();
			if (lexicon?.has(`${l}-${r}`)) join = false;
			else if (lexicon?.has(l + r)) join = true;
			else if (COMPOUND_LEFT_RE.test(l) && r.length >= 4) join = false;
		}
		// "предостав-" + "ления" → "предоставления"; "210-" + "ФЗ", "WhatsApp-" + "чат", "кто-" + "то" keep the hyphen
		return join ? para.slice(0, -1) + next : para + next;
	}
	if (para.endsWith('/')) return para + next;
	return `${para} ${next}`;
}

/** Rebuilds paragraphs from lines of all pages (in reading order). */
export function buildParagraphs(lines: PdfLine[]): Block[] {
	if (!lines.length) return [];
	const ratios: number[] = [];
	for (let i = 1; i < lines.length; i++) {
		const a = lines[i - 1];
		const b = lines[i];
		if (a.page !== b.page || Math.abs(a.fs - b.fs) > 0.5) continue;
		const r = (a.y - b.y) / a.fs;
		if (r > 0.9 && r < 2.5) ratios.push(r);
	}
	const pitch = lowestCommon(ratios, 0.02, 0.2, 1.15);
	const left = lowestCommon(
		lines.map((l) => l.x0),
		1,
		0.1,
		Math.min(...lines.map((l) => l.x0))
	);
	const right = percentile(lines.map((l) => l.x1), 0.95, lines[0].x1);

	const isCentered = (l: PdfLine): boolean => {
		const lg = l.x0 - left;
		const rg = right - l.x1;
		return lg > l.fs && Math.abs(lg - rg) < Math.max(3, 0.3 * l.fs);
	};
	const freeAtEnd = (l: PdfLine): number => (isCentered(l) ? l.x0 - left : 0) + (right - l.x1);
	const firstWordWidth = (l: PdfLine): number => (l.text.split(' ')[0]?.length ?? 0) * l.charW;

	const lexicon = buildLexicon(lines);
	const blocks: Block[] = [];
	let text = '';
	let page = lines[0].page;
	for (let i = 0; i < lines.length; i++) {
		const n = lines[i];
		if (i === 0) {
			text = n.text;
			page = n.page;
			continue;
		}
		const l = lines[i - 1];
		let brk = false;
		if (n.page === l.page) {
			const dy = l.y - n.y;
			if (dy < 0 || dy > l.fs * pitch * 1.1 + 0.5) brk = true;
		}
		if (!brk && Math.abs(n.fs - l.fs) > 1.5) brk = true;
		if (!brk && startsNewItem(n.text)) brk = true;
		if (!brk && !OPEN_END_RE.test(l.text.trim()) && (isHeadingLine(n.text) || isHeadingLine(l.text) || ENACTING_START_RE.test(n.text))) brk = true;
		// A capitalised preamble opener after a line without closing punctuation (a title) starts the преамбула.
		if (!brk && PREAMBLE_OPENER.test(n.text) && !/[.,;:—–-]\s*$/u.test(l.text)) brk = true;
		// A line in capitals after a normal line is a heading ("АДМИНИСТРАТИВНЫЙ РЕГЛАМЕНТ").
		if (!brk && isCapsLine(n.text) && !isCapsLine(l.text)) brk = true;
		if (!brk) {
			const indent = n.x0 - left;
			const nIndented = indent > 0.7 * n.fs && indent < 8 * n.fs && !isCentered(n);
			const fits = freeAtEnd(l) > firstWordWidth(n) + 0.8 * n.charW + 0.3 * n.fs;
			if (fits) brk = true;
			else if (nIndented && !(Math.abs(l.x0 - n.x0) < 1)) brk = true;
		}
		if (brk) {
			blocks.push({ text, page });
			text = n.text;
			page = n.page;
		} else {
			text = joinLine(text, n.text, lexicon);
		}
	}
	blocks.push({ text, page });
	return blocks;
}

/** Extracts paragraphs from a PDF. Throws UserError for encrypted, corrupt and image-only PDFs. */
export async function extractPdf(bytes: Uint8Array): Promise<ExtractedDoc> {
	// A PDF that was cut short loses its trailer; pdfjs would silently return part of the text.
	const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.length - 2048)));
	if (!tail.includes('%%EOF')) throw corruptPdf('no %%EOF marker near the end (truncated file?)');

	const pdfjs = await loadPdfJs();
	const task = pdfjs.getDocument({
		data: new Uint8Array(bytes), // pdfjs transfers/detaches the buffer: always pass a copy
		...pdfjsAssets(),
		cMapPacked: true,
		isEvalSupported: false,
		useSystemFonts: false,
		disableFontFace: true,
		verbosity: 0
	});
	try {
		let doc: Awaited<typeof task.promise>;
		try {
			doc = await task.promise;
		} catch (err) {
			const e = err as Error;
			if (e?.name === 'PasswordException') {
				throw new UserError(
					'encrypted',
					'Файл защищён паролем, поэтому прочитать его нельзя. Снимите пароль (сохраните документ в PDF без защиты) и загрузите ещё раз.',
					`pdfjs: ${e.message}`
				);
			}
			throw corruptPdf(`pdfjs: ${e?.name ?? 'Error'}: ${e?.message ?? String(err)}`);
		}
		if (doc.numPages === 0) throw corruptPdf('document has no pages');
		const pageLines: PdfLine[][] = [];
		const heights: number[] = [];
		let chars = 0;
		try {
			for (let p = 1; p <= doc.numPages; p++) {
				const page = await doc.getPage(p);
				const [, , , top] = page.view;
				heights.push(top);
				const content = await page.getTextContent();
				const items: RawItem[] = [];
				for (const it of content.items) {
					if (!('str' in it) || !it.str) continue;
					const [a, b, c, d, e, f] = it.transform as number[];
					// Skip text rotated by more than 45° (stamps, margin notes).
					if (Math.abs(b) > Math.abs(a) && Math.abs(c) > Math.abs(d)) continue;
					const fs = Math.hypot(c, d) || Math.abs(d) || 1;
					items.push({ str: it.str, x: e, y: f, w: it.width, fs });
					chars += it.str.trim().length;
				}
				pageLines.push(buildLines(items, p));
				page.cleanup();
			}
		} catch (err) {
			if (err instanceof UserError) throw err;
			const e = err as Error;
			throw corruptPdf(`pdfjs page: ${e?.name ?? 'Error'}: ${e?.message ?? String(err)}`);
		}
		const pages = doc.numPages;
		if (chars < Math.max(1, 15 * pages)) {
			throw new UserError(
				'needs_ocr',
				'В PDF нет текстового слоя — похоже, это скан (изображение страниц), поэтому нужно распознавание текста. Распознайте документ (OCR, например в ABBYY FineReader или в «Госключе»/МФУ с функцией распознавания) или загрузите исходный файл Word.',
				`${chars} text characters on ${pages} page(s)`
			);
		}
		const lines = dropPageFurniture(pageLines, heights).flat();
		const blocks = normalizeBlocks(buildParagraphs(lines));
		if (!blocks.length) throw new UserError('empty', 'В файле нет текста: документ пустой.', 'no paragraphs after cleanup');
		return { format: 'pdf', blocks, pages };
	} finally {
		await task.destroy();
	}
}

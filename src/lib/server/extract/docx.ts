/**
 * DOCX extraction: walks word/document.xml in document order (paragraphs, table cells, content
 * controls) and restores Word auto-numbering from word/numbering.xml and styles.xml.
 * The archive is read with the guarded reader in zip.ts (declared sizes and ratios are checked first,
 * each part is inflated with a hard output cap).
 */
import { DOMParser } from '@xmldom/xmldom';
import type { ExtractedDoc, Block } from '$lib/core/types';
import { UserError } from '$lib/core/errors';
import { assertNotZipBomb, readZipDirectory, readZipEntry, ZipFormatError, type ZipEntry } from './zip';
import { NumberingState, type AbstractNum, type NumInstance, type NumLevel, type NumberingDefs } from './numbering';
import { normalizeBlocks } from './normalize';
import { emptyText } from './txt';

function corruptDocx(detail: string): UserError {
	return new UserError(
		'corrupt',
		'Файл Word повреждён или загружен не полностью, прочитать его не удалось. Откройте документ в Word, сохраните заново и загрузите ещё раз.',
		detail
	);
}

function children(el: Element): Element[] {
	const out: Element[] = [];
	for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push(n as Element);
	return out;
}

function child(el: Element | undefined | null, name: string): Element | undefined {
	if (!el) return undefined;
	for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1 && (n as Element).localName === name) return n as Element;
	return undefined;
}

/** w:val (or another w: attribute) regardless of the prefix used. */
function attr(el: Element | undefined, name = 'val'): string | undefined {
	if (!el) return undefined;
	const attrs = el.attributes;
	for (let i = 0; i < attrs.length; i++) {
		const a = attrs[i];
		if (a.localName === name || a.name === name) return a.value;
	}
	return undefined;
}

function parseXml(text: string, part: string): Document {
	let fatal: string | undefined;
	const doc = new DOMParser({
		errorHandler: {
			warning: () => undefined,
			error: () => undefined,
			fatalError: (msg: string) => {
				fatal = msg;
			}
		}
	}).parseFromString(text, 'text/xml');
	if (fatal || !doc.documentElement) throw corruptDocx(`${part}: XML error ${fatal ?? 'no root element'}`);
	return doc;
}

function parseLevel(lvl: Element): NumLevel {
	const restartRaw = attr(child(lvl, 'lvlRestart'));
	return {
		start: Number(attr(child(lvl, 'start')) ?? 1) || 0,
		numFmt: attr(child(lvl, 'numFmt')) ?? 'decimal',
		lvlText: attr(child(lvl, 'lvlText')) ?? '',
		suff: attr(child(lvl, 'suff')) ?? 'tab',
		restart: restartRaw === undefined ? undefined : Number(restartRaw),
		isLgl: child(lvl, 'isLgl') !== undefined && attr(child(lvl, 'isLgl')) !== '0' && attr(child(lvl, 'isLgl')) !== 'false',
		pStyle: attr(child(lvl, 'pStyle'))
	};
}

export function parseNumbering(doc: Document | null): NumberingDefs {
	const defs: NumberingDefs = { abstract: new Map(), nums: new Map() };
	if (!doc) return defs;
	for (const el of children(doc.documentElement)) {
		if (el.localName === 'abstractNum') {
			const id = attr(el, 'abstractNumId') ?? '';
			const abs: AbstractNum = { id, levels: [], numStyleLink: attr(child(el, 'numStyleLink')) };
			for (const lvl of children(el)) {
				if (lvl.localName !== 'lvl') continue;
				const ilvl = Number(attr(lvl, 'ilvl') ?? 0);
				if (ilvl >= 0 && ilvl < 9) abs.levels[ilvl] = parseLevel(lvl);
			}
			defs.abstract.set(id, abs);
		} else if (el.localName === 'num') {
			const numId = attr(el, 'numId') ?? '';
			const inst: NumInstance = { numId, abstractNumId: attr(child(el, 'abstractNumId')) ?? '', overrides: new Map() };
			for (const o of children(el)) {
				if (o.localName !== 'lvlOverride') continue;
				const ilvl = Number(attr(o, 'ilvl') ?? 0);
				const so = attr(child(o, 'startOverride'));
				const lvl = child(o, 'lvl');
				inst.overrides.set(ilvl, {
					start: so === undefined ? undefined : Number(so),
					level: lvl ? parseLevel(lvl) : undefined
				});
			}
			defs.nums.set(numId, inst);
		}
	}
	return defs;
}

interface StyleInfo {
	basedOn?: string;
	numId?: string;
	ilvl?: number;
}

export function parseStyles(doc: Document | null): Map<string, StyleInfo> {
	const styles = new Map<string, StyleInfo>();
	if (!doc) return styles;
	for (const el of children(doc.documentElement)) {
		if (el.localName !== 'style') continue;
		const id = attr(el, 'styleId');
		if (!id) continue;
		const numPr = child(child(el, 'pPr'), 'numPr');
		const ilvl = attr(child(numPr, 'ilvl'));
		styles.set(id, {
			basedOn: attr(child(el, 'basedOn')),
			numId: attr(child(numPr, 'numId')),
			ilvl: ilvl === undefined ? undefined : Number(ilvl)
		});
	}
	return styles;
}

/** Collects visible text of a paragraph (runs, hyperlinks, insertions, simple fields, smart tags). */
function paragraphText(p: Element): string {
	let out = '';
	const walk = (el: Element): void => {
		for (let n = el.firstChild; n; n = n.nextSibling) {
			if (n.nodeType !== 1) continue;
			const e = n as Element;
			switch (e.localName) {
				case 't':
					out += e.textContent ?? '';
					break;
				case 'tab':
				case 'ptab':
					out += '\t';
					break;
				case 'br':
				case 'cr':
					out += attr(e, 'type') === 'page' || attr(e, 'type') === 'column' ? ' ' : '\n';
					break;
				case 'noBreakHyphen':
					out += '-';
					break;
				case 'sym': {
					const c = attr(e, 'char');
					const code = c ? parseInt(c, 16) : NaN;
					// Symbol-font characters live in the private use area F0xx; keep only real characters.
					if (Number.isFinite(code) && !(code >= 0xe000 && code <= 0xf8ff)) out += String.fromCodePoint(code);
					break;
				}
				// Not visible text: deleted revisions, field codes, paragraph/run properties, drawings
				// (text boxes would otherwise be duplicated through mc:Fallback), comments, footnote refs.
				case 'del':
				case 'delText':
				case 'instrText':
				case 'pPr':
				case 'rPr':
				case 'drawing':
				case 'pict':
				case 'object':
				case 'AlternateContent':
				case 'txbxContent':
				case 'commentReference':
				case 'footnoteReference':
				case 'endnoteReference':
					break;
				default:
					walk(e);
			}
		}
	};
	walk(p);
	return out;
}

/** Text parts of the archive read with the zip-bomb guard. */
function readPart(bytes: Uint8Array, entries: ZipEntry[], name: string): string | null {
	const e = entries.find((x) => x.name === name);
	if (!e) return null;
	try {
		return new TextDecoder('utf-8').decode(readZipEntry(bytes, e));
	} catch (err) {
		if (err instanceof ZipFormatError) throw corruptDocx(err.message);
		throw err;
	}
}

export function extractDocx(bytes: Uint8Array): ExtractedDoc {
	let entries: ZipEntry[];
	try {
		entries = readZipDirectory(bytes);
	} catch (err) {
		if (err instanceof ZipFormatError) throw corruptDocx(err.message);
		throw err;
	}
	assertNotZipBomb(entries);
	if (entries.some((e) => e.name === 'word/document.xml' && e.flags & 1)) {
		throw new UserError('encrypted', 'Файл защищён паролем. Снимите защиту в Word и загрузите документ ещё раз.', 'zip entry encrypted');
	}
	const documentXml = readPart(bytes, entries, 'word/document.xml');
	if (documentXml === null) throw corruptDocx('word/document.xml missing');
	const numberingXml = readPart(bytes, entries, 'word/numbering.xml');
	const stylesXml = readPart(bytes, entries, 'word/styles.xml');

	const doc = parseXml(documentXml, 'word/document.xml');
	const defs = parseNumbering(numberingXml ? parseXml(numberingXml, 'word/numbering.xml') : null);
	const styles = parseStyles(stylesXml ? parseXml(stylesXml, 'word/styles.xml') : null);
	const numbering = new NumberingState(defs);
	const styleNumId = (styleId: string): string | undefined => styleNumPr(styleId).numId;

	// Numbering inherited through the paragraph style chain (w:pStyle → w:basedOn …).
	const styleCache = new Map<string, { numId?: string; ilvl?: number }>();
	function styleNumPr(styleId: string): { numId?: string; ilvl?: number } {
		const cached = styleCache.get(styleId);
		if (cached) return cached;
		let numId: string | undefined;
		let ilvl: number | undefined;
		let id: string | undefined = styleId;
		for (let hops = 0; id && hops < 20; hops++) {
			const s = styles.get(id);
			if (!s) break;
			if (numId === undefined && s.numId !== undefined) numId = s.numId;
			if (ilvl === undefined && s.ilvl !== undefined) ilvl = s.ilvl;
			id = s.basedOn;
		}
		const res = { numId, ilvl };
		styleCache.set(styleId, res);
		return res;
	}
	// A level may be bound to a style (w:lvl/w:pStyle) without the style naming the level.
	const levelOfStyle = new Map<string, number>();
	for (const abs of defs.abstract.values()) {
		abs.levels.forEach((l, i) => {
			if (l?.pStyle && !levelOfStyle.has(l.pStyle)) levelOfStyle.set(l.pStyle, i);
		});
	}

	const blocks: Block[] = [];
	const onParagraph = (p: Element): void => {
		const pPr = child(p, 'pPr');
		const pStyle = attr(child(pPr, 'pStyle'));
		const numPr = child(pPr, 'numPr');
		const fromStyle = pStyle ? styleNumPr(pStyle) : {};
		const numId = attr(child(numPr, 'numId')) ?? fromStyle.numId;
		const ilvlRaw = attr(child(numPr, 'ilvl'));
		const ilvl =
			ilvlRaw !== undefined ? Number(ilvlRaw) : (fromStyle.ilvl ?? (pStyle ? levelOfStyle.get(pStyle) : undefined) ?? 0);
		const text = paragraphText(p);
		let label = '';
		// numId 0 switches numbering off; empty paragraphs in Word still advance nothing visible.
		if (numId && numId !== '0' && text.trim() && ilvl >= 0 && ilvl < 9) label = numbering.next(numId, ilvl, styleNumId);
		blocks.push({ text: label + text, page: null });
	};
	const walkContainer = (el: Element): void => {
		for (const c of children(el)) {
			switch (c.localName) {
				case 'p':
					onParagraph(c);
					break;
				case 'tbl':
				case 'tr':
				case 'tc':
				case 'sdt':
				case 'sdtContent':
				case 'customXml':
				case 'ins':
				case 'smartTag':
					walkContainer(c);
					break;
				default:
					break;
			}
		}
	};
	const body = child(doc.documentElement, 'body');
	if (!body) throw corruptDocx('w:body missing');
	walkContainer(body);

	const out = normalizeBlocks(blocks);
	if (out.length === 0) throw emptyText();
	return { format: 'docx', blocks: out, pages: null };
}

/**
 * The shipped demo corpus (corpus/): only official acts, all three formats, and every file carries
 * exactly the shared act's text after the `----- ТЕКСТ -----` marker.
 */
import fs from 'node:fs';
import path from 'node:path';
import mammoth from 'mammoth';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { CORPUS, SHARED, SHARED_ACTS } from './paths';

const MARKER_LINE = '----- ТЕКСТ -----\n';

interface Shared {
	file: string;
	header: string;
	text: string;
}

function readShared(file: string): Shared {
	const raw = fs.readFileSync(path.join(SHARED_ACTS, file), 'utf8');
	const at = raw.indexOf(MARKER_LINE);
	expect(at, `${file} has the marker line`).toBeGreaterThan(0);
	return { file, header: raw.slice(0, at), text: raw.slice(at + MARKER_LINE.length) };
}

const shared = fs
	.readdirSync(SHARED_ACTS)
	.filter((f) => f.endsWith('.txt'))
	.map(readShared);
/** School local acts are described as «Локальный акт М…ОУ …» in the shared header. */
const isSchool = (s: Shared) => /^Вид акта, орган: Локальный акт М[БК]?ОУ/m.test(s.header);
const schools = shared.filter(isSchool);
const official = shared.filter((s) => !isSchool(s));

interface Entry {
	file: string;
	format: 'txt' | 'pdf' | 'docx';
	source: string;
	url: string | null;
	completeness: string | null;
}
const manifest: Entry[] = JSON.parse(fs.readFileSync(path.join(CORPUS, 'manifest.json'), 'utf8'));
const actFiles = fs.readdirSync(CORPUS).filter((f) => /\.(txt|pdf|docx)$/i.test(f));

const squash = (s: string) => s.replace(/\s+/g, '');
const paragraphs = (s: string) =>
	s
		.split('\n')
		.map((l) => l.trim())
		.filter(Boolean);

async function pdfText(bytes: Uint8Array): Promise<{ text: string; pages: number }> {
	const doc = await getDocument({ data: bytes, useSystemFonts: false, isEvalSupported: false }).promise;
	let text = '';
	for (let i = 1; i <= doc.numPages; i++) {
		const content = await (await doc.getPage(i)).getTextContent();
		for (const item of content.items) if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '');
	}
	const pages = doc.numPages;
	await doc.destroy();
	return { text, pages };
}

async function docxParagraphs(bytes: Buffer): Promise<string[]> {
	const { value } = await mammoth.extractRawText({ buffer: bytes });
	return paragraphs(value.replace(/\n\n/g, '\n'));
}

/** The text a shipped file carries, whatever its format. */
async function shippedText(file: string): Promise<string> {
	const bytes = fs.readFileSync(path.join(CORPUS, file));
	if (file.endsWith('.txt')) return bytes.toString('utf8');
	if (file.endsWith('.docx')) return (await docxParagraphs(bytes)).join('\n');
	return (await pdfText(new Uint8Array(bytes))).text;
}

describe('demo corpus', () => {
	it('the shared set still has both school acts and the official ones', () => {
		expect(schools.map((s) => s.file).sort()).toEqual([
			'dagestan-tsvetkovskaya-gimnaziya-polozhenie-do-2022.txt',
			'moskobl-mytishchi-povedniki-polozhenie-vk-messenger-2024.txt'
		]);
		expect(official.length).toBeGreaterThanOrEqual(13);
	});

	it('ships every official act exactly once and no school act', () => {
		expect(manifest.map((m) => m.file).sort()).toEqual([...actFiles].sort());
		expect(manifest.map((m) => m.source).sort()).toEqual(official.map((s) => s.file).sort());
		for (const s of schools) {
			expect(manifest.some((m) => m.source === s.file)).toBe(false);
			expect(actFiles.some((f) => /gimnaziya|povedniki|shkol|school/i.test(f))).toBe(false);
		}
	});

	it('no shipped file contains text of a school act', async () => {
		// A distinctive long line of each school act must not appear in any shipped file's text.
		const probes = schools.map((s) => squash(paragraphs(s.text).sort((a, b) => b.length - a.length)[0]));
		for (const p of probes) expect(p.length).toBeGreaterThan(50);
		for (const f of actFiles) {
			const t = squash(await shippedText(f));
			for (const p of probes) expect(t.includes(p), `${f} contains school text`).toBe(false);
			expect(/гимнази|Поведниковск/i.test(t), f).toBe(false);
		}
	});

	it('has all three formats, each file really is what its extension says', () => {
		for (const fmt of ['txt', 'pdf', 'docx'] as const) {
			expect(actFiles.filter((f) => f.endsWith('.' + fmt)).length, fmt).toBeGreaterThanOrEqual(3);
		}
		for (const f of actFiles) {
			const head = fs.readFileSync(path.join(CORPUS, f)).subarray(0, 4).toString('latin1');
			if (f.endsWith('.pdf')) expect(head, f).toBe('%PDF');
			else if (f.endsWith('.docx')) expect(head, f).toBe('PK\u0003\u0004');
			else expect(head.startsWith('%PDF') || head.startsWith('PK'), f).toBe(false);
		}
	});

	it('every .txt file equals the shared act text after the marker, byte for byte', () => {
		const txt = manifest.filter((m) => m.format === 'txt');
		expect(txt.length).toBeGreaterThan(0);
		for (const m of txt) {
			const src = official.find((s) => s.file === m.source)!;
			expect(fs.readFileSync(path.join(CORPUS, m.file), 'utf8'), m.file).toBe(src.text);
			expect(src.text.startsWith('Название:')).toBe(false);
		}
	});

	it('every DOCX has the shared act paragraphs, one per source line, in order', async () => {
		const docx = manifest.filter((m) => m.format === 'docx');
		expect(docx.length).toBeGreaterThan(0);
		for (const m of docx) {
			const src = official.find((s) => s.file === m.source)!;
			const got = await docxParagraphs(fs.readFileSync(path.join(CORPUS, m.file)));
			// Runs of spaces (e.g. "от 22.12.2025      №94") are kept in the DOCX.
			expect(got, m.file).toEqual(paragraphs(src.text));
		}
	});

	it('every PDF has the shared act text (all characters, in order) and no description header', async () => {
		const pdf = manifest.filter((m) => m.format === 'pdf');
		expect(pdf.length).toBeGreaterThan(0);
		for (const m of pdf) {
			const src = official.find((s) => s.file === m.source)!;
			const { text, pages } = await pdfText(new Uint8Array(fs.readFileSync(path.join(CORPUS, m.file))));
			expect(pages).toBeGreaterThanOrEqual(1);
			expect(squash(text), m.file).toBe(squash(src.text));
			expect(text).not.toContain('Источник:');
		}
	});

	it('README lists every file with its source URL and completeness', () => {
		const readme = fs.readFileSync(path.join(CORPUS, 'README.md'), 'utf8');
		for (const m of manifest) {
			const src = official.find((s) => s.file === m.source)!;
			const url = /^Источник: (.+)$/m.exec(src.header)![1].trim();
			const completeness = /^Полнота: (.+)$/m.exec(src.header)![1].trim();
			expect(m.url).toBe(url);
			const row = readme.split('\n').find((l) => l.includes('`' + m.file + '`'));
			expect(row, m.file).toBeDefined();
			expect(row).toContain(url);
			expect(row).toContain(completeness);
		}
	});

	it('ships the Vladimir roadmap unchanged', () => {
		const ours = fs.readFileSync(path.join(CORPUS, 'roadmaps', 'vladimir-2025.csv'));
		const theirs = fs.readFileSync(path.join(SHARED, 'roadmaps', 'vladimir-2025.csv'));
		expect(ours.equals(theirs)).toBe(true);
		expect(ours.toString('utf8').split('\n')[0]).toMatch(/^№,Мероприятие/);
	});
});

/** Extraction on the real fixtures (shared/fixtures) and on real acts made into PDF/DOCX (testdata/). */
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURES } from '../../../../tests/paths';
import { extract, detectType } from './index';
import { actParagraphs, TESTDATA_ACTS } from './testdata/make-testdata';

const TESTDATA = path.join(path.dirname(fileURLToPath(import.meta.url)), 'testdata');
const read = (p: string): Uint8Array => new Uint8Array(fs.readFileSync(p));
const fixture = (name: string): Uint8Array => read(path.join(FIXTURES, name));
const reference = fs
	.readFileSync(path.join(FIXTURES, 'reglament.txt'), 'utf8')
	.split('\n')
	.filter((l) => l.trim());
const texts = (d: { blocks: { text: string }[] }): string[] => d.blocks.map((b) => b.text);

describe('DOCX fixtures', () => {
	it('reglament.docx gives the 47 paragraphs of reglament.txt, without pages', async () => {
		const d = await extract(fixture('reglament.docx'), 'reglament.docx');
		expect(d.format).toBe('docx');
		expect(reference).toHaveLength(47);
		expect(texts(d)).toEqual(reference);
		expect(d.blocks.every((b) => b.page === null)).toBe(true);
		expect(d.pages).toBeNull();
	});

	it('reglament-autonum.docx restores the Word auto-numbering that mammoth drops', async () => {
		const d = await extract(fixture('reglament-autonum.docx'), 'reglament-autonum.docx');
		expect(texts(d)).toEqual(reference);
		const t = texts(d);
		expect(t).toContain('1. Общие положения');
		expect(t.filter((x) => x.startsWith('а) '))).toHaveLength(2); // the russianLower list restarts
		expect(t.find((x) => x.startsWith('2.3.2. '))).toContain('WhatsApp');
		expect(t.filter((x) => /^3\) /.test(x))).toHaveLength(2);
	});

	it('reglament-fromtxt.docx (Writer text import) gives the same paragraphs', async () => {
		expect(texts(await extract(fixture('reglament-fromtxt.docx'), 'r.docx'))).toEqual(reference);
	});

	it('reglament-long.docx gives 1 085 paragraphs of 30 sections', async () => {
		const d = await extract(fixture('reglament-long.docx'), 'reglament-long.docx');
		expect(d.blocks).toHaveLength(1085);
		expect(texts(d).filter((t) => /^РАЗДЕЛ \d+\./.test(t))).toHaveLength(30);
	});
});

describe('PDF fixtures', () => {
	it('reglament.pdf: lines joined into the 47 paragraphs of reglament.txt, with their pages', async () => {
		const d = await extract(fixture('reglament.pdf'), 'reglament.pdf');
		expect(d.format).toBe('pdf');
		expect(d.pages).toBe(3);
		expect(texts(d)).toEqual(reference);
		const pageOf = (prefix: string): number | null => d.blocks.find((b) => b.text.startsWith(prefix))?.page ?? null;
		// Checked against `pdftotext -f N -l N`.
		expect(d.blocks[0].page).toBe(1);
		expect(pageOf('1.1.1. ')).toBe(1);
		expect(pageOf('2.3.2. ')).toBe(2);
		expect(pageOf('2.4.1. ')).toBe(2);
		expect(pageOf('5.2. ')).toBe(3);
		expect(d.blocks.find((b) => b.text.startsWith('2.3.2.'))!.text).toContain('WhatsApp');
		// a real hyphen at a line end is kept
		expect(texts(d).join('\n')).toContain('210-ФЗ');
	});

	it('reglament-autonum.pdf: the numbers are in the text layer', async () => {
		expect(texts(await extract(fixture('reglament-autonum.pdf'), 'a.pdf'))).toEqual(reference);
	});

	it('reglament-fromtxt.pdf (monospace, no gaps or indents): paragraphs rebuilt from line fullness', async () => {
		const d = await extract(fixture('reglament-fromtxt.pdf'), 'f.pdf');
		// The title's last line is one character short of the 80-column width, so the layout does not separate it
		// from the preamble; the capitalised preamble opener after a line without closing punctuation does.
		expect(texts(d)).toEqual(reference);
	});

	it('reglament-long.pdf: 50 pages give the same 1 085 paragraphs as the DOCX, no page-number lines', async () => {
		const t0 = performance.now();
		const d = await extract(fixture('reglament-long.pdf'), 'long.pdf');
		const ms = performance.now() - t0;
		expect(d.pages).toBe(50);
		const docx = await extract(fixture('reglament-long.docx'), 'long.docx');
		expect(texts(d)).toEqual(texts(docx));
		expect(d.blocks.filter((b) => /^[-–—\s]*\d{1,3}[-–—\s]*$/.test(b.text))).toEqual([]);
		const pages = d.blocks.map((b) => b.page!);
		expect(pages.every((p, i) => i === 0 || p >= pages[i - 1])).toBe(true);
		expect(pages[pages.length - 1]).toBe(50);
		expect(ms).toBeLessThan(10_000);
	});

	it('std14-nonembedded.pdf: non-embedded Helvetica is read', async () => {
		const d = await extract(fixture('std14-nonembedded.pdf'), 'std14.pdf');
		expect(texts(d)).toEqual(['1. WhatsApp is not allowed.', '2. Paper copy stays with applicant.']);
	});

	it('reglament-scan.pdf: no text layer → needs_ocr', async () => {
		await expect(extract(fixture('reglament-scan.pdf'), 'scan.pdf')).rejects.toMatchObject({
			code: 'needs_ocr',
			message: expect.stringContaining('нужно распознавание текста')
		});
	});
});

describe('TXT fixture', () => {
	it('reglament.txt: one paragraph per line', async () => {
		const d = await extract(fixture('reglament.txt'), 'reglament.txt');
		expect(d.format).toBe('txt');
		expect(texts(d)).toEqual(reference);
	});
});

describe('real acts of the corpus, made into PDF and DOCX by LibreOffice (testdata/)', () => {
	for (const { name, file: act, header } of TESTDATA_ACTS) {
		it(`${name}.pdf: paragraphs equal the act's text; running header and page numbers dropped`, async () => {
			const d = await extract(read(path.join(TESTDATA, `${name}.pdf`)), `${name}.pdf`);
			expect(d.pages).toBeGreaterThanOrEqual(2);
			expect(texts(d)).toEqual(actParagraphs(act));
			expect(texts(d).some((t) => t.includes(header))).toBe(false);
			expect(texts(d).some((t) => /^-\s*\d+\s*-$/.test(t))).toBe(false);
		});
		it(`${name}.docx: paragraphs equal the act's text`, async () => {
			const d = await extract(read(path.join(TESTDATA, `${name}.docx`)), `${name}.docx`);
			expect(texts(d)).toEqual(actParagraphs(act));
		});
	}

	it('a compound word split at a line end keeps its hyphen (информационно-телекоммуникационной)', async () => {
		const d = await extract(read(path.join(TESTDATA, 'act-luza-323.pdf')), 'luza.pdf');
		expect(texts(d).join('\n')).toContain('информационно-телекоммуникационной сети');
	});

	it('detects the committed files by content', () => {
		expect(detectType(read(path.join(TESTDATA, 'act-luza-323.pdf')))).toBe('pdf');
		expect(detectType(read(path.join(TESTDATA, 'act-luza-323.docx')))).toBe('docx');
	});
});

/** Bad inputs: generated in the test (into a temp dir where a file is needed) or from testdata/. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { FIXTURES, SHARED_ACTS } from '../../../../tests/paths';
import { UserError } from '$lib/core/errors';
import { extract, detectType, DEFAULT_MAX_BYTES, textEncoding } from './index';

const TESTDATA = path.join(path.dirname(fileURLToPath(import.meta.url)), 'testdata');
const fixture = (name: string): Uint8Array => new Uint8Array(fs.readFileSync(path.join(FIXTURES, name)));

let tmp = '';
beforeAll(() => {
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'popravka-extract-'));
});
afterAll(() => {
	fs.rmSync(tmp, { recursive: true, force: true });
});
/** Writes a generated bad file to the temp dir and reads it back, as an upload would arrive. */
function viaFile(name: string, bytes: Uint8Array): Uint8Array {
	const p = path.join(tmp, name);
	fs.writeFileSync(p, bytes);
	return new Uint8Array(fs.readFileSync(p));
}

async function rejection(bytes: Uint8Array, name: string, opts?: { maxBytes?: number }): Promise<UserError> {
	try {
		await extract(bytes, name, opts);
	} catch (err) {
		expect(err).toBeInstanceOf(UserError);
		return err as UserError;
	}
	throw new Error(`extract(${name}) did not throw`);
}

/** A minimal ZIP writer: deflated entries; `declaredSize` lets a test lie in the central directory. */
function makeZip(entries: { name: string; data: Uint8Array; declaredSize?: number }[]): Uint8Array {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const e of entries) {
		const name = Buffer.from(e.name, 'utf8');
		const comp = deflateRawSync(e.data);
		const size = e.declaredSize ?? e.data.length;
		const loc = Buffer.alloc(30);
		loc.writeUInt32LE(0x04034b50, 0);
		loc.writeUInt16LE(20, 4);
		loc.writeUInt16LE(8, 8);
		loc.writeUInt32LE(comp.length, 18);
		loc.writeUInt32LE(size, 22);
		loc.writeUInt16LE(name.length, 26);
		locals.push(loc, name, comp);
		const cen = Buffer.alloc(46);
		cen.writeUInt32LE(0x02014b50, 0);
		cen.writeUInt16LE(20, 4);
		cen.writeUInt16LE(20, 6);
		cen.writeUInt16LE(8, 10);
		cen.writeUInt32LE(comp.length, 20);
		cen.writeUInt32LE(size, 24);
		cen.writeUInt16LE(name.length, 28);
		cen.writeUInt32LE(offset, 42);
		centrals.push(cen, name);
		offset += 30 + name.length + comp.length;
	}
	const cd = Buffer.concat(centrals);
	const eocd = Buffer.alloc(22);
	eocd.writeUInt32LE(0x06054b50, 0);
	eocd.writeUInt16LE(entries.length, 8);
	eocd.writeUInt16LE(entries.length, 10);
	eocd.writeUInt32LE(cd.length, 12);
	eocd.writeUInt32LE(offset, 16);
	return new Uint8Array(Buffer.concat([...locals, cd, eocd]));
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const docXml = (body: string): Uint8Array => new TextEncoder().encode(`<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}</w:body></w:document>`);

/** Windows-1251 encoder for the characters of Russian acts (Node's TextEncoder only writes UTF-8). */
function toCp1251(text: string): Uint8Array {
	const special: Record<string, number> = { Ё: 0xa8, ё: 0xb8, '№': 0xb9, '«': 0xab, '»': 0xbb, '–': 0x96, '—': 0x97, '\u00a0': 0xa0, '…': 0x85, '“': 0x93, '”': 0x94, '„': 0x84 };
	const out: number[] = [];
	for (const ch of text) {
		const c = ch.codePointAt(0)!;
		if (c < 0x80) out.push(c);
		else if (c >= 0x410 && c <= 0x44f) out.push(c - 0x410 + 0xc0);
		else if (special[ch] !== undefined) out.push(special[ch]);
		else throw new Error(`no Windows-1251 byte for ${ch}`);
	}
	return new Uint8Array(out);
}

describe('validation before parsing', () => {
	it('empty file → empty', async () => {
		const e = await rejection(viaFile('empty.pdf', new Uint8Array(0)), 'empty.pdf');
		expect(e.code).toBe('empty');
		expect(e.message).toContain('пустой');
	});

	it('over the size limit → too_large, with sizes in МБ', async () => {
		const bytes = fixture('reglament.pdf');
		const e = await rejection(bytes, 'reglament.pdf', { maxBytes: 10_000 });
		expect(e.code).toBe('too_large');
		expect(e.message).toMatch(/слишком большой.*МБ/);
		expect(DEFAULT_MAX_BYTES).toBe(50 * 1024 * 1024);
	});

	it('a .pdf that is really a DOCX → type_mismatch naming the real type', async () => {
		const e = await rejection(viaFile('act.pdf', fixture('reglament.docx')), 'act.pdf');
		expect(e.code).toBe('type_mismatch');
		expect(e.message).toContain('Файл назван .pdf, но на самом деле это документ Word (DOCX)');
	});

	it('a .docx that is really a PDF → type_mismatch', async () => {
		const e = await rejection(fixture('reglament.pdf'), 'act.docx');
		expect(e.code).toBe('type_mismatch');
		expect(e.message).toContain('на самом деле это документ PDF');
	});

	it('content decides, not the extension: a file without an extension is read by its real type', async () => {
		const d = await extract(fixture('reglament.docx'), 'download');
		expect(d.format).toBe('docx');
	});

	it('old binary .doc, RTF, PNG, a ZIP that is not a DOCX, HTML → unsupported_type naming the real type', async () => {
		const doc = new Uint8Array(2048);
		doc.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
		const cases: [Uint8Array, string, string][] = [
			[doc, 'act.doc', 'старого формата (DOC)'],
			[new TextEncoder().encode('{\\rtf1\\ansi Постановление}'), 'act.rtf', 'RTF'],
			[new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]), 'scan.png', 'изображение'],
			[makeZip([{ name: 'xl/workbook.xml', data: new TextEncoder().encode('<workbook/>') }]), 'act.xlsx', 'Excel'],
			[makeZip([{ name: 'readme.txt', data: new TextEncoder().encode('hello') }]), 'act.zip', 'ZIP-архив'],
			[new TextEncoder().encode('<!DOCTYPE html><html><body>Постановление</body></html>'), 'act.html', 'HTML']
		];
		for (const [bytes, name, realName] of cases) {
			const e = await rejection(viaFile(name, bytes), name);
			expect(e.code, name).toBe('unsupported_type');
			expect(e.message, name).toContain(realName);
			expect(e.message, name).toContain('Поддерживаются PDF, DOCX, TXT, DOC, RTF, ODT');
		}
		// the same .doc bytes named .pdf: the real type is still what is reported
		expect((await rejection(doc, 'act.pdf')).message).toContain('старого формата (DOC)');
	});
});

describe('PDF problems', () => {
	it('truncated PDF → corrupt', async () => {
		const full = fixture('reglament.pdf');
		const e = await rejection(viaFile('cut.pdf', full.subarray(0, Math.floor(full.length * 0.6))), 'cut.pdf');
		expect(e.code).toBe('corrupt');
		expect(e.message).toContain('повреждён или загружен не полностью');
	});

	it('garbage after a %PDF- header → corrupt; a PDF without pages → corrupt', async () => {
		const enc = new TextEncoder();
		expect((await rejection(enc.encode('%PDF-1.7\nhello world garbage\n%%EOF\n'), 'g.pdf')).code).toBe('corrupt');
		const noPages = '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';
		expect((await rejection(enc.encode(noPages), 'n.pdf')).code).toBe('corrupt');
	});

	it('password-protected PDF (LibreOffice export, testdata/encrypted.pdf) → encrypted', async () => {
		const bytes = new Uint8Array(fs.readFileSync(path.join(TESTDATA, 'encrypted.pdf')));
		expect(detectType(bytes)).toBe('pdf');
		const e = await rejection(bytes, 'encrypted.pdf');
		expect(e.code).toBe('encrypted');
		expect(e.message).toContain('Файл защищён паролем');
	});

	it('scan without a text layer → needs_ocr with «нужно распознавание текста»', async () => {
		const e = await rejection(fixture('reglament-scan.pdf'), 'reglament-scan.pdf');
		expect(e.code).toBe('needs_ocr');
		expect(e.message).toContain('нужно распознавание текста');
	});
});

describe('DOCX problems', () => {
	it('zip bomb by declared sizes/ratio → zip_bomb, rejected without inflating', async () => {
		const spaces = new Uint8Array(16 * 1024 * 1024).fill(0x20);
		const bomb = makeZip([{ name: 'word/document.xml', data: spaces }]);
		expect(bomb.length).toBeLessThan(100_000);
		const t0 = performance.now();
		const e = await rejection(viaFile('bomb.docx', bomb), 'bomb.docx');
		expect(e.code).toBe('zip_bomb');
		expect(e.message).toContain('zip-бомбы');
		expect(performance.now() - t0).toBeLessThan(1000);
	});

	it('zip bomb that lies about its size in the central directory → zip_bomb (inflater output is capped)', async () => {
		const spaces = new Uint8Array(8 * 1024 * 1024).fill(0x20);
		const liar = makeZip([{ name: 'word/document.xml', data: spaces, declaredSize: 4000 }]);
		const e = await rejection(liar, 'liar.docx');
		expect(e.code).toBe('zip_bomb');
	});

	it('truncated DOCX → corrupt (reported as a broken Word file, not as an unknown archive)', async () => {
		const full = fixture('reglament.docx');
		const e = await rejection(viaFile('cut.docx', full.subarray(0, Math.floor(full.length / 2))), 'cut.docx');
		expect(e.code).toBe('corrupt');
		expect(e.message).toContain('Файл Word повреждён');
	});

	it('DOCX with no text → empty', async () => {
		const bytes = makeZip([{ name: 'word/document.xml', data: docXml('<w:p><w:r><w:t>   </w:t></w:r></w:p><w:p/>') }]);
		const e = await rejection(bytes, 'blank.docx');
		expect(e.code).toBe('empty');
	});

	it('DOCX features: tables in order, deleted revisions skipped, numbering through a style, lvlOverride restart', async () => {
		const numbering = `<?xml version="1.0"?><w:numbering ${W}>
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="russianLower"/><w:lvlText w:val="%2)"/><w:suff w:val="space"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="1"><w:startOverride w:val="5"/></w:lvlOverride></w:num></w:numbering>`;
		const styles = `<?xml version="1.0"?><w:styles ${W}><w:style w:type="paragraph" w:styleId="Razdel"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Razdel2"><w:basedOn w:val="Razdel"/></w:style></w:styles>`;
		const p = (t: string, ppr = ''): string => `<w:p><w:pPr>${ppr}</w:pPr><w:r><w:t xml:space="preserve">${t}</w:t></w:r></w:p>`;
		const body =
			p('Общие положения', '<w:pStyle w:val="Razdel2"/>') +
			p('раз', '<w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr>') +
			p('два', '<w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr>') +
			'<w:tbl><w:tr><w:tc>' + p('ячейка 1') + '</w:tc><w:tc>' + p('ячейка 2') + '</w:tc></w:tr></w:tbl>' +
			`<w:p><w:r><w:t>WhatsApp</w:t></w:r><w:del><w:r><w:delText> удалено</w:delText></w:r></w:del><w:ins><w:r><w:t>-чат</w:t></w:r></w:ins></w:p>` +
			p('Порядок', '<w:pStyle w:val="Razdel"/>') +
			p('с пяти', '<w:numPr><w:ilvl w:val="1"/><w:numId w:val="2"/></w:numPr>') +
			p('Без номера', '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr><w:pStyle w:val="Razdel"/>');
		const bytes = makeZip([
			{ name: '[Content_Types].xml', data: new TextEncoder().encode('<Types/>') },
			{ name: 'word/document.xml', data: docXml(body) },
			{ name: 'word/numbering.xml', data: new TextEncoder().encode(numbering) },
			{ name: 'word/styles.xml', data: new TextEncoder().encode(styles) }
		]);
		const d = await extract(bytes, 'synthetic.docx');
		expect(d.blocks.map((b) => b.text)).toEqual([
			'I. Общие положения',
			'а) раз',
			'б) два',
			'ячейка 1',
			'ячейка 2',
			'WhatsApp-чат',
			'II. Порядок',
			'д) с пяти',
			'Без номера'
		]);
	});
});

describe('TXT problems', () => {
	it('invalid UTF-8 / binary garbage → bad_encoding', async () => {
		const garbage = new Uint8Array(256).map((_, i) => 0x80 + (i % 64));
		const e1 = await rejection(viaFile('bad.txt', garbage), 'bad.txt');
		expect(e1.code).toBe('bad_encoding');
		expect(e1.message).toContain('UTF-8');
		const binary = new Uint8Array([0x00, 0x01, 0x02, 0x41, 0x42, 0xff, 0x00, 0x10]);
		expect((await rejection(binary, 'bin.txt')).code).toBe('bad_encoding');
	});

	it('a real act in Windows-1251 is detected and reads the same as its UTF-8 original', async () => {
		const src = fs.readFileSync(path.join(SHARED_ACTS, 'kirov-luza-postanovlenie-323-2022-official-accounts.txt'), 'utf8');
		const text = src.slice(src.indexOf('----- ТЕКСТ -----') + 17);
		const cp = toCp1251(text);
		expect(textEncoding(cp)).toBe('windows-1251');
		const a = await extract(cp, 'act.txt');
		const b = await extract(new TextEncoder().encode(text), 'act.txt');
		expect(a.blocks).toEqual(b.blocks);
		expect(a.blocks.length).toBeGreaterThan(3);
		expect(a.blocks[0].text).toMatch(/^Постановление Администрации Лузского/);
	});

	it('UTF-8 with BOM, CRLF, tabs, no-break spaces and the «в„–» mojibake are normalised', async () => {
		const raw = '\ufeffПостановление\r\n\r\n1.\tПункт\u00a0первый   в„– 5\r\n   \r\n2. Пункт второй\n';
		const d = await extract(new TextEncoder().encode(raw), 'act.txt');
		expect(d.blocks.map((b) => b.text)).toEqual(['Постановление', '1. Пункт первый № 5', '2. Пункт второй']);
		expect(d.blocks.every((b) => b.page === null)).toBe(true);
	});

	it('Latin-1 text is not mistaken for Windows-1251', () => {
		const latin1 = new Uint8Array([...'Le r\xe9glement pr\xe9voit que la d\xe9cision est '.repeat(5)].map((c) => c.charCodeAt(0)));
		expect(textEncoding(latin1)).toBeNull();
	});
});

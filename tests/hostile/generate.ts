/**
 * Builds at least 200 malformed or hostile files from the real fixtures: truncated and bit-flipped PDFs and
 * DOCX, encrypted PDFs, zip bombs, wrong extensions, empty files, huge files, deeply nested XML, invalid UTF-8,
 * XML external entities, hostile numbering, junk RTF/ODT, hostile file names and ZIP batches with path tricks.
 * Deterministic (seeded), so a failure can be reproduced.
 */
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { FIXTURES, ROOT } from '../paths';

export interface HostileFile {
	name: string;
	bytes: Uint8Array;
	kind: string;
}

function rng(seed: number) {
	let s = seed >>> 0;
	return () => {
		s = (s * 1664525 + 1013904223) >>> 0;
		return s / 2 ** 32;
	};
}

const read = (f: string) => new Uint8Array(fs.readFileSync(path.join(FIXTURES, f)));

async function docxWith(documentXml: string, extra: Record<string, string> = {}): Promise<Uint8Array> {
	const zip = new JSZip();
	zip.file('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
	zip.file('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
	zip.file('word/document.xml', documentXml);
	for (const [k, v] of Object.entries(extra)) zip.file(k, v);
	return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

export async function generateHostileFiles(seed = 20251122): Promise<HostileFile[]> {
	const rand = rng(seed);
	const out: HostileFile[] = [];
	const pdfs = ['reglament.pdf', 'reglament-autonum.pdf', 'reglament-long.pdf'].map((f) => ({ f, b: read(f) }));
	const docxs = ['reglament.docx', 'reglament-autonum.docx', 'reglament-long.docx'].map((f) => ({ f, b: read(f) }));

	// Truncated PDFs and DOCX at many lengths (60).
	for (let i = 0; i < 30; i++) {
		const { f, b } = pdfs[i % pdfs.length];
		const len = Math.floor(rand() * b.length * 0.95);
		out.push({ name: `truncated-${i}-${f}`, bytes: b.slice(0, len), kind: 'truncated-pdf' });
	}
	for (let i = 0; i < 30; i++) {
		const { f, b } = docxs[i % docxs.length];
		const len = Math.floor(rand() * b.length * 0.95);
		out.push({ name: `truncated-${i}-${f}`, bytes: b.slice(0, len), kind: 'truncated-docx' });
	}
	// Bit-flipped PDFs and DOCX (60): may still be readable; must never crash or half-import.
	for (let i = 0; i < 30; i++) {
		const { f, b } = pdfs[i % pdfs.length];
		const copy = b.slice();
		const flips = 1 + Math.floor(rand() * 64);
		for (let k = 0; k < flips; k++) copy[Math.floor(rand() * copy.length)] ^= 1 << Math.floor(rand() * 8);
		out.push({ name: `flipped-${i}-${f}`, bytes: copy, kind: 'flipped-pdf' });
	}
	for (let i = 0; i < 30; i++) {
		const { f, b } = docxs[i % docxs.length];
		const copy = b.slice();
		const flips = 1 + Math.floor(rand() * 32);
		for (let k = 0; k < flips; k++) copy[30 + Math.floor(rand() * (copy.length - 30))] ^= 1 << Math.floor(rand() * 8);
		out.push({ name: `flipped-${i}-${f}`, bytes: copy, kind: 'flipped-docx' });
	}
	// Encrypted PDFs (shipped test data of the extractor), under several names.
	const testdata = path.join(ROOT, 'src/lib/server/extract/testdata');
	const encrypted = fs.existsSync(testdata) ? fs.readdirSync(testdata).filter((f) => /encrypt/i.test(f) && f.endsWith('.pdf')) : [];
	for (const [i, f] of encrypted.entries()) {
		const b = new Uint8Array(fs.readFileSync(path.join(testdata, f)));
		out.push({ name: `encrypted-${i}.pdf`, bytes: b, kind: 'encrypted' });
		out.push({ name: `encrypted-${i}.docx`, bytes: b, kind: 'encrypted' });
	}
	// Zip bombs: highly compressible document.xml, and many entries.
	const bomb = new JSZip();
	bomb.file('[Content_Types].xml', '<Types/>');
	bomb.file('word/document.xml', `<w:document ${W}><w:body>` + '<w:p/>'.repeat(40 * 1024 * 1024 / 6) + '</w:body></w:document>', { compression: 'DEFLATE', compressionOptions: { level: 9 } });
	out.push({ name: 'bomb-paragraphs.docx', bytes: await bomb.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }), kind: 'zip-bomb' });
	const bomb2 = new JSZip();
	bomb2.file('word/document.xml', ' '.repeat(256 * 1024 * 1024), { compression: 'DEFLATE', compressionOptions: { level: 9 } });
	out.push({ name: 'bomb-spaces.docx', bytes: await bomb2.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }), kind: 'zip-bomb' });
	const many = new JSZip();
	for (let i = 0; i < 20000; i++) many.file(`word/media/e${i}.xml`, '');
	many.file('word/document.xml', `<w:document ${W}><w:body><w:p><w:r><w:t>1. Текст</w:t></w:r></w:p></w:body></w:document>`);
	out.push({ name: 'bomb-entries.docx', bytes: await many.generateAsync({ type: 'uint8array' }), kind: 'zip-bomb' });
	// Deeply nested XML and entity expansion in DOCX.
	const deep = 200000;
	out.push({ name: 'nested.docx', bytes: await docxWith(`<w:document ${W}><w:body>${'<w:sdt><w:sdtContent>'.repeat(deep)}<w:p><w:r><w:t>1. Текст</w:t></w:r></w:p>${'</w:sdtContent></w:sdt>'.repeat(deep)}</w:body></w:document>`), kind: 'nested-xml' });
	out.push({ name: 'entities.docx', bytes: await docxWith(`<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">]><w:document ${W}><w:body><w:p><w:r><w:t>&e;&e;&e;&e;&e;</w:t></w:r></w:p></w:body></w:document>`), kind: 'xml-entities' });
	out.push({ name: 'not-xml.docx', bytes: await docxWith('<<<not xml at all'), kind: 'bad-xml' });
	out.push({ name: 'no-document.docx', bytes: await (() => { const z = new JSZip(); z.file('hello.txt', 'x'); return z.generateAsync({ type: 'uint8array' }); })(), kind: 'zip-not-docx' });
	out.push({ name: 'script.docx', bytes: await docxWith(`<w:document ${W}><w:body><w:p><w:r><w:t>1. &lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt;</w:t></w:r></w:p></w:body></w:document>`), kind: 'script-text' });
	// Wrong extensions (20): real files under other names.
	const all = [...pdfs, ...docxs, { f: 'reglament.txt', b: read('reglament.txt') }];
	const exts = ['.pdf', '.docx', '.txt', '.doc', '.jpg'];
	for (let i = 0; i < 20; i++) {
		const { f, b } = all[i % all.length];
		const ext = exts[i % exts.length];
		if (f.endsWith(ext)) continue;
		out.push({ name: `renamed-${i}-${f}${ext}`, bytes: b, kind: 'wrong-extension' });
	}
	// Empty and near-empty files.
	for (const ext of ['.pdf', '.docx', '.txt']) {
		out.push({ name: `empty${ext}`, bytes: new Uint8Array(0), kind: 'empty' });
		out.push({ name: `whitespace${ext}`, bytes: new TextEncoder().encode(' \n\t\n '), kind: 'empty' });
		out.push({ name: `nul${ext}`, bytes: new Uint8Array(64), kind: 'binary' });
	}
	out.push({ name: 'header-only.pdf', bytes: new TextEncoder().encode('%PDF-1.7\n'), kind: 'truncated-pdf' });
	out.push({ name: 'zip-header-only.docx', bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04]), kind: 'truncated-docx' });
	out.push({ name: 'old-word.doc', bytes: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]), kind: 'legacy' });
	out.push({ name: 'picture.png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(100).fill(7)]), kind: 'image' });
	// Huge file: over the upload size limit.
	const huge = new Uint8Array(80 * 1024 * 1024);
	huge.set(new TextEncoder().encode('%PDF-1.4\n'));
	out.push({ name: 'huge.pdf', bytes: huge, kind: 'huge' });
	// Invalid UTF-8 and binary junk as .txt (20).
	for (let i = 0; i < 20; i++) {
		const junk = new Uint8Array(200 + Math.floor(rand() * 2000));
		for (let k = 0; k < junk.length; k++) junk[k] = Math.floor(rand() * 256);
		if (i % 2 === 0) junk.set(new TextEncoder().encode('1. Пункт акта '), 0);
		out.push({ name: `junk-${i}.txt`, bytes: junk, kind: 'invalid-utf8' });
	}
	// Random garbage with PDF/ZIP magic (10).
	for (let i = 0; i < 10; i++) {
		const junk = new Uint8Array(500 + Math.floor(rand() * 5000));
		for (let k = 0; k < junk.length; k++) junk[k] = Math.floor(rand() * 256);
		junk.set(i % 2 ? [0x25, 0x50, 0x44, 0x46, 0x2d] : [0x50, 0x4b, 0x03, 0x04]);
		out.push({ name: `garbage-${i}.${i % 2 ? 'pdf' : 'docx'}`, bytes: junk, kind: 'garbage' });
	}
	// XML external entities (XXE): the entity must never pull in a local file.
	out.push({ name: 'xxe.docx', bytes: await docxWith(`<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document ${W}><w:body><w:p><w:r><w:t>1. Пункт &x;</w:t></w:r></w:p></w:body></w:document>`), kind: 'xxe' });
	// Hostile numbering part: self-referencing and out-of-range levels must not loop or crash the numbering pass.
	const numbering = `<w:numbering ${W}><w:abstractNum w:abstractNumId="0"><w:numStyleLink w:val="S"/><w:lvl w:ilvl="99999999"><w:start w:val="-5"/><w:numFmt w:val="decimal"/><w:lvlText w:val="${'%1.'.repeat(5000)}"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="7"/></w:num></w:numbering>`;
	const numbered = [1, 2, 3].map((n) => `<w:p><w:pPr><w:numPr><w:ilvl w:val="${n * 1000}"/><w:numId w:val="${n}"/></w:numPr></w:pPr><w:r><w:t>Пункт ${n}</w:t></w:r></w:p>`).join('');
	out.push({ name: 'numbering-hostile.docx', bytes: await docxWith(`<w:document ${W}><w:body>${numbered}</w:body></w:document>`, { 'word/numbering.xml': numbering }), kind: 'hostile-numbering' });
	// A document part that is not UTF-8, and one huge attribute value.
	const latin1 = new Uint8Array([...new TextEncoder().encode(`<w:document ${W}><w:body><w:p><w:r><w:t>1. `), 0xcf, 0xf3, 0xed, 0xea, 0xf2, 0xff, 0xfe, ...new TextEncoder().encode('</w:t></w:r></w:p></w:body></w:document>')]);
	const zLatin = new JSZip();
	zLatin.file('[Content_Types].xml', '<Types/>');
	zLatin.file('word/document.xml', latin1);
	out.push({ name: 'document-not-utf8.docx', bytes: await zLatin.generateAsync({ type: 'uint8array' }), kind: 'invalid-utf8' });
	out.push({ name: 'huge-attribute.docx', bytes: await docxWith(`<w:document ${W}><w:body><w:p w:rsidR="${'A'.repeat(8 * 1024 * 1024)}"><w:r><w:t>1. Текст</w:t></w:r></w:p></w:body></w:document>`), kind: 'huge-attribute' });
	// Legacy formats that only look right: an RTF and an ODT that are junk inside.
	const rtfJunk = new Uint8Array(3000);
	for (let k = 0; k < rtfJunk.length; k++) rtfJunk[k] = Math.floor(rand() * 256);
	rtfJunk.set(new TextEncoder().encode('{\rtf1\ansi{\fonttbl'), 0);
	out.push({ name: 'junk.rtf', bytes: rtfJunk, kind: 'legacy-junk' });
	const odt = new JSZip();
	odt.file('mimetype', 'application/vnd.oasis.opendocument.text', { compression: 'STORE' });
	odt.file('content.xml', '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"><office:body><<<');
	const odtBytes = await odt.generateAsync({ type: 'uint8array' });
	out.push({ name: 'broken.odt', bytes: odtBytes.slice(0, Math.floor(odtBytes.length * 0.7)), kind: 'legacy-junk' });
	// Text edge cases: one 6 MB line without a break, control characters only, UTF-16 without a BOM.
	out.push({ name: 'one-line.txt', bytes: new TextEncoder().encode('1. ' + 'слово '.repeat(1024 * 1024)), kind: 'long-line' });
	out.push({ name: 'control-chars.txt', bytes: new Uint8Array(Array.from({ length: 4096 }, (_, k) => [1, 2, 3, 7, 8, 11, 12, 14, 27, 127][k % 10])), kind: 'binary' });
	const utf16 = new Uint8Array(400);
	const u16 = '1. Пункт акта о порядке приема заявлений.';
	for (let k = 0; k < u16.length && 2 * k + 1 < utf16.length; k++) {
		utf16[2 * k] = u16.charCodeAt(k) & 0xff;
		utf16[2 * k + 1] = u16.charCodeAt(k) >> 8;
	}
	out.push({ name: 'utf16-no-bom.txt', bytes: utf16, kind: 'odd-encoding' });
	// Hostile file names: markup, path traversal, an overlong name, control characters.
	const good = read('reglament.txt');
	const marked = (s: string) => new Uint8Array([...good, ...new TextEncoder().encode(`\n${s}\n`)]);
	out.push({ name: '<script>alert(1)</script>.txt', bytes: marked('a'), kind: 'hostile-name' });
	out.push({ name: '../../../etc/passwd.txt', bytes: marked('b'), kind: 'hostile-name' });
	out.push({ name: `${'длинное-имя-'.repeat(40)}.txt`, bytes: marked('c'), kind: 'hostile-name' });
	out.push({ name: 'name\u0000with\u0007control.txt', bytes: marked('d'), kind: 'hostile-name' });
	// ZIP batches: only traversal entries that are not acts, and a ZIP nested inside a ZIP.
	const trav = new JSZip();
	trav.file('../../../../tmp/popravka-evil.sh', '#!/bin/sh\necho pwned\n');
	out.push({ name: 'traversal.zip', bytes: await trav.generateAsync({ type: 'uint8array' }), kind: 'zip-traversal' });
	const inner = await trav.generateAsync({ type: 'uint8array' });
	const outer = new JSZip();
	outer.file('inner.zip', inner);
	out.push({ name: 'nested.zip', bytes: await outer.generateAsync({ type: 'uint8array' }), kind: 'zip-traversal' });
	return out;
}

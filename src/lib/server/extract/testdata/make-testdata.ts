/**
 * Regenerates the office test files in this folder from real acts of the shared corpus with LibreOffice.
 * Run once by hand (tests only read the committed results; CI needs no soffice):
 *   npx tsx src/lib/server/extract/testdata/make-testdata.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SHARED_ACTS } from '../../../../../tests/paths';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** The act's text (after the "----- ТЕКСТ -----" line) as non-empty lines. */
export function actParagraphs(file: string): string[] {
	const raw = fs.readFileSync(path.join(SHARED_ACTS, file), 'utf8');
	const body = raw.slice(raw.indexOf('----- ТЕКСТ -----') + '----- ТЕКСТ -----'.length);
	return body
		.split('\n')
		.map((l) => l.replace(/\s+/g, ' ').trim())
		.filter(Boolean);
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function fodt(paragraphs: string[], header: string, lineHeight: string): string {
	const body = paragraphs
		.map((p) => {
			const caps = p === p.toUpperCase() && /\p{L}/u.test(p);
			return `<text:p text:style-name="${caps ? 'Head' : 'Body'}">${esc(p)}</text:p>`;
		})
		.join('\n');
	return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="Liberation Serif" svg:font-family="'Liberation Serif'" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/></office:font-face-decls>
<office:styles>
<style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:text-align="justify" fo:text-indent="1.25cm" fo:margin-top="0cm" fo:margin-bottom="0cm" fo:line-height="${lineHeight}"/><style:text-properties style:font-name="Liberation Serif" fo:font-size="14pt" fo:hyphenate="false"/></style:style>
<style:style style:name="Head" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-top="0cm" fo:margin-bottom="0cm" fo:line-height="${lineHeight}"/><style:text-properties style:font-name="Liberation Serif" fo:font-size="14pt" fo:font-weight="bold"/></style:style>
<style:style style:name="HF" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties style:font-name="Liberation Serif" fo:font-size="10pt"/></style:style>
</office:styles>
<office:automatic-styles><style:page-layout style:name="PL"><style:page-layout-properties fo:page-width="14.8cm" fo:page-height="16cm" fo:margin-top="1cm" fo:margin-bottom="1cm" fo:margin-left="2cm" fo:margin-right="1cm"/><style:header-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-bottom="0.4cm"/></style:header-style><style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.4cm"/></style:footer-style></style:page-layout></office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="PL">
<style:header><text:p text:style-name="HF">${esc(header)}</text:p></style:header>
<style:footer><text:p text:style-name="HF">- <text:page-number text:select-page="current">1</text:page-number> -</text:p></style:footer>
</style:master-page></office:master-styles>
<office:body><office:text>
${body}
</office:text></office:body></office:document>
`;
}

/** Real acts made into PDF (with a running header and "- N -" page numbers) and DOCX. */
export const TESTDATA_ACTS: { file: string; name: string; header: string }[] = [
	{
		file: 'ulyanovsk-inzensky-postanovlenie-1150-2022-official-pages.txt',
		name: 'act-inzensky-1150',
		header: 'Постановление администрации МО «Инзенский район» от 07.12.2022 № 1150'
	},
	{
		file: 'kirov-luza-postanovlenie-323-2022-official-accounts.txt',
		name: 'act-luza-323',
		header: 'Постановление администрации Лузского муниципального округа № 323'
	}
];

function soffice(src: string, filter: string, outDir: string): void {
	execFileSync('soffice', ['--headless', '--convert-to', filter, '--outdir', outDir, src], { stdio: 'ignore' });
}

function main(): void {
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'popravka-testdata-'));
	const acts = TESTDATA_ACTS;
	for (const act of acts) {
		const src = path.join(tmp, `${act.name}.fodt`);
		fs.writeFileSync(src, fodt(actParagraphs(act.file), act.header, '150%'));
		soffice(src, 'pdf', HERE);
		soffice(src, 'docx', HERE);
	}
	// A password-protected PDF (password "secret").
	const enc = path.join(tmp, 'encrypted.fodt');
	fs.writeFileSync(enc, fodt(actParagraphs(acts[1].file).slice(0, 3), 'Защищённый документ', '100%'));
	soffice(
		enc,
		'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"secret"}}',
		HERE
	);
	fs.rmSync(tmp, { recursive: true, force: true });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();

/**
 * `npm run bench:ocr`: OCR seconds per page on image-only PDFs made from real act pages (the shipped corpus
 * PDFs and the 50-page fixture), with the character error rate against each page's text layer, and — as the
 * baseline measured in the same run — the time pdftoppm alone needs to render the same pages.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extract } from '../src/lib/server/extract/index';
import { ocrPdf, ocrTools } from '../src/lib/server/ocr/index';
import { CORPUS, FIXTURES } from '../tests/paths';
import { cer, scanOf } from '../tests/scan';

const tools = await ocrTools();
if (!tools.available) {
	console.error(`OCR недоступно: ${tools.missing.join(', ')}. Установите: ${tools.installCommand}`);
	process.exit(2);
}
const sources = [
	...fs.readdirSync(CORPUS).filter((f) => f.endsWith('.pdf')).map((f) => ({ file: path.join(CORPUS, f), pages: 1 })),
	{ file: path.join(FIXTURES, 'reglament-long.pdf'), pages: 5 }
];
let pages = 0;
let ocrMs = 0;
let renderMs = 0;
const rates: number[] = [];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-ocr-'));
for (const s of sources) {
	const scan = scanOf(s.file, 1, s.pages, 300);
	const scanFile = path.join(tmp, 'scan.pdf');
	fs.writeFileSync(scanFile, scan);
	let t = performance.now();
	execFileSync('pdftoppm', ['-r', '300', '-gray', '-png', scanFile, path.join(tmp, 'r')]);
	renderMs += performance.now() - t;
	t = performance.now();
	const result = await ocrPdf(scan);
	ocrMs += performance.now() - t;
	pages += s.pages;
	const layer = await extract(new Uint8Array(fs.readFileSync(s.file)), path.basename(s.file));
	const reference = layer.blocks.filter((b) => (b.page ?? 1) <= s.pages).map((b) => b.text).join('\n');
	const rate = cer(reference, result.blocks.map((b) => b.text).join('\n'));
	rates.push(rate);
	console.log(`${path.basename(s.file).padEnd(70)} стр.: ${s.pages}  CER ${(rate * 100).toFixed(2)} %  уверенность ${result.confidence.toFixed(1)}`);
}
fs.rmSync(tmp, { recursive: true, force: true });
console.log('\nOCR (pdftoppm 300 dpi + Tesseract rus, один поток на страницу)');
console.log(`страниц: ${pages}`);
console.log(`секунд на страницу (OCR целиком): ${(ocrMs / pages / 1000).toFixed(2)}`);
console.log(`базовая линия — только рендеринг pdftoppm: ${(renderMs / pages / 1000).toFixed(2)} с/стр.; отношение OCR/рендеринг: ${(ocrMs / renderMs).toFixed(1)}×`);
console.log(`CER: средний ${((rates.reduce((a, b) => a + b, 0) / rates.length) * 100).toFixed(2)} %, наибольший ${(Math.max(...rates) * 100).toFixed(2)} %`);

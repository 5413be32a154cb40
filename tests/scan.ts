/** Makes image-only ("scanned") PDFs from real PDFs for OCR tests: pages rendered by pdftoppm, wrapped in a hand-built PDF. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Width and height from a JPEG's SOF marker. */
function jpegSize(b: Uint8Array): { width: number; height: number; components: number } {
	let i = 2;
	while (i < b.length) {
		if (b[i] !== 0xff) throw new Error('bad JPEG');
		const marker = b[i + 1];
		const len = (b[i + 2] << 8) | b[i + 3];
		if (marker >= 0xc0 && marker <= 0xc3) return { height: (b[i + 5] << 8) | b[i + 6], width: (b[i + 7] << 8) | b[i + 8], components: b[i + 9] };
		i += 2 + len;
	}
	throw new Error('no SOF in JPEG');
}

/** A PDF whose pages are only the given grayscale JPEG images (no text layer), A4 at the given dpi. */
export function imageOnlyPdf(jpegs: Uint8Array[], dpi: number): Uint8Array {
	const parts: (string | Uint8Array)[] = [];
	const offsets: number[] = [];
	let length = 0;
	const push = (p: string | Uint8Array) => {
		parts.push(p);
		length += typeof p === 'string' ? Buffer.byteLength(p, 'latin1') : p.length;
	};
	push('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n');
	const n = jpegs.length;
	// objects: 1 catalog, 2 pages, then per page: page, content, image
	const obj = (id: number, body: string | Uint8Array[], ) => {
		offsets[id] = length;
		if (typeof body === 'string') push(`${id} 0 obj\n${body}\nendobj\n`);
		else {
			push(`${id} 0 obj\n`);
			for (const b of body) push(b);
			push('\nendobj\n');
		}
	};
	const kids = jpegs.map((_, k) => `${3 + k * 3} 0 R`).join(' ');
	obj(1, '<< /Type /Catalog /Pages 2 0 R >>');
	obj(2, `<< /Type /Pages /Kids [${kids}] /Count ${n} >>`);
	jpegs.forEach((jpg, k) => {
		const { width, height, components } = jpegSize(jpg);
		// pdftoppm writes 3-component JPEGs even with -gray: the colour space must match the data.
		const colorSpace = components === 1 ? '/DeviceGray' : components === 4 ? '/DeviceCMYK' : '/DeviceRGB';
		const w = (width * 72) / dpi;
		const h = (height * 72) / dpi;
		const pageId = 3 + k * 3;
		const content = `q ${w.toFixed(2)} 0 0 ${h.toFixed(2)} 0 0 cm /Im0 Do Q`;
		obj(pageId, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w.toFixed(2)} ${h.toFixed(2)}] /Resources << /XObject << /Im0 ${pageId + 2} 0 R >> >> /Contents ${pageId + 1} 0 R >>`);
		obj(pageId + 1, `<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
		obj(pageId + 2, [
			new TextEncoder().encode(`<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace ${colorSpace} /BitsPerComponent 8 /Filter /DCTDecode /Length ${jpg.length} >>\nstream\n`),
			jpg,
			new TextEncoder().encode('\nendstream')
		]);
	});
	const xref = length;
	const count = 3 + n * 3;
	let table = `xref\n0 ${count}\n0000000000 65535 f \n`;
	for (let id = 1; id < count; id++) table += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
	push(table);
	push(`trailer\n<< /Size ${count} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
	return new Uint8Array(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p)))));
}

/** Renders pages [first, last] of a PDF to grayscale JPEGs and wraps them into an image-only PDF. */
export function scanOf(pdfFile: string, first: number, last: number, dpi = 200): Uint8Array {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'popravka-scan-'));
	try {
		execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-jpeg', '-jpegopt', 'quality=90', '-f', String(first), '-l', String(last), pdfFile, path.join(dir, 'p')]);
		const files = fs.readdirSync(dir).filter((f) => f.endsWith('.jpg')).sort();
		return imageOnlyPdf(files.map((f) => new Uint8Array(fs.readFileSync(path.join(dir, f)))), dpi);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/** Character error rate: Levenshtein distance / reference length, on whitespace-normalised text. */
export function cer(reference: string, hypothesis: string): number {
	const norm = (s: string) => s.replace(/[«»“”„"]/g, '"').replace(/[–—]/g, '-').replace(/\s+/g, ' ').trim();
	const a = norm(reference);
	const b = norm(hypothesis);
	let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const cur = [i];
		for (let j = 1; j <= b.length; j++) {
			cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
		}
		prev = cur;
	}
	return prev[b.length] / Math.max(1, a.length);
}

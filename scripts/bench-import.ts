/**
 * Import benchmark: `npm run bench:import [-- --docs 110 --rounds 3 --workers 2 --out bench-out/import --keep]`.
 *
 * 1. Builds `--docs` realistic multi-page acts from the REAL texts (the official acts in
 *    shared/corpus/acts and shared/fixtures/reglament.txt): paragraphs of several acts shuffled into
 *    sections, renumbered, with varied bodies, dates and numbers. Each is written as a flat ODT and
 *    converted by LibreOffice to BOTH PDF and DOCX (two big soffice runs, in parallel): 2 × docs files.
 * 2. Baseline: poppler's `pdftotext` on every PDF, 2 processes at a time (after one warm-up pass).
 * 3. Imports the PDFs, then the DOCX files, each into a fresh temporary SQLite file through the import
 *    service (`importFiles` with the worker-pool extractor), and prints pages per second.
 *    DOCX has no pages: a DOCX counts the pages of the PDF made from the same source.
 * 4. Also times extraction alone (the pool without the database) for both formats.
 *
 * Everything after a warm-up pass is measured in `--rounds` rounds (default 3; each round: pdftotext,
 * extraction, import into a fresh database) and the median round is printed, with wall-clock and CPU
 * time (CPU time is what to compare when other jobs share the machine).
 * Prints the ratio import-PDF time / pdftotext time (target ≤ 2×). Exit code 1 when a file is rejected.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXCLUDED, fodtDocument, parseSharedAct, sofficeConvertAsync, textParagraphs } from './make-corpus';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = process.env.POPRAVKA_SHARED ? path.resolve(process.env.POPRAVKA_SHARED) : path.resolve(ROOT, '..', 'shared');

function arg(name: string, fallback: string): string {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const DOCS = Math.max(1, Number(arg('docs', '110')));
const OUT = path.resolve(ROOT, arg('out', 'bench-out/import'));
const KEEP = process.argv.includes('--keep');
const SEED = Number(arg('seed', '20250901'));
const ROUNDS = Math.max(1, Number(arg('rounds', '3')));
if (process.argv.includes('--workers')) process.env.POPRAVKA_EXTRACT_WORKERS = arg('workers', '2');

// ---------------------------------------------------------------- deterministic generator

function rng(seed: number): () => number {
	let s = seed >>> 0;
	return () => {
		s = (s + 0x6d2b79f5) >>> 0;
		let t = s;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
const rand = rng(SEED);
const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
function shuffle<T>(xs: T[]): T[] {
	const a = [...xs];
	for (let i = a.length - 1; i > 0; i--) {
		const j = Math.floor(rand() * (i + 1));
		[a[i], a[j]] = [a[j], a[i]];
	}
	return a;
}

const NUMBERED = /^\s*(?:\d+\.)+(?:\d+)?\s+/; // "1. ", "2.3. ", "2.3.1 "
const LETTERED = /^\s*[а-яё]\)\s+/; // "а) "
const LISTED = /^\s*[-–—•]\s+/; // "- " bullets

interface Sources {
	/** Body paragraphs (numbering stripped), long enough to be clauses. */
	clauses: string[];
	/** Sub-point texts (from "а)" items and bullets). */
	subpoints: string[];
	titles: string[];
	bodies: string[];
	regions: string[];
	preambles: string[];
}

/** A body clause: a sentence with lower-case words ending in punctuation (not a heading, a header line or a cut-off tail). */
function isClause(p: string): boolean {
	const letters = p.replace(/[^А-Яа-яЁё]/g, '');
	const lower = letters.replace(/[^а-яё]/g, '').length;
	return p.length >= 40 && lower > letters.length * 0.7 && /[.;:]$/.test(p) && !/^«/.test(p) && !/\s{4,}/.test(p);
}

function loadSources(): Sources {
	const actsDir = path.join(SHARED, 'corpus', 'acts');
	const s: Sources = { clauses: [], subpoints: [], titles: [], bodies: [], regions: [], preambles: [] };
	const texts: string[] = [];
	for (const f of fs.readdirSync(actsDir).sort()) {
		if (!f.endsWith('.txt') || EXCLUDED.includes(f)) continue;
		const { header, text } = parseSharedAct(fs.readFileSync(path.join(actsDir, f), 'utf8'));
		texts.push(text);
		if (header['Название']) s.titles.push(header['Название']);
		const kindBody = header['Вид акта, орган'] ?? '';
		const body = kindBody.replace(/^(Постановление|Приказ|Распоряжение|Утвержден постановлением)\s+/i, '');
		if (/^(администрац|министерств|агентств|главы)/i.test(body)) s.bodies.push(body);
		if (header['Регион'] && !/не установлен/.test(header['Регион'])) s.regions.push(header['Регион'].split(',')[0]);
	}
	texts.push(fs.readFileSync(path.join(SHARED, 'fixtures', 'reglament.txt'), 'utf8'));
	for (const text of texts) {
		for (const p of textParagraphs(text)) {
			if (/постановляю|постановляет|приказываю|ПОСТАНОВЛЯ/i.test(p) && p.length > 80) s.preambles.push(p.replace(/\s+$/, ''));
			else if (LETTERED.test(p) || LISTED.test(p)) s.subpoints.push(p.replace(LETTERED, '').replace(LISTED, ''));
			else if (isClause(p)) s.clauses.push(p.replace(NUMBERED, ''));
		}
	}
	return s;
}

const MONTHS = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];
const SECTIONS = [
	'Общие положения',
	'Стандарт предоставления муниципальной услуги',
	'Состав, последовательность и сроки выполнения административных процедур',
	'Формы контроля за исполнением административного регламента',
	'Порядок информирования о предоставлении услуги',
	'Досудебный (внесудебный) порядок обжалования решений и действий (бездействия) органа',
	'Требования к помещениям, в которых предоставляется услуга',
	'Особенности выполнения административных процедур в электронной форме'
];
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

/** One realistic act: heading, preamble, approving points, signature, then the approved regulation. */
function makeAct(src: Sources, i: number): string[] {
	const year = int(2012, 2025);
	const day = int(1, 28);
	const month = int(1, 12);
	const date = `${String(day).padStart(2, '0')}.${String(month).padStart(2, '0')}.${year}`;
	const num = rand() < 0.3 ? `${int(1, 999)}-п` : String(int(1, 1500));
	const body = pick(src.bodies);
	const title = pick(src.titles).replace(/\s+/g, ' ');
	const out: string[] = [];
	out.push(body.toUpperCase());
	if (rand() < 0.7) out.push(pick(src.regions).toUpperCase());
	out.push(rand() < 0.8 ? 'ПОСТАНОВЛЕНИЕ' : 'ПРИКАЗ');
	out.push(rand() < 0.5 ? `от ${date}                                        № ${num}` : `«${day}» ${MONTHS[month - 1]} ${year} г. № ${num}`);
	out.push(title);
	out.push(pick(src.preambles));
	out.push(`1. Утвердить прилагаемый административный регламент (далее — Регламент).`);
	out.push(`2. Признать утратившим силу постановление от ${String(int(1, 28)).padStart(2, '0')}.${String(int(1, 12)).padStart(2, '0')}.${year - int(1, 8)} № ${int(1, 900)}.`);
	out.push(`3. Настоящее постановление вступает в силу после его официального опубликования (обнародования).`);
	out.push(`4. Контроль за исполнением настоящего постановления оставляю за собой.`);
	out.push(`Глава администрации                                        ${pick(['И.И. Иванов', 'А.В. Смирнова', 'П.С. Кузнецов', 'Е.Н. Попова', 'В.А. Соколов'])}`);
	out.push(`Приложение к постановлению от ${date} № ${num}`);
	out.push('АДМИНИСТРАТИВНЫЙ РЕГЛАМЕНТ');

	// Body: 3–10 sections of shuffled real clauses, renumbered "s.p." with occasional "а)" sub-points.
	const targetChars = int(6_000, 32_000); // ≈ 3–16 pages at 14 pt
	const sections = shuffle(SECTIONS).slice(0, int(3, SECTIONS.length));
	let chars = out.join('').length;
	let clauses = shuffle(src.clauses);
	let s = 0;
	while (chars < targetChars) {
		const si = s % sections.length;
		const heading = s < sections.length ? sections[si] : `${sections[si]} (продолжение ${Math.floor(s / sections.length)})`;
		out.push(`${s < ROMAN.length ? ROMAN[s] : String(s + 1)}. ${heading}`);
		const points = int(3, 9);
		for (let p = 1; p <= points && chars < targetChars; p++) {
			if (clauses.length === 0) clauses = shuffle(src.clauses);
			let text = clauses.pop()!;
			// Vary numbers and dates so no two acts are the same text.
			text = text.replace(/\b(\d{2})\.(\d{2})\.(\d{4})\b/g, () => `${String(int(1, 28)).padStart(2, '0')}.${String(int(1, 12)).padStart(2, '0')}.${int(2003, 2025)}`);
			const para = `${s + 1}.${p}. ${text}`;
			out.push(para);
			chars += para.length;
			if (rand() < 0.25 && src.subpoints.length) {
				const n = int(2, 4);
				for (let k = 0; k < n; k++) {
					const sp = `${'абвгдежз'[k]}) ${pick(src.subpoints).replace(/[.;]?$/, k === n - 1 ? '.' : ';')}`;
					out.push(sp);
					chars += sp.length;
				}
			}
		}
		s++;
	}
	out.push(`Документ сформирован для нагрузочного теста импорта № ${i + 1}.`);
	return out;
}

// ---------------------------------------------------------------- measuring helpers

function fmt(n: number, digits = 1): string {
	return n.toFixed(digits);
}

async function runPool<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(concurrency, items.length) }, async () => {
			while (next < items.length) await fn(items[next++]);
		})
	);
}

function pdftotext(file: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const p = spawn('pdftotext', ['-q', file, '-'], { stdio: ['ignore', 'ignore', 'ignore'] });
		p.on('error', reject);
		p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`pdftotext ${file}: exit ${code}`))));
	});
}

function pdfPages(file: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const p = spawn('pdfinfo', [file], { stdio: ['ignore', 'pipe', 'ignore'] });
		let out = '';
		p.stdout.on('data', (d: Buffer) => (out += d.toString()));
		p.on('error', reject);
		p.on('close', () => {
			const m = /^Pages:\s+(\d+)/m.exec(out);
			if (m) resolve(Number(m[1]));
			else reject(new Error(`pdfinfo ${file}: no page count`));
		});
	});
}

// ---------------------------------------------------------------- main

async function main(): Promise<number> {
	const t0 = performance.now();
	const src = loadSources();
	fs.rmSync(OUT, { recursive: true, force: true });
	const fodtDir = path.join(OUT, 'fodt');
	const pdfDir = path.join(OUT, 'pdf');
	const docxDir = path.join(OUT, 'docx');
	fs.mkdirSync(fodtDir, { recursive: true });
	const fodts: string[] = [];
	for (let i = 0; i < DOCS; i++) {
		const f = path.join(fodtDir, `bench-act-${String(i + 1).padStart(4, '0')}.fodt`);
		fs.writeFileSync(f, fodtDocument(makeAct(src, i)));
		fodts.push(f);
	}
	console.log(
		`Источники: ${src.clauses.length} абзацев, ${src.subpoints.length} подпунктов из ${src.titles.length} реальных актов и reglament.txt.`
	);
	// Two big soffice runs (one per target format), in parallel: one per core.
	const tConv = performance.now();
	await Promise.all([sofficeConvertAsync('pdf', fodts, pdfDir), sofficeConvertAsync('docx', fodts, docxDir)]);
	const pdfs = fodts.map((f) => path.join(pdfDir, path.basename(f, '.fodt') + '.pdf'));
	const docxs = fodts.map((f) => path.join(docxDir, path.basename(f, '.fodt') + '.docx'));
	const pagesOf = new Map<string, number>();
	await runPool(pdfs, 2, async (f) => void pagesOf.set(path.basename(f, '.pdf'), await pdfPages(f)));
	const totalPages = [...pagesOf.values()].reduce((a, b) => a + b, 0);
	console.log(
		`Сгенерировано ${pdfs.length} PDF и ${docxs.length} DOCX (${totalPages} страниц в PDF, ${fmt(totalPages / DOCS)} в среднем) за ${fmt((performance.now() - tConv) / 1000)} с в ${OUT}`
	);

	const pdfBytes = pdfs.map((f) => ({ name: path.basename(f), bytes: new Uint8Array(fs.readFileSync(f)) }));
	const docxBytes = docxs.map((f) => ({ name: path.basename(f), bytes: new Uint8Array(fs.readFileSync(f)) }));

	const { extractInPool, closePool, poolStatus } = await import('../src/lib/server/workers/extract-pool');
	const { openDb } = await import('../src/lib/server/db/client');
	const { importFiles } = await import('../src/lib/server/import');
	let initServices: ((db: Db) => Promise<void>) | null = null;
	let syncPacks: ((db: Db) => unknown) | null = null;
	try {
		({ initServices } = await import('../src/lib/server/services'));
		({ syncPacks } = await import('../src/lib/server/findings'));
	} catch (error) {
		console.log(`(службы не подключены, импорт без поиска и проверок: ${String(error)})`);
	}

	const extractAll = async (files: { name: string; bytes: Uint8Array }[]) => {
		const results = await Promise.allSettled(files.map((f) => extractInPool(f.bytes, f.name)));
		return results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
	};

	// Warm-up, as for pdftotext: one pass of pdftotext, one extraction pass over every file (worker
	// start, pdfjs/mammoth loading, JIT: a cold pdfjs is about 2× slower per page at first).
	await runPool(pdfs, 2, pdftotext);
	const coldPdf = await measure(() => extractAll(pdfBytes));
	const coldDocx = await measure(() => extractAll(docxBytes));

	// Rounds: each round measures everything once, back to back, so a ratio compares like with like
	// on a machine whose load changes; the median round is reported.
	const rounds: Round[] = [];
	const failures: string[] = [...coldPdf.value, ...coldDocx.value].map((r) => String(r.reason?.message ?? r.reason));
	const prevLog = process.env.POPRAVKA_LOG;
	process.env.POPRAVKA_LOG = 'silent';
	try {
		for (let r = 0; r < ROUNDS; r++) {
			const base = await measure(() => runPool(pdfs, 2, pdftotext));
			const exPdf = await measure(() => extractAll(pdfBytes));
			const exDocx = await measure(() => extractAll(docxBytes));
			failures.push(...[...exPdf.value, ...exDocx.value].map((x) => String(x.reason?.message ?? x.reason)));
			// Full import through the import service into a fresh temporary SQLite file.
			const dbFile = path.join(os.tmpdir(), `popravka-bench-${process.pid}-${r}.db`);
			const removeDb = () => {
				for (const ext of ['', '-wal', '-shm']) fs.rmSync(dbFile + ext, { force: true });
			};
			removeDb();
			const db = openDb(dbFile);
			try {
				if (initServices) await initServices(db);
				if (syncPacks) syncPacks(db);
				const runImport = async (files: { name: string; bytes: Uint8Array }[]) => {
					const report = await importFiles(db, files, { extractor: extractInPool });
					return {
						rejected: report.files.filter((x) => x.status !== 'imported').map((x) => `${x.path}: ${x.status} ${x.message ?? ''}`),
						units: report.files.reduce((a, x) => a + x.units, 0)
					};
				};
				const imPdf = await measure(() => runImport(pdfBytes));
				const imDocx = await measure(() => runImport(docxBytes));
				rounds.push({ base, exPdf, exDocx, imPdf, imDocx });
			} finally {
				db.$client.close();
				removeDb();
			}
		}
	} finally {
		process.env.POPRAVKA_LOG = prevLog;
	}
	const status = poolStatus();
	await closePool();

	// ---------------------------------------------------------------- report
	const byRatio = [...rounds].sort((a, b) => a.imPdf.sec / a.base.sec - b.imPdf.sec / b.base.sec);
	const med = byRatio[Math.floor((byRatio.length - 1) / 2)];
	const line = (label: string, files: number, m: Measured<unknown>) =>
		`  ${label.padEnd(34)} ${String(files).padStart(4)} файлов  ${fmt(m.sec, 2).padStart(6)} с  ${fmt(totalPages / m.sec).padStart(7)} стр/с  ${fmt((m.sec * 1000) / totalPages, 2).padStart(5)} мс/стр  ЦП ${fmt((m.cpu * 1000) / totalPages, 2).padStart(5)} мс/стр`;
	console.log('');
	console.log(
		`Пул извлечения: ${status.mode === 'workers' ? `${status.size} потока(ов)` : `в основном потоке (${status.reason})`}; ядер: ${os.availableParallelism()}`
	);
	console.log(`Страниц в пакете: ${totalPages} (DOCX считается по страницам PDF из того же источника)`);
	console.log(`Первый проход (холодный старт пула):`);
	console.log(line('извлечение PDF', pdfs.length, coldPdf));
	console.log(line('извлечение DOCX', docxs.length, coldDocx));
	console.log(`Медианный из ${rounds.length} раундов (по отношению импорт PDF / pdftotext):`);
	console.log(line('pdftotext (2 процесса, прогретый)', pdfs.length, med.base));
	console.log(line('извлечение PDF (пул)', pdfs.length, med.exPdf));
	console.log(line('извлечение DOCX (пул)', docxs.length, med.exDocx));
	console.log(line('импорт PDF (importFiles)', pdfs.length, med.imPdf));
	console.log(line('импорт DOCX (importFiles)', docxs.length, med.imDocx));
	let code = 0;
	for (const [label, m] of [
		['PDF', med.imPdf],
		['DOCX', med.imDocx]
	] as const) {
		console.log(`  импорт ${label}: пунктов ${m.value.units}, не импортировано ${m.value.rejected.length}`);
		if (m.value.rejected.length) {
			code = 1;
			for (const x of m.value.rejected.slice(0, 3)) console.log(`    ${x}`);
		}
	}
	if (failures.length) {
		code = 1;
		console.log(`  ! ошибок извлечения: ${failures.length}; первая: ${failures[0]}`);
	}
	const ratios = rounds.map((r) => r.imPdf.sec / r.base.sec);
	const ratio = med.imPdf.sec / med.base.sec;
	console.log(
		`Отношение импорт PDF / pdftotext: ${fmt(ratio, 2)}× (цель ≤ 2×) — ${ratio <= 2 ? 'достигнута' : 'НЕ достигнута'}; по раундам: ${ratios.map((x) => fmt(x, 2)).join(', ')}`
	);
	console.log(`Отношение извлечение PDF / pdftotext: ${fmt(med.exPdf.sec / med.base.sec, 2)}×`);
	console.log(
		`По процессорному времени (не зависит от соседних задач): импорт PDF / pdftotext ${fmt(med.imPdf.cpu / med.base.cpu, 2)}×, извлечение PDF / pdftotext ${fmt(med.exPdf.cpu / med.base.cpu, 2)}×`
	);
	console.log(`Загрузка машины (load average за 1 мин) в конце: ${fmt(os.loadavg()[0], 2)}`);
	console.log(`Всего ${fmt((performance.now() - t0) / 1000)} с.`);
	if (!KEEP) fs.rmSync(OUT, { recursive: true, force: true });
	return code;
}

type Db = import('../src/lib/server/db/client').Db;

interface Measured<T> {
	value: T;
	/** Wall-clock seconds. */
	sec: number;
	/** CPU seconds of this process (all threads, workers included) and of its finished children (pdftotext). */
	cpu: number;
}

interface Round {
	base: Measured<void>;
	exPdf: Measured<PromiseRejectedResult[]>;
	exDocx: Measured<PromiseRejectedResult[]>;
	imPdf: Measured<{ rejected: string[]; units: number }>;
	imDocx: Measured<{ rejected: string[]; units: number }>;
}

/** CPU seconds of reaped child processes (Linux /proc; 0 elsewhere). */
function childrenCpu(): number {
	try {
		const stat = fs.readFileSync('/proc/self/stat', 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		// fields[0] is field 3 (state); cutime and cstime are fields 16 and 17, in clock ticks (100/s).
		return (Number(fields[13]) + Number(fields[14])) / 100;
	} catch {
		return 0;
	}
}

async function measure<T>(fn: () => Promise<T>): Promise<Measured<T>> {
	const c0 = process.cpuUsage();
	const k0 = childrenCpu();
	const t = performance.now();
	const value = await fn();
	const sec = (performance.now() - t) / 1000;
	const c = process.cpuUsage(c0);
	return { value, sec, cpu: (c.user + c.system) / 1e6 + (childrenCpu() - k0) };
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(error);
		process.exit(2);
	}
);

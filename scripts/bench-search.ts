/**
 * Search benchmark: `npm run bench:search [-- --acts 3000 --units 167 --rounds 5 --keep]`.
 *
 * 1. Generates a region-sized corpus (default 3,000 acts × ≈167 clauses ≈ 500,000 clauses) from the REAL texts
 *    (shared/corpus/acts, shared/fixtures/reglament.txt, shared/corpus/clauses-dev.jsonl): paragraphs of
 *    several acts mixed and renumbered, with varied regions, bodies, kinds, dates, numbers and place names.
 *    Rows are bulk-inserted into a fresh temporary SQLite file (no PDF extraction), ≈1% of clauses get findings.
 * 2. Builds the search index through the application's own `indexAct` (one transaction per 100 acts).
 * 3. Builds the baseline: an FTS5 unicode61 table over the same raw clause texts (external content).
 * 4. Times ≥ 30 real queries (words, phrases, identifiers, prefixes, exclusions, filters) on both, in the
 *    same process on the same file, and the time until a newly imported act is searchable.
 * Prints a compact table with p50/p95 and the ratio to the FTS5 baseline (target p95 ≤ 2×).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDb } from '../src/lib/server/db/client';
import { indexAct, ensureSearchIndex, searchUnits, type SearchFilters } from '../src/lib/server/search/service';
import { loadCorpus, insertActRows, type CorpusAct } from '../src/lib/server/search/corpus';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = process.env.POPRAVKA_SHARED ? path.resolve(process.env.POPRAVKA_SHARED) : path.resolve(ROOT, '..', 'shared');

function arg(name: string, fallback: string): string {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const ACTS = Math.max(10, Number(arg('acts', '3000')));
const UNITS = Math.max(5, Number(arg('units', '167')));
const ROUNDS = Math.max(1, Number(arg('rounds', '5')));
const KEEP = process.argv.includes('--keep');

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
const rand = rng(20250901);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const int = (a: number, b: number) => a + Math.floor(rand() * (b - a + 1));

// ---------------------------------------------------------------- corpus

const REGIONS = [
	'Алтайский край', 'Чувашская Республика', 'Республика Дагестан', 'Кировская область', 'Красноярский край',
	'Республика Мордовия', 'Московская область', 'Мурманская область', 'Самарская область', 'Тульская область',
	'Ульяновская область', 'Владимирская область', 'Новгородская область', 'Пермский край', 'Республика Карелия',
	'Омская область', 'Тверская область', 'Ярославская область', 'Республика Коми', 'Иркутская область'
];
const PLACES = [
	'Тулома', 'Звезда', 'Анопино', 'Кирчиж', 'Гуменцы', 'Луза', 'Вурнары', 'Поведники', 'Инза', 'Одоев', 'Березовка',
	'Сосновка', 'Никольское', 'Заречье', 'Красный Бор', 'Ключи', 'Озерки', 'Малиновка', 'Петровское', 'Ивановка'
];
const BODIES = [
	'Администрация сельского поселения {P}', 'Администрация муниципального округа {P}', 'Глава поселения {P}',
	'Министерство цифрового развития', 'Министерство юстиции', 'Агентство государственных закупок',
	'Совет депутатов поселения {P}', 'Управление образования администрации района {P}'
];
const KINDS = ['постановление', 'постановление', 'постановление', 'распоряжение', 'приказ', 'решение', 'административный регламент', 'положение'];

function corpusPool(): { acts: CorpusAct[]; paragraphs: string[] } {
	const acts = loadCorpus(path.join(SHARED, 'corpus', 'acts'), [path.join(SHARED, 'fixtures', 'reglament.txt')]);
	const paragraphs = acts.flatMap((a) => a.units.map((u) => u.text)).filter((t) => t.length > 25);
	for (const line of fs.readFileSync(path.join(SHARED, 'corpus', 'clauses-dev.jsonl'), 'utf8').split('\n')) {
		if (!line.trim()) continue;
		const c = JSON.parse(line) as { text: string };
		paragraphs.push(...c.text.split('\n').filter((t) => t.length > 25));
	}
	return { acts, paragraphs };
}

/** A clause made of one or two real paragraphs with numbers, dates and place names varied. */
function varyParagraph(paragraphs: string[], place: string): string {
	let t = pick(paragraphs).replace(/^\s*\d+(?:\.\d+)*[.)]\s*/, '');
	if (rand() < 0.3) t += ' ' + pick(paragraphs).replace(/^\s*\d+(?:\.\d+)*[.)]\s*/, '');
	t = t.replace(/\b(\d{2})\.(\d{2})\.(\d{4})\b/g, () => `${String(int(1, 28)).padStart(2, '0')}.${String(int(1, 12)).padStart(2, '0')}.${int(1995, 2025)}`);
	t = t.replace(/(№|N)\s*(\d+)(?![\d-])/g, (_m, s) => `${s} ${int(1, 1500)}`);
	for (const p of PLACES) if (t.includes(p)) t = t.split(p).join(place);
	if (rand() < 0.15) t += ` (в ред. от ${String(int(1, 28)).padStart(2, '0')}.${String(int(1, 12)).padStart(2, '0')}.${int(2010, 2025)} № ${int(1, 900)})`;
	return t;
}

function generateAct(pool: { acts: CorpusAct[]; paragraphs: string[] }, i: number): CorpusAct {
	const tpl = pick(pool.acts);
	const place = pick(PLACES);
	const units: CorpusAct['units'] = [];
	const n = Math.max(5, UNITS + int(-40, 40));
	let sec = 1;
	let pt = 0;
	for (let k = 0; k < n; k++) {
		if (rand() < 0.06) {
			sec++;
			pt = 0;
		}
		pt++;
		const deep = rand() < 0.3;
		const num = deep ? `${sec}.${pt}.${int(1, 4)}` : `${sec}.${pt}`;
		units.push({ path: `p-${num}_${k}`, label: `п. ${num}`, kind: 'point', text: `${num}. ${varyParagraph(pool.paragraphs, place)}` });
	}
	const year = int(2005, 2025);
	return {
		file: `gen-${i}.txt`,
		kind: pick(KINDS),
		body: pick(BODIES).replace('{P}', place),
		date: `${year}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`,
		number: rand() < 0.2 ? `${int(1, 400)}-п` : String(int(1, 1500)),
		title: (tpl.title ?? 'Об утверждении порядка').replace(/"|«|»/g, '') + (rand() < 0.3 ? ` (${place})` : ''),
		region: pick(REGIONS),
		text: '',
		units
	};
}

// ---------------------------------------------------------------- queries

interface BenchQuery {
	q: string;
	/** Baseline FTS5 MATCH over raw text (unicode61: every token quoted, no stemming). */
	fts: string;
	filters?: SearchFilters;
}

function rawFts(q: string): string {
	// Quote every token the way unicode61 sees it; keep phrases, prefixes and exclusions.
	const out: string[] = [];
	const re = /(-?)"([^"]*)"|(-?)(\S+)/g;
	for (const m of q.matchAll(re)) {
		const neg = m[1] || m[3];
		const body = m[2] ?? m[4];
		const prefix = !m[2] && body.endsWith('*');
		const toks = body.replace(/\*$/, '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
		if (!toks.length) continue;
		const expr = m[2] !== undefined || toks.length > 1 ? `"${toks.join(' ')}"` : `"${toks[0]}"${prefix ? ' *' : ''}`;
		out.push((neg ? 'NOT ' : '') + expr);
	}
	const pos = out.filter((x) => !x.startsWith('NOT '));
	const neg = out.filter((x) => x.startsWith('NOT ')).map((x) => x.slice(4));
	let s = pos.join(' AND ');
	for (const n of neg) s = `(${s}) NOT ${n}`;
	return s;
}

const QUERIES: BenchQuery[] = (
	[
		['обращение'], ['заявление'], ['мессенджер'], ['персональных данных'], ['услуги'], ['регламент'],
		['аккаунт'], ['Телеграмм'], ['WhatsApp'], ['ВКонтакте'], ['МФЦ'], ['похозяйственной книги'], ['справки'],
		['официальном сайте'], ['электронной форме'], ['Единого портала'], ['срок регистрации'], ['жалоба'],
		['конфиденциальность'], ['Одноклассники'], ['национальный мессенджер'],
		['"личном обращении"'], ['"персональных данных"'], ['"информационно-телекоммуникационной сети"'],
		['"социальных сетях"'], ['"не допускается"'],
		['210-ФЗ'], ['152-ФЗ'], ['131-ФЗ'], ['2.3.1'], ['27.07.2010'],
		['мессендж*'], ['обращ*'],
		['заявление -мессенджер'], ['услуги -"Единого портала"'],
		['заявление', { region: 'Мурманская область' }], ['услуги', { year: '2018' }],
		['обращение', { kind: 'постановление' }], ['персональных данных', { region: 'Алтайский край', year: '2020' }],
		['мессенджер', { open: true }], ['документы', { open: true, region: 'Тульская область' }]
	] as [string, SearchFilters?][]
).map(([q, filters]) => ({ q, fts: rawFts(q), filters }));

// ---------------------------------------------------------------- helpers

const ms = (t0: number) => performance.now() - t0;
function pct(xs: number[], p: number): number {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}
/** Bytes used by tables and indexes whose name starts with one of the prefixes (SQLite dbstat). */
function tableBytes(c: import('better-sqlite3').Database, prefixes: string[]): number {
	const rows = c.prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name').all() as { name: string; bytes: number }[];
	return rows.filter((r) => prefixes.some((p) => r.name.startsWith(p))).reduce((s, r) => s + r.bytes, 0);
}
const mb = (b: number) => (b / 1024 / 1024).toFixed(1) + ' MB';
const f1 = (x: number) => x.toFixed(1);
let peakRss = 0;
const rss = () => {
	const r = process.memoryUsage().rss;
	peakRss = Math.max(peakRss, r);
	return r;
};

// ---------------------------------------------------------------- main

async function main() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'popravka-bench-search-'));
	const file = path.join(dir, 'bench.db');
	const db = openDb(file);
	const c = db.$client;
	const pool = corpusPool();
	console.log(`Корпус-источник: ${pool.acts.length} реальных актов, ${pool.paragraphs.length} абзацев. Генерация ${ACTS} актов…`);

	// 1. rows
	let t0 = performance.now();
	const ids: number[] = [];
	const BATCH = 100;
	for (let i = 0; i < ACTS; i += BATCH) {
		c.transaction(() => {
			for (let k = i; k < Math.min(ACTS, i + BATCH); k++) ids.push(insertActRows(db, generateAct(pool, k)));
		})();
	}
	const findIns = c.prepare(
		`INSERT INTO finding(act_id, unit_id, rule_id, pack_id, pack_version, category, severity, spans, message, legal_basis, suggested_wording, status)
		 SELECT act_id, id, 'r' || (id % 7), 'bench', '1', 'messenger', 'high', '[]', 'm', 'b', 's',
		        CASE id % 3 WHEN 0 THEN 'open' WHEN 1 THEN 'confirmed' ELSE 'dismissed' END
		   FROM unit WHERE id % 97 = 0`
	);
	findIns.run();
	const units = (c.prepare('SELECT count(*) AS n FROM unit').get() as { n: number }).n;
	const rowsMs = ms(t0);
	const sizeRows = tableBytes(c, ['act', 'unit', 'finding', 'sqlite_autoindex_act', 'sqlite_autoindex_unit']);
	console.log(`Строки: ${ACTS} актов, ${units} пунктов за ${f1(rowsMs / 1000)} с, файл ${mb(sizeRows)}. Индексация…`);

	// 2. our index, through indexAct
	t0 = performance.now();
	for (let i = 0; i < ids.length; i += BATCH) {
		c.transaction(() => {
			for (const id of ids.slice(i, i + BATCH)) indexAct(db, id);
		})();
	}
	const buildMs = ms(t0);
	t0 = performance.now();
	c.exec("INSERT INTO search_unit(search_unit) VALUES('optimize')");
	const optimizeMs = ms(t0);
	const sizeIndex = tableBytes(c, ['search_']);
	rss();

	// 3. baseline
	t0 = performance.now();
	c.exec(`CREATE VIRTUAL TABLE bench_base USING fts5(text, content='unit', content_rowid='id', tokenize='unicode61')`);
	c.exec(`INSERT INTO bench_base(bench_base) VALUES('rebuild')`);
	const baseBuildMs = ms(t0);
	const sizeBase = tableBytes(c, ['bench_base']);

	// start-up check on an up-to-date index (what every server/CLI start pays)
	t0 = performance.now();
	const ens = ensureSearchIndex(db);
	const ensureMs = ms(t0);
	if (ens.indexed !== 0 || ens.removed !== 0) throw new Error(`ensureSearchIndex re-indexed ${ens.indexed} acts on an up-to-date index`);

	// 4. queries
	const baseline = (bq: BenchQuery) => {
		const f = bq.filters ?? {};
		const where: string[] = [];
		const params: unknown[] = [];
		if (f.kind) (where.push('a.kind = ?'), params.push(f.kind));
		if (f.region) (where.push('a.region = ?'), params.push(f.region));
		if (f.year) (where.push('a.date >= ? AND a.date < ?'), params.push(`${f.year}-01-01`, `${Number(f.year) + 1}-01-01`));
		if (f.open) where.push("EXISTS (SELECT 1 FROM finding x WHERE x.unit_id = u.id AND x.status IN ('open','confirmed'))");
		const w = where.map((x) => ' AND ' + x).join('');
		const from = `FROM bench_base b JOIN unit u ON u.id = b.rowid JOIN act a ON a.id = u.act_id WHERE bench_base MATCH ?${w}`;
		const total = (c.prepare(`SELECT count(*) AS n ${from}`).get(bq.fts, ...params) as { n: number }).n;
		const top = c.prepare(`SELECT u.id, u.text, a.title, b.rank ${from} ORDER BY b.rank LIMIT 20`).all(bq.fts, ...params);
		return { total, n: top.length };
	};
	const ours = (bq: BenchQuery, facets: boolean) => {
		const r = searchUnits(db, { q: bq.q, ...bq.filters, limit: 20, facets });
		return { total: r.total, n: r.hits.length };
	};
	const times = { ours: [] as number[], oursFacets: [] as number[], base: [] as number[] };
	const perQuery: { q: string; ours: number; base: number; oursMs: number; baseMs: number }[] = [];
	for (const bq of QUERIES) {
		ours(bq, false);
		ours(bq, true);
		baseline(bq); // warm-up
	}
	for (const bq of QUERIES) {
		const o: number[] = [];
		const b: number[] = [];
		let totals = { ours: 0, base: 0 };
		for (let r = 0; r < ROUNDS; r++) {
			t0 = performance.now();
			totals.ours = ours(bq, false).total;
			o.push(ms(t0));
			t0 = performance.now();
			ours(bq, true);
			times.oursFacets.push(ms(t0));
			t0 = performance.now();
			totals.base = baseline(bq).total;
			b.push(ms(t0));
		}
		times.ours.push(...o);
		times.base.push(...b);
		perQuery.push({ q: bq.q + (bq.filters ? ' ' + JSON.stringify(bq.filters) : ''), ours: totals.ours, base: totals.base, oursMs: pct(o, 50), baseMs: pct(b, 50) });
	}
	rss();

	// 5. a new act into the full corpus: insert + index in one transaction, then the first search that finds it
	const fresh: number[] = [];
	for (let k = 0; k < 5; k++) {
		const a = generateAct(pool, ACTS + k);
		const marker = `уникальныймаркер${k}`;
		a.units[3].text += ` ${marker}`;
		t0 = performance.now();
		c.transaction(() => indexAct(db, insertActRows(db, a)))();
		const r = searchUnits(db, { q: marker, facets: false });
		fresh.push(ms(t0));
		if (r.total !== 1) throw new Error(`new act not found (${r.total})`);
	}
	rss();

	// 6. report
	const rows: [string, string][] = [
		['Корпус', `${ACTS} актов, ${units} пунктов (${mb(sizeRows)} строк act/unit/finding)`],
		['Построение индекса (indexAct)', `${f1(buildMs / 1000)} с (+ optimize ${f1(optimizeMs / 1000)} с); FTS5-база: ${f1(baseBuildMs / 1000)} с`],
		['Размер индекса на диске', `${mb(sizeIndex)}; FTS5-база: ${mb(sizeBase)}`],
		['Проверка индекса при старте', `${f1(ensureMs)} мс (ничего не переиндексировано)`],
		['Память процесса (RSS)', `${mb(rss())} сейчас, пик ${mb(peakRss)}`],
		['Новый акт найден через', `${f1(Math.max(...fresh))} мс макс. из 5 (медиана ${f1(pct(fresh, 50))} мс; вставка+индекс+поиск)`],
		[`Запросы (${QUERIES.length} × ${ROUNDS})`, 'p50 / p95'],
		['  Поиск (total + 20 лучших + сниппеты)', `${f1(pct(times.ours, 50))} / ${f1(pct(times.ours, 95))} мс`],
		['  Поиск + фасеты (страница /search)', `${f1(pct(times.oursFacets, 50))} / ${f1(pct(times.oursFacets, 95))} мс`],
		['  FTS5 unicode61 (total + 20 лучших)', `${f1(pct(times.base, 50))} / ${f1(pct(times.base, 95))} мс`],
		['  Отношение p95 поиск / FTS5', `${(pct(times.ours, 95) / pct(times.base, 95)).toFixed(2)}× (с фасетами ${(pct(times.oursFacets, 95) / pct(times.base, 95)).toFixed(2)}×; цель ≤ 2×)`]
	];
	const w = Math.max(...rows.map((r) => r[0].length));
	console.log('\n' + rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n'));
	console.log('\nПо запросам (найдено пунктов: поиск / FTS5; медиана мс: поиск / FTS5):');
	for (const p of perQuery) console.log(`  ${p.q.padEnd(48)} ${String(p.ours).padStart(7)} / ${String(p.base).padEnd(7)} ${f1(p.oursMs).padStart(6)} / ${f1(p.baseMs)}`);
	c.close();
	if (!KEEP) fs.rmSync(dir, { recursive: true, force: true });
	else console.log(`\nБаза сохранена: ${file}`);
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});

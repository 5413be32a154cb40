/**
 * Clause-level full-text search over SQLite FTS5 fed by lunr-languages' Russian analysis.
 *
 * Storage (migration 0001_search_index): `search_unit` is a contentless FTS5 table whose columns hold the
 * pre-analysed terms of each unit (text, act title, requisites, parts of compound terms), rowid = unit.id;
 * `search_doc` maps indexed unit ids to acts; `search_act` records per act the analyzer version and a
 * fingerprint of what was indexed. Everything is written with synchronous better-sqlite3 statements, so
 * `indexAct`/`unindexAct` run inside the caller's import transaction: an act is searchable exactly when it is
 * committed, and a crash leaves act and index consistent.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Db } from '../db/client';
import { ANALYZER_VERSION, indexColumns, requisitesText } from '../../core/search/analyze';
import { hasPositive, parseQuery, toFtsMatch, type ParsedQuery } from '../../core/search/query';
import { makeSnippet, matchRanges, type Segment } from '../../core/search/highlight';

export interface SearchFilters {
	/** вид акта, exact value of act.kind */
	kind?: string | null;
	/** принявший орган, exact value of act.body */
	body?: string | null;
	region?: string | null;
	/** Year of the act's date (YYYY). */
	year?: string | number | null;
	/** Only units with findings in status open or confirmed. */
	open?: boolean;
	/**
	 * Access scope: only acts whose scope region is one of these (an empty list finds nothing). null or
	 * undefined: every region (admin, ministry, the CLI).
	 */
	scopeRegions?: readonly string[] | null;
}

export interface SearchRequest extends SearchFilters {
	q: string;
	/** Hits per page, 1…100 (default 20). */
	limit?: number;
	/** Hits to skip (default 0). */
	offset?: number;
	/** Compute facet counts (default true). */
	facets?: boolean;
}

export interface SearchHit {
	unitId: number;
	actId: number;
	actTitle: string;
	actKind: string | null;
	actNumber: string | null;
	actDate: string | null;
	actBody: string | null;
	actRegion: string | null;
	path: string;
	label: string;
	page: number | null;
	/** Plain text around the hits, "…" where cut. */
	snippet: string;
	/** The snippet as segments with hits flagged (render escaped, never as HTML). */
	segments: Segment[];
	/** Relevance, higher is better (negated FTS5 bm25 with field boosts). */
	score: number;
}

export interface FacetValue {
	value: string;
	count: number;
}

export interface SearchFacets {
	kind: FacetValue[];
	body: FacetValue[];
	region: FacetValue[];
	year: FacetValue[];
}

export interface SearchResult {
	/** Matching units (clauses). */
	total: number;
	/** Acts with at least one matching unit (when facets were computed, else null). */
	acts: number | null;
	hits: SearchHit[];
	facets: SearchFacets | null;
	/** A Russian explanation when the query could not be run as typed (empty, only exclusions, …). */
	notice: string | null;
	/** Query words that were ignored (function words). */
	ignored: string[];
	limit: number;
	offset: number;
}

const MAX_LIMIT = 100;
const MAX_OFFSET = 10_000;

interface Statements {
	actRow: Database.Statement;
	unitsOfAct: Database.Statement;
	insertFts: Database.Statement;
	insertDoc: Database.Statement;
	deleteFts: Database.Statement;
	deleteDocs: Database.Statement;
	deleteAct: Database.Statement;
	upsertAct: Database.Statement;
}

const statements = new WeakMap<Database.Database, Statements>();

function stmts(db: Db): Statements {
	const c = db.$client;
	let s = statements.get(c);
	if (!s) {
		s = {
			actRow: c.prepare('SELECT id, kind, body, date, number, title, region FROM act WHERE id = ?'),
			unitsOfAct: c.prepare('SELECT id, text FROM unit WHERE act_id = ? ORDER BY ord'),
			insertFts: c.prepare('INSERT INTO search_unit(rowid, text, title, req, extra) VALUES (?, ?, ?, ?, ?)'),
			insertDoc: c.prepare('INSERT OR REPLACE INTO search_doc(unit_id, act_id) VALUES (?, ?)'),
			deleteFts: c.prepare('DELETE FROM search_unit WHERE rowid IN (SELECT unit_id FROM search_doc WHERE act_id = ?)'),
			deleteDocs: c.prepare('DELETE FROM search_doc WHERE act_id = ?'),
			deleteAct: c.prepare('DELETE FROM search_act WHERE act_id = ?'),
			upsertAct: c.prepare(
				'INSERT OR REPLACE INTO search_act(act_id, version, units, fingerprint) VALUES (?, ?, ?, ?)'
			)
		};
		statements.set(c, s);
	}
	return s;
}

interface ActMeta {
	id: number;
	kind: string | null;
	body: string | null;
	date: string | null;
	number: string | null;
	title: string | null;
	region: string | null;
}

function fingerprint(a: ActMeta, units: number): string {
	return createHash('sha1')
		.update(JSON.stringify([a.kind, a.body, a.date, a.number, a.title, a.region, units]))
		.digest('hex');
}

/**
 * (Re-)indexes all units of an act: removes whatever the index held for it, then adds its current units.
 * Synchronous; call it inside the import transaction after the act and its units are inserted, and again
 * after an act's requisites are edited.
 */
export function indexAct(db: Db, actId: number): void {
	const s = stmts(db);
	s.deleteFts.run(actId);
	s.deleteDocs.run(actId);
	const a = s.actRow.get(actId) as ActMeta | undefined;
	if (!a) {
		s.deleteAct.run(actId);
		return;
	}
	const title = indexColumns(a.title ?? '');
	const req = indexColumns(requisitesText(a));
	const units = s.unitsOfAct.all(actId) as { id: number; text: string }[];
	for (const u of units) {
		const body = indexColumns(u.text);
		const extra = [body.parts, title.parts, req.parts].filter(Boolean).join(' ');
		s.insertFts.run(u.id, body.terms, title.terms, req.terms, extra);
		s.insertDoc.run(u.id, actId);
	}
	s.upsertAct.run(actId, ANALYZER_VERSION, units.length, fingerprint(a, units.length));
}

/** Removes an act's units from the index. Synchronous; call it inside the transaction, before deleting the act. */
export function unindexAct(db: Db, actId: number): void {
	const s = stmts(db);
	s.deleteFts.run(actId);
	s.deleteDocs.run(actId);
	s.deleteAct.run(actId);
}

export interface EnsureReport {
	indexed: number;
	removed: number;
	ms: number;
}

/**
 * Brings the persisted index up to date with the acts table at start-up, without rebuilding it: indexes
 * acts that are missing, were analysed by an older analyzer version, or whose requisites or unit count
 * changed; removes acts that no longer exist. On an up-to-date database it only reads one row per act.
 */
export function ensureSearchIndex(db: Db): EnsureReport {
	const t0 = performance.now();
	const c = db.$client;
	let indexed = 0;
	let removed = 0;
	const run = c.transaction(() => {
		const gone = c
			.prepare('SELECT act_id AS id FROM search_act WHERE act_id NOT IN (SELECT id FROM act)')
			.all() as { id: number }[];
		for (const g of gone) {
			unindexAct(db, g.id);
			removed++;
		}
		// Units indexed under acts that no longer exist without a search_act row (interrupted manual edits).
		const strayDocs = c
			.prepare('SELECT DISTINCT act_id AS id FROM search_doc WHERE act_id NOT IN (SELECT act_id FROM search_act)')
			.all() as { id: number }[];
		for (const g of strayDocs) unindexAct(db, g.id);
		const rows = c
			.prepare(
				`SELECT a.id, a.kind, a.body, a.date, a.number, a.title, a.region,
				        (SELECT count(*) FROM unit u WHERE u.act_id = a.id) AS units,
				        s.version AS version, s.fingerprint AS fp
				   FROM act a LEFT JOIN search_act s ON s.act_id = a.id`
			)
			.all() as (ActMeta & { units: number; version: number | null; fp: string | null })[];
		for (const r of rows) {
			if (r.version === ANALYZER_VERSION && r.fp === fingerprint(r, r.units)) continue;
			indexAct(db, r.id);
			indexed++;
		}
	});
	run();
	return { indexed, removed, ms: performance.now() - t0 };
}

/**
 * Cheap consistency check for request paths: when the acts table and the index disagree on the number or
 * the largest id of acts (an act imported by a process that did not index it), runs `ensureSearchIndex`.
 */
export function syncSearchIndex(db: Db): void {
	const c = db.$client;
	const a = c.prepare('SELECT count(*) AS n, coalesce(max(id), 0) AS m FROM act').get() as { n: number; m: number };
	const s = c.prepare('SELECT count(*) AS n, coalesce(max(act_id), 0) AS m FROM search_act').get() as {
		n: number;
		m: number;
	};
	if (a.n !== s.n || a.m !== s.m) ensureSearchIndex(db);
}

function clampInt(v: unknown, min: number, max: number, dflt: number): number {
	const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
	if (!Number.isFinite(n)) return dflt;
	return Math.min(max, Math.max(min, Math.trunc(n)));
}

function nonEmpty(v: string | null | undefined): string | null {
	return typeof v === 'string' && v.trim() ? v.trim() : null;
}

/** Normalized filters: trimmed, year as four digits or null. */
export function normalizeFilters(f: SearchFilters): Required<SearchFilters> {
	const year = f.year === null || f.year === undefined ? null : String(f.year).trim();
	return {
		kind: nonEmpty(f.kind),
		body: nonEmpty(f.body),
		region: nonEmpty(f.region),
		year: year && /^\d{4}$/.test(year) ? year : null,
		open: Boolean(f.open),
		scopeRegions: f.scopeRegions ? [...f.scopeRegions] : null
	};
}

// Joins go through search_doc (unit id → act id, tiny rows) rather than unit, whose rows carry the clause text.
const OPEN_FINDING =
	"EXISTS (SELECT 1 FROM finding f WHERE f.unit_id = d.unit_id AND f.status IN ('open','confirmed'))";

function filterSql(f: Required<SearchFilters>): { where: string; params: unknown[] } {
	const parts: string[] = [];
	const params: unknown[] = [];
	if (f.kind) {
		parts.push('a.kind = ?');
		params.push(f.kind);
	}
	if (f.body) {
		parts.push('a.body = ?');
		params.push(f.body);
	}
	if (f.region) {
		parts.push('a.region = ?');
		params.push(f.region);
	}
	if (f.year) {
		parts.push("a.date >= ? AND a.date < ?");
		params.push(`${f.year}-01-01`, `${Number(f.year) + 1}-01-01`);
	}
	if (f.open) parts.push(OPEN_FINDING);
	if (f.scopeRegions) {
		if (f.scopeRegions.length === 0) parts.push('0');
		else {
			parts.push(`a.scope_region IN (${f.scopeRegions.map(() => '?').join(', ')})`);
			params.push(...f.scopeRegions);
		}
	}
	return { where: parts.map((p) => ' AND ' + p).join(''), params };
}

function emptyResult(limit: number, offset: number, notice: string | null, q: ParsedQuery): SearchResult {
	return { total: 0, acts: 0, hits: [], facets: null, notice, ignored: q.ignored, limit, offset };
}

function topFacet(map: Map<string, number>, max = 30): FacetValue[] {
	return [...map.entries()]
		.map(([value, count]) => ({ value, count }))
		.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value, 'ru'))
		.slice(0, max);
}

/** Runs a search. Never throws on user text: bad queries give an empty result with a Russian notice. */
export function searchUnits(db: Db, req: SearchRequest): SearchResult {
	const limit = clampInt(req.limit, 1, MAX_LIMIT, 20);
	const offset = clampInt(req.offset, 0, MAX_OFFSET, 0);
	const parsed = parseQuery(req.q);
	if (parsed.clauses.length === 0) {
		const notice = parsed.ignored.length
			? 'Запрос состоит только из служебных слов (предлогов, союзов). Добавьте значимые слова.'
			: 'Введите слова для поиска.';
		return emptyResult(limit, offset, notice, parsed);
	}
	if (!hasPositive(parsed)) {
		return emptyResult(
			limit,
			offset,
			'Запрос содержит только исключения (слова с минусом). Добавьте хотя бы одно слово, которое нужно найти.',
			parsed
		);
	}
	const match = toFtsMatch(parsed)!;
	const filters = normalizeFilters(req);
	const { where, params } = filterSql(filters);
	const c = db.$client;

	let total = 0;
	let acts: number | null = null;
	let facets: SearchFacets | null = null;
	if (req.facets === false) {
		const row = c
			.prepare(
				where
					? `SELECT count(*) AS n FROM search_unit s JOIN search_doc d ON d.unit_id = s.rowid JOIN act a ON a.id = d.act_id
					    WHERE search_unit MATCH ?${where}`
					: 'SELECT count(*) AS n FROM search_unit WHERE search_unit MATCH ?'
			)
			.get(match, ...params) as { n: number };
		total = row.n;
	} else {
		const rows = c
			.prepare(
				`SELECT a.id AS id, a.kind AS kind, a.body AS body, a.region AS region, substr(a.date, 1, 4) AS year, x.n AS n
				   FROM (SELECT d.act_id AS id, count(*) AS n
				           FROM search_unit s JOIN search_doc d ON d.unit_id = s.rowid
				           ${where ? 'JOIN act a ON a.id = d.act_id' : ''}
				          WHERE search_unit MATCH ?${where}
				          GROUP BY d.act_id) x
				   JOIN act a ON a.id = x.id`
			)
			.all(match, ...params) as { id: number; kind: string | null; body: string | null; region: string | null; year: string | null; n: number }[];
		const kind = new Map<string, number>();
		const body = new Map<string, number>();
		const region = new Map<string, number>();
		const year = new Map<string, number>();
		const add = (m: Map<string, number>, k: string | null, n: number) => {
			if (k) m.set(k, (m.get(k) ?? 0) + n);
		};
		for (const r of rows) {
			total += r.n;
			add(kind, r.kind, r.n);
			add(body, r.body, r.n);
			add(region, r.region, r.n);
			add(year, r.year, r.n);
		}
		acts = rows.length;
		facets = {
			kind: topFacet(kind),
			body: topFacet(body),
			region: topFacet(region),
			year: topFacet(year, 100).sort((a, b) => b.value.localeCompare(a.value))
		};
	}
	if (total === 0 || offset >= total) return { total, acts, hits: [], facets, notice: null, ignored: parsed.ignored, limit, offset };

	const ranked = c
		.prepare(
			where
				? `SELECT s.rowid AS id, s.rank AS rank
				     FROM search_unit s JOIN search_doc d ON d.unit_id = s.rowid JOIN act a ON a.id = d.act_id
				    WHERE search_unit MATCH ?${where}
				    ORDER BY s.rank, s.rowid LIMIT ? OFFSET ?`
				: `SELECT rowid AS id, rank FROM search_unit WHERE search_unit MATCH ? ORDER BY rank LIMIT ? OFFSET ?`
		)
		.all(match, ...params, limit, offset) as { id: number; rank: number }[];

	const detail = c.prepare(
		`SELECT u.id AS unitId, u.act_id AS actId, u.path AS path, u.label AS label, u.text AS text, u.page AS page,
		        a.title AS title, a.kind AS kind, a.number AS number, a.date AS date, a.body AS body, a.region AS region
		   FROM unit u JOIN act a ON a.id = u.act_id WHERE u.id = ?`
	);
	const hits: SearchHit[] = [];
	for (const r of ranked) {
		const d = detail.get(r.id) as
			| { unitId: number; actId: number; path: string; label: string; text: string; page: number | null; title: string | null; kind: string | null; number: string | null; date: string | null; body: string | null; region: string | null }
			| undefined;
		if (!d) continue; // stale posting of a deleted unit (repaired by ensureSearchIndex)
		const snip = makeSnippet(d.text, matchRanges(d.text, parsed));
		hits.push({
			unitId: d.unitId,
			actId: d.actId,
			actTitle: d.title?.trim() || 'Без названия',
			actKind: d.kind,
			actNumber: d.number,
			actDate: d.date,
			actBody: d.body,
			actRegion: d.region,
			path: d.path,
			label: d.label,
			page: d.page,
			snippet: snip.plain,
			segments: snip.segments,
			score: Math.round(-r.rank * 10_000) / 10_000
		});
	}
	return { total, acts, hits, facets, notice: null, ignored: parsed.ignored, limit, offset };
}

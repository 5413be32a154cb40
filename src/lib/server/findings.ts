/**
 * Stored findings: audits acts with the compiled rule packs, keeps findings by (unit, rule) across re-runs
 * (triage decisions survive, vanished findings become 'resolved' and stay as history), tracks which pack versions the
 * findings were computed with (pack_state) and the delta of the last pack change, and records triage decisions.
 */
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { UserError } from '../core/errors';
import { auditUnits, ENGINE_VERSION } from '../core/rules/engine';
import type { PackDef, Pattern, Vocabularies } from '../core/rules/types';
import type { Db } from './db/client';
import { act, finding, packState, unit, type FindingRow } from './db/schema';
import { log } from './log';
import { loadPacks, type LoadedPacks } from './rules/load';

export const FINDING_STATUSES = ['open', 'confirmed', 'dismissed', 'resolved'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];


export interface Delta {
	new: number;
	resolved: number;
	unchanged: number;
}

const emptyDelta = (): Delta => ({ new: 0, resolved: 0, unchanged: 0 });

function addDelta(to: Delta, d: Delta): void {
	to.new += d.new;
	to.resolved += d.resolved;
	to.unchanged += d.unchanged;
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Active rule packs of the process                                                                             */
/* ------------------------------------------------------------------------------------------------------------ */

let active: LoadedPacks | null = null;
let activeError: UserError | null = null;

/** Sets the packs used by the import hook, the pages and the playground (tests pass packs from a temp dir). */
export function setActiveRules(loaded: LoadedPacks | null): void {
	active = loaded;
	activeError = null;
}

/** The packs in use; loads the default rules/ directory on first use. Null (with `rulesError()`) when invalid. */
export function activeRules(): LoadedPacks | null {
	if (active || activeError) return active;
	try {
		active = loadPacks();
	} catch (e) {
		activeError =
			e instanceof UserError
				? e
				: new UserError('rules_invalid', 'Не удалось загрузить наборы правил.', String((e as Error)?.stack ?? e));
		log.error('rule packs not loaded', { code: activeError.code, detail: activeError.detail ?? activeError.message });
	}
	return active;
}

/** Why the packs could not be loaded (a Russian message), or null. */
export function rulesError(): UserError | null {
	activeRules();
	return activeError;
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Auditing                                                                                                     */
/* ------------------------------------------------------------------------------------------------------------ */

export interface AuditResult extends Delta {
	/** The same counts split by pack id (new findings by their new pack, resolved ones by their old pack). */
	byPack: Record<string, Delta>;
}

function packDelta(byPack: Record<string, Delta>, packId: string): Delta {
	return (byPack[packId] ??= emptyDelta());
}

/**
 * Runs the packs over one act's units (with the act-level signals) and upserts findings by (unit, rule):
 * new → 'open'; still produced → status and triage kept, spans and pack version updated; no longer produced →
 * 'resolved' with resolvedAt (the row stays). A resolved finding that is produced again is reopened as new.
 * Synchronous: safe inside the import transaction. `now` lets a re-audit stamp all changes with one time.
 */
export function auditActInDb(
	db: Db,
	actId: number,
	loaded: LoadedPacks | null = activeRules(),
	now: string = new Date().toISOString()
): AuditResult {
	const result: AuditResult = { ...emptyDelta(), byPack: {} };
	if (!loaded) return result;
	const units = db
		.select({ id: unit.id, path: unit.path, label: unit.label, text: unit.text })
		.from(unit)
		.where(eq(unit.actId, actId))
		.orderBy(asc(unit.ord))
		.all();
	const audit = auditUnits(loaded.compiled, units);
	const existing = db.select().from(finding).where(eq(finding.actId, actId)).all();
	const byKey = new Map<string, FindingRow>(existing.map((f) => [`${f.unitId}|${f.ruleId}`, f]));
	const seen = new Set<string>();

	db.transaction((tx) => {
		for (const { unit: u, findings } of audit.units) {
			for (const f of findings) {
				const key = `${u.id}|${f.rule}`;
				if (seen.has(key)) continue;
				seen.add(key);
				const values = {
					packId: f.packId,
					packVersion: f.packVersion,
					category: f.category,
					severity: f.severity,
					spans: JSON.stringify(f.spans),
					message: f.message,
					legalBasis: f.legalBasis,
					suggestedWording: f.suggestedWording
				};
				const old = byKey.get(key);
				if (!old) {
					tx.insert(finding)
						.values({ ...values, actId, unitId: u.id, ruleId: f.rule, status: 'open', createdAt: now })
						.run();
					result.new++;
					packDelta(result.byPack, f.packId).new++;
				} else if (old.status === 'resolved') {
					tx.update(finding)
						.set({ ...values, status: 'open', reason: null, decidedBy: null, decidedAt: null, resolvedAt: null, createdAt: now })
						.where(eq(finding.id, old.id))
						.run();
					result.new++;
					packDelta(result.byPack, f.packId).new++;
				} else {
					tx.update(finding).set(values).where(eq(finding.id, old.id)).run();
					result.unchanged++;
					packDelta(result.byPack, f.packId).unchanged++;
				}
			}
		}
		for (const old of existing) {
			if (old.status === 'resolved' || seen.has(`${old.unitId}|${old.ruleId}`)) continue;
			tx.update(finding).set({ status: 'resolved', resolvedAt: now }).where(eq(finding.id, old.id)).run();
			result.resolved++;
			packDelta(result.byPack, old.packId).resolved++;
		}
	});
	return result;
}

/** Re-runs the packs over every act. */
export function reauditAll(db: Db, loaded: LoadedPacks, now: string = new Date().toISOString()): AuditResult {
	const total: AuditResult = { ...emptyDelta(), byPack: {} };
	const ids = db.select({ id: act.id }).from(act).orderBy(asc(act.id)).all();
	for (const { id } of ids) {
		const r = auditActInDb(db, id, loaded, now);
		addDelta(total, r);
		for (const [p, d] of Object.entries(r.byPack)) addDelta(packDelta(total.byPack, p), d);
	}
	return total;
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Pack versions and the pack-change delta                                                                      */
/* ------------------------------------------------------------------------------------------------------------ */

/** Vocabulary names a pattern refers to, transitively. */
function vocabRefs(p: Pattern, vocabularies: Vocabularies, out: Set<string>): void {
	if (typeof p === 'string') {
		if (!p.startsWith('@')) return;
		const name = p.slice(1);
		if (out.has(name)) return;
		out.add(name);
		for (const t of vocabularies[name] ?? []) vocabRefs(t, vocabularies, out);
		return;
	}
	if ('any' in p) p.any.forEach((c) => vocabRefs(c, vocabularies, out));
	else if ('all' in p) p.all.forEach((c) => vocabRefs(c, vocabularies, out));
	else if ('near' in p) p.near.forEach((c) => vocabRefs(c, vocabularies, out));
	else if ('sentence' in p) vocabRefs(p.sentence, vocabularies, out);
	else if ('not' in p) vocabRefs(p.not, vocabularies, out);
	else if ('negated' in p) {
		vocabRefs(p.negated, vocabularies, out);
		vocabRefs(p.cues, vocabularies, out);
		if (p.blockers) vocabRefs(p.blockers, vocabularies, out);
	}
}

/** Stable JSON: object keys sorted, so a re-ordered YAML file with the same content hashes the same. */
function stableJson(v: unknown): string {
	if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
	if (v && typeof v === 'object')
		return `{${Object.keys(v)
			.sort()
			.filter((k) => (v as Record<string, unknown>)[k] !== undefined)
			.map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`)
			.join(',')}}`;
	return JSON.stringify(v);
}

/**
 * Content hash of a pack together with the vocabularies it uses (a vocabulary edit changes the pack's results) and the
 * engine version (a change of matching semantics does too).
 */
export function packHash(pack: PackDef, vocabularies: Vocabularies): string {
	const names = new Set<string>();
	for (const r of pack.rules) {
		vocabRefs(r.match, vocabularies, names);
		for (const u of r.unless ?? []) vocabRefs(u, vocabularies, names);
	}
	for (const c of pack.contexts ?? []) vocabRefs(c.match, vocabularies, names);
	const used = Object.fromEntries([...names].sort().map((n) => [n, vocabularies[n] ?? null]));
	return createHash('sha256').update(stableJson({ pack, vocabularies: used, engine: ENGINE_VERSION })).digest('hex');
}

export interface PackChange extends Delta {
	packId: string;
	title: string;
	/** Version the stored findings had before, or null on first run / a newly added pack. */
	fromVersion: string | null;
	/** null when the pack was removed. */
	toVersion: string | null;
	/** The pack's content changed (true also when only the version changed). */
	changed: boolean;
}

export interface PackSync {
	appliedAt: string;
	/** Every pack involved in the re-audit: changed, unchanged, added and removed ones. */
	packs: PackChange[];
	total: Delta;
}

/**
 * The last delta is kept in pack_state under a reserved id (the schema has no table for it yet), as JSON in `hash`.
 * Real pack ids match /^[a-z0-9-]+$/, so the reserved id cannot collide.
 */
const LAST_SYNC_ID = '~last-sync';

/** Compares packs with pack_state; when any pack is new, changed or removed (or on first run), re-audits all acts. */
export function syncPacks(db: Db, loaded: LoadedPacks | null = activeRules(), opts: { force?: boolean } = {}): PackSync | null {
	if (!loaded) return null;
	const states = new Map(
		db
			.select()
			.from(packState)
			.where(ne(packState.packId, LAST_SYNC_ID))
			.all()
			.map((s) => [s.packId, s])
	);
	const current = loaded.packs.map((p) => ({ pack: p, hash: packHash(p, loaded.vocabularies) }));
	const changed = (c: (typeof current)[number]) => states.get(c.pack.id)?.hash !== c.hash;
	const removed = [...states.keys()].filter((id) => !loaded.packs.some((p) => p.id === id));
	if (!opts.force && !current.some(changed) && removed.length === 0) return null;

	const appliedAt = new Date().toISOString();
	const sync = db.transaction((tx) => {
		// Same connection: the re-audit's own (nested) transactions become savepoints of this one.
		const r = reauditAll(db, loaded, appliedAt);
		const removedTitles = new Map((lastSync(db)?.packs ?? []).map((p) => [p.packId, p.title] as const));
		const packs: PackChange[] = [
			...current.map(({ pack, hash }) => ({
				packId: pack.id,
				title: pack.title,
				fromVersion: states.get(pack.id)?.version ?? null,
				toVersion: pack.version,
				changed: states.get(pack.id)?.hash !== hash,
				...(r.byPack[pack.id] ?? emptyDelta())
			})),
			...removed.map((id) => ({
				packId: id,
				title: removedTitles.get(id) ?? id,
				fromVersion: states.get(id)!.version,
				toVersion: null,
				changed: true,
				...(r.byPack[id] ?? emptyDelta())
			}))
		];
		const result: PackSync = { appliedAt, packs, total: { new: r.new, resolved: r.resolved, unchanged: r.unchanged } };
		for (const id of removed) tx.delete(packState).where(eq(packState.packId, id)).run();
		for (const { pack, hash } of current) {
			tx.insert(packState)
				.values({ packId: pack.id, version: pack.version, hash, appliedAt })
				.onConflictDoUpdate({ target: packState.packId, set: { version: pack.version, hash, appliedAt } })
				.run();
		}
		tx.insert(packState)
			.values({ packId: LAST_SYNC_ID, version: '', hash: JSON.stringify(result), appliedAt })
			.onConflictDoUpdate({ target: packState.packId, set: { hash: JSON.stringify(result), appliedAt } })
			.run();
		return result;
	});
	log.info('rule packs applied', { total: sync.total, packs: sync.packs.filter((p) => p.changed).map((p) => `${p.packId}@${p.toVersion}`) });
	return sync;
}

/** The delta of the last pack change, or null when packs were never applied. */
export function lastSync(db: Db): PackSync | null {
	const row = db.select().from(packState).where(eq(packState.packId, LAST_SYNC_ID)).get();
	if (!row) return null;
	try {
		return JSON.parse(row.hash) as PackSync;
	} catch {
		return null;
	}
}

/** Pack versions the stored findings were computed with. */
export function packStates(db: Db) {
	return db.select().from(packState).where(ne(packState.packId, LAST_SYNC_ID)).orderBy(asc(packState.packId)).all();
}

/** "При обновлении пакета «…» 1.2.0 → 1.3.0: новых 4, снято 2, без изменений 40". */
export function describeChange(p: PackChange): string {
	const tail = `новых ${p.new}, снято ${p.resolved}, без изменений ${p.unchanged}`;
	if (p.fromVersion === null) return `Пакет «${p.title}» ${p.toVersion} применён впервые: ${tail}`;
	if (p.toVersion === null) return `Пакет «${p.title}» ${p.fromVersion} удалён: ${tail}`;
	if (p.fromVersion !== p.toVersion) return `При обновлении пакета «${p.title}» ${p.fromVersion} → ${p.toVersion}: ${tail}`;
	return p.changed
		? `При изменении пакета «${p.title}» ${p.toVersion} (версия не менялась): ${tail}`
		: `Пакет «${p.title}» ${p.toVersion} не менялся, повторная проверка: ${tail}`;
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Triage                                                                                                       */
/* ------------------------------------------------------------------------------------------------------------ */

function decide(db: Db, id: number, set: Partial<FindingRow>): FindingRow {
	const row = db.select().from(finding).where(eq(finding.id, id)).get();
	if (!row) throw new UserError('finding_not_found', 'Находка не найдена: возможно, акт был удалён.', `finding ${id}`);
	if (row.status === 'resolved')
		throw new UserError(
			'finding_resolved',
			'Эта находка снята: после изменения правил или акта она больше не выявляется, решение по ней не требуется.',
			`finding ${id} is resolved`
		);
	return db.update(finding).set(set).where(eq(finding.id, id)).returning().get();
}

function who(name: string): string {
	const w = name.trim();
	if (!w) throw new UserError('reviewer_required', 'Укажите, кто принимает решение (имя юриста).');
	return w.slice(0, 200);
}

/** «Требует изменения»: the clause does restrict and the act must be amended. */
export function confirmFinding(db: Db, id: number, reviewer: string, now = new Date().toISOString()): FindingRow {
	return decide(db, id, { status: 'confirmed', reason: null, decidedBy: who(reviewer), decidedAt: now });
}

/** «Ложное срабатывание»: the rule fired wrongly; the reason is required (it feeds rule tuning). */
export function dismissFinding(db: Db, id: number, reviewer: string, reason: string, now = new Date().toISOString()): FindingRow {
	const r = (reason ?? '').trim();
	if (!r)
		throw new UserError(
			'reason_required',
			'Укажите причину, по которой срабатывание ложное: она нужна для улучшения правил.',
			`dismiss finding ${id} without reason`
		);
	return decide(db, id, { status: 'dismissed', reason: r.slice(0, 2000), decidedBy: who(reviewer), decidedAt: now });
}

/** «Вернуть в работу»: back to 'open'; records who reopened it and when. */
export function reopenFinding(db: Db, id: number, reviewer: string, now = new Date().toISOString()): FindingRow {
	return decide(db, id, { status: 'open', reason: null, decidedBy: who(reviewer), decidedAt: now });
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Queries for the queue, the export and the rules page                                                         */
/* ------------------------------------------------------------------------------------------------------------ */

export interface FindingFilters {
	category?: string | null;
	severity?: string | null;
	kind?: string | null;
	body?: string | null;
	/** A status, or 'all'. Defaults to 'open'. */
	status?: string | null;
	actId?: number | null;
	ruleId?: string | null;
	/** One finding by id (the JSON API). */
	id?: number | null;
	/** An extra condition on `finding` rows, e.g. the signed-in user's region scope. */
	scope?: SQL;
}

/** Reads filters from URL search params (the queue, the export API). */
export function filtersFromUrl(params: URLSearchParams): FindingFilters {
	const get = (k: string) => params.get(k)?.trim() || null;
	const actId = Number(get('act'));
	return {
		category: get('category'),
		severity: get('severity'),
		kind: get('kind'),
		body: get('body'),
		status: get('status') ?? 'open',
		actId: Number.isInteger(actId) && actId > 0 ? actId : null,
		ruleId: get('rule')
	};
}

function whereOf(f: FindingFilters, withStatus = true): SQL | undefined {
	const w: SQL[] = [];
	if (f.category) w.push(eq(finding.category, f.category));
	if (f.severity) w.push(eq(finding.severity, f.severity));
	if (f.kind) w.push(eq(act.kind, f.kind));
	if (f.body) w.push(eq(act.body, f.body));
	if (f.actId) w.push(eq(finding.actId, f.actId));
	if (f.ruleId) w.push(eq(finding.ruleId, f.ruleId));
	if (f.id) w.push(eq(finding.id, f.id));
	if (f.scope) w.push(f.scope);
	const status = f.status ?? 'open';
	if (withStatus && status !== 'all') w.push(eq(finding.status, status));
	return w.length ? and(...w) : undefined;
}

export interface FindingView {
	id: number;
	actId: number;
	unitId: number;
	ruleId: string;
	ruleTitle: string;
	packId: string;
	packVersion: string;
	category: string;
	severity: string;
	spans: [number, number][];
	message: string;
	legalBasis: string;
	suggestedWording: string;
	status: FindingStatus;
	reason: string | null;
	decidedBy: string | null;
	decidedAt: string | null;
	createdAt: string;
	resolvedAt: string | null;
	unitPath: string;
	unitLabel: string;
	unitText: string;
	actKind: string | null;
	actBody: string | null;
	actDate: string | null;
	actNumber: string | null;
	actTitle: string | null;
	actRegion: string | null;
	actFileName: string;
}

const SEVERITY_ORDER = sql`case ${finding.severity} when 'high' then 0 when 'medium' then 1 else 2 end`;

/** Rule id → title from the active packs (titles are not stored with findings). */
export function ruleTitles(loaded: LoadedPacks | null = activeRules()): Map<string, string> {
	return new Map((loaded?.packs ?? []).flatMap((p) => p.rules.map((r) => [r.id, r.title] as const)));
}

/** Findings matching the filters, most severe first, then by act and clause order. */
export function listFindings(db: Db, f: FindingFilters = {}, limit = 1000): FindingView[] {
	const titles = ruleTitles();
	return db
		.select({
			id: finding.id,
			actId: finding.actId,
			unitId: finding.unitId,
			ruleId: finding.ruleId,
			packId: finding.packId,
			packVersion: finding.packVersion,
			category: finding.category,
			severity: finding.severity,
			spans: finding.spans,
			message: finding.message,
			legalBasis: finding.legalBasis,
			suggestedWording: finding.suggestedWording,
			status: finding.status,
			reason: finding.reason,
			decidedBy: finding.decidedBy,
			decidedAt: finding.decidedAt,
			createdAt: finding.createdAt,
			resolvedAt: finding.resolvedAt,
			unitPath: unit.path,
			unitLabel: unit.label,
			unitText: unit.text,
			actKind: act.kind,
			actBody: act.body,
			actDate: act.date,
			actNumber: act.number,
			actTitle: act.title,
			actRegion: act.region,
			actFileName: act.fileName
		})
		.from(finding)
		.innerJoin(unit, eq(unit.id, finding.unitId))
		.innerJoin(act, eq(act.id, finding.actId))
		.where(whereOf(f))
		.orderBy(SEVERITY_ORDER, desc(act.date), asc(finding.actId), asc(unit.ord), asc(finding.ruleId))
		.limit(limit)
		.all()
		.map((r) => ({
			...r,
			status: r.status as FindingStatus,
			spans: JSON.parse(r.spans) as [number, number][],
			ruleTitle: titles.get(r.ruleId) ?? r.ruleId
		}));
}

/** Counts per status under the other filters (for the tabs above the queue). */
export function statusCounts(db: Db, f: FindingFilters = {}): Record<FindingStatus | 'all', number> {
	const rows = db
		.select({ status: finding.status, n: sql<number>`count(*)` })
		.from(finding)
		.innerJoin(act, eq(act.id, finding.actId))
		.where(whereOf(f, false))
		.groupBy(finding.status)
		.all();
	const out = { open: 0, confirmed: 0, dismissed: 0, resolved: 0, all: 0 };
	for (const r of rows) {
		if ((FINDING_STATUSES as readonly string[]).includes(r.status)) out[r.status as FindingStatus] = r.n;
		out.all += r.n;
	}
	return out;
}

/** Distinct values for the queue's filters. */
export function findingFacets(db: Db, scope?: SQL) {
	const distinct = (col: typeof act.kind | typeof act.body) =>
		db
			.selectDistinct({ value: col })
			.from(finding)
			.innerJoin(act, eq(act.id, finding.actId))
			.where(scope)
			.orderBy(asc(col))
			.all()
			.map((r) => r.value)
			.filter((v): v is string => !!v);
	return { kinds: distinct(act.kind), bodies: distinct(act.body) };
}

export interface RuleStats {
	/** Findings not resolved. */
	hits: number;
	open: number;
	confirmed: number;
	dismissed: number;
	resolved: number;
	/** confirmed / (confirmed + dismissed), or null when nothing was triaged. */
	precision: number | null;
}

/** Per-rule hit counts and observed precision from triage (optionally within a scope, e.g. the user's regions). */
export function ruleStats(db: Db, ruleIds?: string[], scope?: SQL): Map<string, RuleStats> {
	const rows = db
		.select({ ruleId: finding.ruleId, status: finding.status, n: sql<number>`count(*)` })
		.from(finding)
		.where(and(ruleIds ? inArray(finding.ruleId, ruleIds) : undefined, scope))
		.groupBy(finding.ruleId, finding.status)
		.all();
	const out = new Map<string, RuleStats>();
	for (const r of rows) {
		const s = out.get(r.ruleId) ?? { hits: 0, open: 0, confirmed: 0, dismissed: 0, resolved: 0, precision: null };
		if ((FINDING_STATUSES as readonly string[]).includes(r.status)) s[r.status as FindingStatus] += r.n;
		out.set(r.ruleId, s);
	}
	for (const s of out.values()) {
		s.hits = s.open + s.confirmed + s.dismissed;
		s.precision = s.confirmed + s.dismissed > 0 ? s.confirmed / (s.confirmed + s.dismissed) : null;
	}
	return out;
}

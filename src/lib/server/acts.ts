/** Read and edit acts for pages and the API. */
import { and, asc, desc, eq, like, sql, type SQL } from 'drizzle-orm';
import type { Requisites } from '../core/types';
import type { Db } from './db/client';
import { audit, type AuditActor } from './audit';
import { act, finding, unit } from './db/schema';
import { indexAct } from './search/service';

export interface ActFilters {
	kind?: string | null;
	body?: string | null;
	year?: string | null;
	q?: string | null;
}

export const REQUISITE_FIELDS = ['kind', 'body', 'date', 'number', 'title', 'region'] as const;
export type RequisiteField = (typeof REQUISITE_FIELDS)[number];

/** `scope`: the user's region condition (auth/scope.ts actScope(user)); undefined lists all acts. */
export function listActs(db: Db, f: ActFilters = {}, scope?: SQL) {
	const where: SQL[] = [];
	if (scope) where.push(scope);
	if (f.kind) where.push(eq(act.kind, f.kind));
	if (f.body) where.push(eq(act.body, f.body));
	if (f.year) where.push(like(act.date, `${f.year}-%`));
	if (f.q) where.push(like(act.title, `%${f.q}%`));
	const openFindings = sql<number>`(select count(*) from ${finding} where ${finding.actId} = ${act.id} and ${finding.status} in ('open','confirmed'))`;
	const rows = db
		.select({
			id: act.id,
			kind: act.kind,
			body: act.body,
			date: act.date,
			number: act.number,
			title: act.title,
			region: act.region,
			scopeRegion: act.scopeRegion,
			format: act.format,
			fileName: act.fileName,
			pages: act.pages,
			textSource: act.textSource,
			importedAt: act.importedAt,
			units: sql<number>`(select count(*) from ${unit} where ${unit.actId} = ${act.id})`,
			openFindings
		})
		.from(act)
		.where(where.length ? and(...where) : undefined)
		.orderBy(desc(act.date), desc(act.id))
		.all();
	return rows;
}

/** Distinct values with counts for the list filters. */
export function actFacets(db: Db, scope?: SQL) {
	const kinds = db
		.select({ value: act.kind, count: sql<number>`count(*)` })
		.from(act)
		.where(scope)
		.groupBy(act.kind)
		.orderBy(desc(sql`count(*)`))
		.all();
	const bodies = db
		.select({ value: act.body, count: sql<number>`count(*)` })
		.from(act)
		.where(scope)
		.groupBy(act.body)
		.orderBy(asc(act.body))
		.all();
	const years = db
		.select({ value: sql<string>`substr(${act.date}, 1, 4)`, count: sql<number>`count(*)` })
		.from(act)
		.where(scope)
		.groupBy(sql`substr(${act.date}, 1, 4)`)
		.orderBy(desc(sql`substr(${act.date}, 1, 4)`))
		.all();
	return { kinds, bodies, years };
}

export function getAct(db: Db, id: number) {
	const row = db.select().from(act).where(eq(act.id, id)).get();
	if (!row) return null;
	const units = db.select().from(unit).where(eq(unit.actId, id)).orderBy(asc(unit.ord)).all();
	return { act: row, units, editedFields: JSON.parse(row.editedFields) as RequisiteField[] };
}

/** Saves a user's edit of requisites; edited fields are remembered so re-extraction never overwrites them. */
export function updateRequisites(db: Db, id: number, values: Partial<Requisites>, actor?: AuditActor): boolean {
	const row = db.select({ editedFields: act.editedFields }).from(act).where(eq(act.id, id)).get();
	if (!row) return false;
	const current = db.select().from(act).where(eq(act.id, id)).get()!;
	const edited = new Set<string>(JSON.parse(row.editedFields));
	const patch: Partial<Requisites> = {};
	for (const field of REQUISITE_FIELDS) {
		if (!(field in values)) continue;
		const v = values[field];
		const next = v == null || String(v).trim() === '' ? null : String(v).trim();
		if (next !== current[field]) {
			patch[field] = next;
			edited.add(field);
		}
	}
	if (Object.keys(patch).length === 0) return true;
	db.transaction(() => {
		db.update(act)
			.set({ ...patch, editedFields: JSON.stringify([...edited]) })
			.where(eq(act.id, id))
			.run();
		const before = Object.fromEntries(Object.keys(patch).map((k) => [k, current[k as RequisiteField]]));
		audit(db, actor ?? 'system', 'requisites', 'act', id, { before, after: patch }, current.scopeRegion);
		// Requisites are searchable fields: re-index the act with the new values.
		indexAct(db, id);
	});
	return true;
}

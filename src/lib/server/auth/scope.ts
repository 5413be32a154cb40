/**
 * Region scoping primitives. Every page, form action, API route, export and search applies these in the
 * server layer; another region's ids give 404 (never 403), so existence is not revealed.
 *
 *   const user = requireUser(event);                       // 303 → /login for pages, 401 for /api
 *   requireRole(event, 'admin', 'lawyer');                 // 403 for other roles
 *   db.select().from(act).where(and(actScope(user), …))    // lists
 *   assertActVisible(db, user, id)                         // 404 unless visible
 *
 * Region of an entity:
 *   act      → act.scope_region
 *   finding  → its act's scope_region
 *   task     → its act's scope_region; without an act: task.scope_region, else its roadmap's region
 *   roadmap  → roadmap.region
 * admin and ministry see all regions (the scope helpers return undefined = no condition).
 */
import { error, redirect } from '@sveltejs/kit';
import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { act, finding, roadmap, task } from '../db/schema';
import { ALL_REGION_ROLES, type Role, type SessionUser } from './roles';

/** The subset of a RequestEvent these helpers need. */
export interface ScopeEvent {
	locals: { user?: SessionUser | null };
	url: URL;
}

export const NOT_FOUND_RU = 'Страница не найдена';
export const UNDEFINED_REGION = 'Не определён';

/** The signed-in user; otherwise a redirect to /login (pages) or 401 (/api). */
export function requireUser(event: ScopeEvent): SessionUser {
	const user = event.locals.user;
	if (user) return user;
	if (event.url.pathname.startsWith('/api/')) error(401, 'Требуется вход в систему.');
	redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
}

/** The signed-in user if their role is one of `roles`; otherwise 403. */
export function requireRole(event: ScopeEvent, ...roles: Role[]): SessionUser {
	const user = requireUser(event);
	if (!roles.includes(user.role)) error(403, 'Недостаточно прав для этого действия.');
	return user;
}

export function seesAllRegions(user: Pick<SessionUser, 'role'>): boolean {
	return ALL_REGION_ROLES.includes(user.role);
}

export function canSeeRegion(user: Pick<SessionUser, 'role' | 'regions'>, region: string | null | undefined): boolean {
	if (seesAllRegions(user)) return true;
	return region != null && user.regions.includes(region);
}

const NOTHING = sql`0`;

function regionIn(column: SQL | typeof act.scopeRegion, user: SessionUser): SQL | undefined {
	if (seesAllRegions(user)) return undefined;
	if (user.regions.length === 0) return NOTHING;
	return inArray(column as typeof act.scopeRegion, user.regions);
}

/** Condition on `act` rows visible to the user (undefined: all). */
export function actScope(user: SessionUser): SQL | undefined {
	return regionIn(act.scopeRegion, user);
}

/** Condition on `finding` rows (via their act). */
export function findingScope(user: SessionUser): SQL | undefined {
	if (seesAllRegions(user)) return undefined;
	if (user.regions.length === 0) return NOTHING;
	return sql`${finding.actId} in (select ${act.id} from ${act} where ${inArray(act.scopeRegion, user.regions)})`;
}

/** SQL expression: the scope region of the `task` row in the current query. */
export const taskRegionSql = sql<string | null>`coalesce(
	(select a.scope_region from act a where a.id = ${task.actId}),
	${task.scopeRegion},
	(select r.region from roadmap_item i join roadmap r on r.id = i.roadmap_id where i.id = ${task.roadmapItemId}))`;

/** Condition on `task` rows. */
export function taskScope(user: SessionUser): SQL | undefined {
	if (seesAllRegions(user)) return undefined;
	if (user.regions.length === 0) return NOTHING;
	return sql`${taskRegionSql} in (${sql.join(user.regions.map((r) => sql`${r}`), sql`, `)})`;
}

/** Condition on `roadmap` rows. */
export function roadmapScope(user: SessionUser): SQL | undefined {
	return regionIn(roadmap.region as unknown as typeof act.scopeRegion, user);
}

/** Regions whose acts the user may find by search: null for all (admin, ministry). */
export function searchScope(user: SessionUser): string[] | null {
	return seesAllRegions(user) ? null : [...user.regions];
}

/** Region lookups: undefined when the entity does not exist, null when it has no region. */
export function actRegion(db: Db, id: number): string | null | undefined {
	return db.select({ r: act.scopeRegion }).from(act).where(eq(act.id, id)).get()?.r;
}
export function findingRegion(db: Db, id: number): string | null | undefined {
	const row = db.select({ r: act.scopeRegion }).from(finding).innerJoin(act, eq(act.id, finding.actId)).where(eq(finding.id, id)).get();
	return row?.r;
}
export function taskRegion(db: Db, id: number): string | null | undefined {
	const row = db.select({ r: taskRegionSql }).from(task).where(eq(task.id, id)).get();
	return row ? (row.r ?? null) : undefined;
}
export function roadmapRegion(db: Db, id: number): string | null | undefined {
	const row = db.select({ r: roadmap.region }).from(roadmap).where(eq(roadmap.id, id)).get();
	return row ? (row.r ?? null) : undefined;
}

export type ScopedEntity = 'act' | 'finding' | 'task' | 'roadmap';
const LOOKUP: Record<ScopedEntity, (db: Db, id: number) => string | null | undefined> = {
	act: actRegion,
	finding: findingRegion,
	task: taskRegion,
	roadmap: roadmapRegion
};

/** Whether the entity exists and lies in the user's regions. */
export function isVisible(db: Db, user: SessionUser, entity: ScopedEntity, id: number): boolean {
	if (!Number.isInteger(id) || id <= 0) return false;
	const region = LOOKUP[entity](db, id);
	if (region === undefined) return false;
	return canSeeRegion(user, region);
}

function assertVisible(db: Db, user: SessionUser, entity: ScopedEntity, id: number): void {
	if (!isVisible(db, user, entity, id)) error(404, NOT_FOUND_RU);
}
export const assertActVisible = (db: Db, user: SessionUser, id: number) => assertVisible(db, user, 'act', id);
export const assertFindingVisible = (db: Db, user: SessionUser, id: number) => assertVisible(db, user, 'finding', id);
export const assertTaskVisible = (db: Db, user: SessionUser, id: number) => assertVisible(db, user, 'task', id);
export const assertRoadmapVisible = (db: Db, user: SessionUser, id: number) => assertVisible(db, user, 'roadmap', id);

/**
 * The scope region an import by this user gets. Region-bound users import into one of their regions
 * (`requested` if it is theirs, else their first); admin/ministry may name any region or leave it to the
 * extracted requisites (undefined). Throws 400 for a region the user does not work in.
 */
export function importScopeRegion(user: SessionUser, requested?: string | null): string | undefined {
	const want = requested?.trim() || null;
	if (seesAllRegions(user)) return want ?? undefined;
	if (want) {
		if (!user.regions.includes(want)) error(400, `Вы не можете загружать акты в регион «${want}».`);
		return want;
	}
	if (user.regions.length === 0) error(400, 'У вашей учётной записи не указан регион; обратитесь к администратору.');
	return user.regions[0];
}

/** Scope region of a task without an act (creator's or roadmap's region), for phase-2 task creation. */
export function defaultTaskScope(user: SessionUser): string | null {
	return seesAllRegions(user) ? null : (user.regions[0] ?? null);
}

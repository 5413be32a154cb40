/**
 * Append-only audit log of state changes. There is deliberately no update/delete API, and SQLite triggers
 * (migration 0004_auth) reject UPDATE and DELETE on audit_log.
 *
 * Usage from any service or route:
 *   audit(db, event, 'triage', 'finding', id, { from: 'open', to: 'confirmed', reason })
 * `actor` is the SvelteKit RequestEvent (user and client address are taken from it), a SessionUser,
 * or a string such as 'cli' / 'system' for work without a signed-in user.
 */
import { and, count, desc, eq, gte, like, lte, type SQL } from 'drizzle-orm';
import type { Db } from './db/client';
import { act, auditLog, finding, task, type AuditEntry } from './db/schema';
import type { SessionUser } from './auth/roles';

export type AuditActor =
	| { locals: { user?: SessionUser | null }; getClientAddress: () => string }
	| SessionUser
	| { login: string; id?: number | null; ip?: string | null }
	| string
	| null
	| undefined;

export const AUDIT_ACTION_RU: Record<string, string> = {
	login: 'Вход',
	login_failed: 'Неудачный вход',
	logout: 'Выход',
	import: 'Импорт акта',
	requisites: 'Правка реквизитов',
	triage: 'Разбор находки',
	task: 'Изменение задачи',
	roadmap: 'Изменение дорожной карты',
	pack: 'Изменение правил',
	user: 'Учётная запись',
	delete: 'Удаление'
};

function actorOf(actor: AuditActor): { userId: number | null; login: string; ip: string | null } {
	if (actor == null) return { userId: null, login: 'system', ip: null };
	if (typeof actor === 'string') return { userId: null, login: actor, ip: null };
	if ('locals' in actor) {
		let ip: string | null = null;
		try {
			ip = actor.getClientAddress();
		} catch {
			/* not available (tests) */
		}
		const u = actor.locals.user;
		return { userId: u?.id ?? null, login: u?.login ?? 'anonymous', ip };
	}
	return { userId: actor.id ?? null, login: actor.login, ip: 'ip' in actor ? (actor.ip ?? null) : null };
}

/** The scope region of an entity, for filtering the log by region. */
function regionOf(db: Db, entity: string | null, entityId: string | number | null): string | null {
	const id = Number(entityId);
	if (!entity || !Number.isInteger(id)) return null;
	try {
		if (entity === 'act') return db.select({ r: act.scopeRegion }).from(act).where(eq(act.id, id)).get()?.r ?? null;
		if (entity === 'finding')
			return db.select({ r: act.scopeRegion }).from(finding).innerJoin(act, eq(act.id, finding.actId)).where(eq(finding.id, id)).get()?.r ?? null;
		if (entity === 'task') {
			const row = db.select({ a: act.scopeRegion, t: task.scopeRegion }).from(task).leftJoin(act, eq(act.id, task.actId)).where(eq(task.id, id)).get();
			return row?.a ?? row?.t ?? null;
		}
	} catch {
		/* the entity table may be mid-migration; the region is only a filter aid */
	}
	return null;
}

/** Appends one entry. Call it inside the same transaction as the change when there is one. */
export function audit(
	db: Db,
	actor: AuditActor,
	action: string,
	entity: string | null = null,
	entityId: string | number | null = null,
	details: Record<string, unknown> | null = null,
	region?: string | null
): void {
	const a = actorOf(actor);
	db.insert(auditLog)
		.values({
			userId: a.userId,
			login: a.login,
			ip: a.ip,
			action,
			entity,
			entityId: entityId == null ? null : String(entityId),
			region: region !== undefined ? region : regionOf(db, entity, entityId),
			details: details ? JSON.stringify(details) : null
		})
		.run();
}

export interface AuditFilters {
	action?: string | null;
	login?: string | null;
	entity?: string | null;
	entityId?: string | null;
	region?: string | null;
	/** YYYY-MM-DD, inclusive. */
	from?: string | null;
	to?: string | null;
}

/** Filters from the /admin/audit query string. */
export function auditFiltersFromUrl(url: URL): AuditFilters {
	const g = (k: string) => url.searchParams.get(k)?.trim() || null;
	return { action: g('action'), login: g('login'), entity: g('entity'), entityId: g('entityId'), region: g('region'), from: g('from'), to: g('to') };
}

function where(f: AuditFilters): SQL | undefined {
	const w: SQL[] = [];
	if (f.action) w.push(eq(auditLog.action, f.action));
	if (f.login) w.push(eq(auditLog.login, f.login.trim().toLowerCase()));
	if (f.entity) w.push(eq(auditLog.entity, f.entity));
	if (f.entityId) w.push(eq(auditLog.entityId, f.entityId));
	if (f.region) w.push(like(auditLog.region, `${f.region}%`));
	if (f.from && /^\d{4}-\d{2}-\d{2}$/.test(f.from)) w.push(gte(auditLog.at, f.from));
	if (f.to && /^\d{4}-\d{2}-\d{2}$/.test(f.to)) w.push(lte(auditLog.at, `${f.to}T99`));
	return w.length ? and(...w) : undefined;
}

export function queryAudit(db: Db, f: AuditFilters = {}, page = { limit: 100, offset: 0 }): { rows: AuditEntry[]; total: number } {
	const cond = where(f);
	const total = db.select({ n: count() }).from(auditLog).where(cond).get()?.n ?? 0;
	const rows = db.select().from(auditLog).where(cond).orderBy(desc(auditLog.id)).limit(page.limit).offset(page.offset).all();
	return { rows, total };
}

/** A CSV cell: quoted, and neutralised against formula injection in spreadsheet programs. */
function cell(v: unknown): string {
	let s = v == null ? '' : String(v);
	if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
	return '"' + s.replace(/"/g, '""') + '"';
}

/** The log as CSV for Excel (UTF-8 with BOM, ";" separated), oldest first. */
export function auditCsv(db: Db, f: AuditFilters = {}): string {
	const rows = db.select().from(auditLog).where(where(f)).orderBy(auditLog.id).all();
	const head = ['№', 'Время (UTC)', 'Пользователь', 'IP-адрес', 'Действие', 'Объект', 'Идентификатор', 'Регион', 'Подробности'];
	const lines = [head.map(cell).join(';')];
	for (const r of rows)
		lines.push(
			[r.id, r.at, r.login, r.ip, AUDIT_ACTION_RU[r.action] ?? r.action, r.entity, r.entityId, r.region, r.details].map(cell).join(';')
		);
	return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

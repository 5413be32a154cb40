/** Local accounts: create, list, change password/role/regions, disable. */
import { asc, count, eq, inArray } from 'drizzle-orm';
import { UserError } from '../../core/errors';
import type { Db } from '../db/client';
import { session, user, userRegion } from '../db/schema';
import { hashPassword, passwordProblem } from './passwords';
import { ALL_REGION_ROLES, isRole, ROLES, type Role, type SessionUser } from './roles';

export const LOGIN_RE = /^[a-zа-яё0-9][a-zа-яё0-9._@-]{1,63}$/;

/** Logins are case-insensitive: stored and looked up in lower case. */
export function normalizeLogin(login: string): string {
	return login.trim().toLowerCase();
}

export interface NewUser {
	login: string;
	password: string;
	role: Role;
	regions?: string[];
	name?: string | null;
	demo?: boolean;
}

function cleanRegions(regions: string[] | undefined): string[] {
	return [...new Set((regions ?? []).map((r) => r.trim().replace(/\s+/g, ' ')).filter(Boolean))];
}

function validate(role: string, regions: string[]): void {
	if (!isRole(role)) throw new UserError('bad_role', `Неизвестная роль «${role}». Допустимые роли: ${ROLES.join(', ')}.`);
	if (!ALL_REGION_ROLES.includes(role) && regions.length === 0)
		throw new UserError('no_region', 'Для этой роли укажите хотя бы один регион (--region «Владимирская область»).');
}

export async function createUser(db: Db, u: NewUser): Promise<SessionUser> {
	const login = normalizeLogin(u.login);
	if (!LOGIN_RE.test(login))
		throw new UserError('bad_login', 'Имя пользователя: от 2 до 64 букв, цифр или знаков . _ - @, начиная с буквы или цифры.');
	const regions = cleanRegions(u.regions);
	validate(u.role, regions);
	const problem = passwordProblem(u.password);
	if (problem) throw new UserError('bad_password', problem);
	if (db.select({ id: user.id }).from(user).where(eq(user.login, login)).get())
		throw new UserError('exists', `Пользователь «${login}» уже существует.`);
	const passwordHash = await hashPassword(u.password);
	const id = db.transaction((tx) => {
		const row = tx
			.insert(user)
			.values({ login, name: u.name ?? null, role: u.role, passwordHash, demo: !!u.demo, passwordChangedAt: new Date().toISOString() })
			.returning({ id: user.id })
			.get();
		for (const region of regions) tx.insert(userRegion).values({ userId: row.id, region }).run();
		return row.id;
	});
	return loadUser(db, id)!;
}

export function regionsOf(db: Db, userId: number): string[] {
	return db
		.select({ region: userRegion.region })
		.from(userRegion)
		.where(eq(userRegion.userId, userId))
		.orderBy(asc(userRegion.region))
		.all()
		.map((r) => r.region);
}

/** The user as a SessionUser, or null if absent. (Disabled users are returned; callers check `disabled`.) */
export function loadUser(db: Db, id: number): (SessionUser & { disabled: boolean }) | null {
	const row = db.select().from(user).where(eq(user.id, id)).get();
	if (!row || !isRole(row.role)) return null;
	return { id: row.id, login: row.login, name: row.name, role: row.role, regions: regionsOf(db, row.id), demo: row.demo, disabled: row.disabled };
}

export function findUserByLogin(db: Db, login: string) {
	return db.select().from(user).where(eq(user.login, normalizeLogin(login))).get() ?? null;
}

function requireUserRow(db: Db, login: string) {
	const row = findUserByLogin(db, login);
	if (!row) throw new UserError('not_found', `Пользователь «${normalizeLogin(login)}» не найден.`);
	return row;
}

export function listUsers(db: Db) {
	const rows = db.select().from(user).orderBy(asc(user.login)).all();
	const regions = rows.length
		? db.select().from(userRegion).where(inArray(userRegion.userId, rows.map((r) => r.id))).all()
		: [];
	return rows.map((r) => ({
		id: r.id,
		login: r.login,
		name: r.name,
		role: r.role as Role,
		disabled: r.disabled,
		demo: r.demo,
		createdAt: r.createdAt,
		regions: regions.filter((x) => x.userId === r.id).map((x) => x.region).sort()
	}));
}

/** Sets a new password and ends all the user's sessions. */
export async function setPassword(db: Db, login: string, password: string): Promise<void> {
	const row = requireUserRow(db, login);
	const problem = passwordProblem(password);
	if (problem) throw new UserError('bad_password', problem);
	const passwordHash = await hashPassword(password);
	db.transaction((tx) => {
		tx.update(user).set({ passwordHash, demo: false, passwordChangedAt: new Date().toISOString() }).where(eq(user.id, row.id)).run();
		tx.delete(session).where(eq(session.userId, row.id)).run();
	});
}

/** Disables (or re-enables) an account; disabling ends its sessions. */
export function setDisabled(db: Db, login: string, disabled: boolean): void {
	const row = requireUserRow(db, login);
	if (disabled && row.role === 'admin' && !row.disabled && activeAdminCount(db) <= 1)
		throw new UserError('last_admin', 'Нельзя отключить единственного администратора.');
	db.transaction((tx) => {
		tx.update(user).set({ disabled }).where(eq(user.id, row.id)).run();
		if (disabled) tx.delete(session).where(eq(session.userId, row.id)).run();
	});
}

/** Changes role and regions together (both are validated as a pair). */
export function setRoleAndRegions(db: Db, login: string, role: string, regions: string[]): void {
	const row = requireUserRow(db, login);
	const clean = cleanRegions(regions);
	validate(role, clean);
	if (row.role === 'admin' && role !== 'admin' && !row.disabled && activeAdminCount(db) <= 1)
		throw new UserError('last_admin', 'Нельзя снять роль администратора с единственного администратора.');
	db.transaction((tx) => {
		tx.update(user).set({ role }).where(eq(user.id, row.id)).run();
		tx.delete(userRegion).where(eq(userRegion.userId, row.id)).run();
		for (const region of clean) tx.insert(userRegion).values({ userId: row.id, region }).run();
	});
}

export function activeAdminCount(db: Db): number {
	return db.select({ id: user.id, disabled: user.disabled }).from(user).where(eq(user.role, 'admin')).all().filter((r) => !r.disabled).length;
}

export function userCount(db: Db): number {
	return db.select({ n: count() }).from(user).get()?.n ?? 0;
}

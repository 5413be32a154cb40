/**
 * Login rate limiting, stored in the database (survives restarts, shared by all processes):
 * at most LOGIN_MAX_FAILURES failed attempts per login and IP_MAX_FAILURES per client address within WINDOW_MS.
 * A success clears the login's failures.
 */
import { and, eq, gt, lt, or } from 'drizzle-orm';
import type { Db } from '../db/client';
import { loginFailure } from '../db/schema';

export const WINDOW_MS = 15 * 60 * 1000;
export const LOGIN_MAX_FAILURES = 5;
/** Higher than per login: several colleagues may share one address (NAT of a ministry). */
export const IP_MAX_FAILURES = 30;

export interface Limit {
	allowed: boolean;
	/** Whole minutes until the next attempt is allowed (when not allowed). */
	retryAfterMin: number;
}

function check(times: string[], max: number, now: number): number {
	if (times.length < max) return 0;
	const sorted = times.map(Date.parse).sort((a, b) => a - b);
	// The oldest failure that still keeps the count at max leaves the window at:
	return sorted[sorted.length - max] + WINDOW_MS - now;
}

export function loginAllowed(db: Db, login: string, ip: string, now = Date.now()): Limit {
	const since = new Date(now - WINDOW_MS).toISOString();
	const rows = db
		.select()
		.from(loginFailure)
		.where(and(gt(loginFailure.at, since), or(eq(loginFailure.login, login), eq(loginFailure.ip, ip))))
		.all();
	const wait = Math.max(
		check(rows.filter((r) => r.login === login).map((r) => r.at), LOGIN_MAX_FAILURES, now),
		check(rows.filter((r) => r.ip === ip).map((r) => r.at), IP_MAX_FAILURES, now)
	);
	return wait > 0 ? { allowed: false, retryAfterMin: Math.max(1, Math.ceil(wait / 60_000)) } : { allowed: true, retryAfterMin: 0 };
}

export function recordFailure(db: Db, login: string, ip: string, now = Date.now()): void {
	db.insert(loginFailure).values({ login, ip, at: new Date(now).toISOString() }).run();
	// Keep the table small.
	db.delete(loginFailure).where(lt(loginFailure.at, new Date(now - 2 * WINDOW_MS).toISOString())).run();
}

export function clearFailures(db: Db, login: string): void {
	db.delete(loginFailure).where(eq(loginFailure.login, login)).run();
}

export function rateLimitMessage(retryAfterMin: number): string {
	return `Слишком много попыток входа. Попробуйте через ${retryAfterMin} мин.`;
}

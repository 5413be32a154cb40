/**
 * Sessions: a random 32-byte token in an httpOnly SameSite=Lax cookie; the database keeps only its SHA-256.
 * Sliding expiry: each use moves the expiry SESSION_TTL_MS ahead (written at most once a minute).
 */
import { createHash, randomBytes } from 'node:crypto';
import { eq, lt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { session } from '../db/schema';
import { loadUser } from './users';
import type { SessionUser } from './roles';

export const SESSION_COOKIE = 'popravka_session';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

export function createSession(db: Db, userId: number, meta: { ip?: string | null; userAgent?: string | null } = {}, now = Date.now()): { token: string; expiresAt: Date } {
	const token = randomBytes(32).toString('base64url');
	const expiresAt = new Date(now + SESSION_TTL_MS);
	db.insert(session)
		.values({
			tokenHash: hashToken(token),
			userId,
			createdAt: new Date(now).toISOString(),
			expiresAt: expiresAt.toISOString(),
			ip: meta.ip ?? null,
			userAgent: meta.userAgent?.slice(0, 300) ?? null
		})
		.run();
	return { token, expiresAt };
}

/** The user of a valid session token (sliding its expiry), or null (unknown, expired, disabled user). */
export function validateSession(db: Db, token: string | undefined | null, now = Date.now()): { user: SessionUser; expiresAt: Date } | null {
	if (!token || token.length > 100) return null;
	const tokenHash = hashToken(token);
	const row = db.select().from(session).where(eq(session.tokenHash, tokenHash)).get();
	if (!row) return null;
	const expires = Date.parse(row.expiresAt);
	if (!(expires > now)) {
		db.delete(session).where(eq(session.tokenHash, tokenHash)).run();
		return null;
	}
	const u = loadUser(db, row.userId);
	if (!u || u.disabled) {
		db.delete(session).where(eq(session.tokenHash, tokenHash)).run();
		return null;
	}
	let expiresAt = new Date(expires);
	if (now + SESSION_TTL_MS - expires > 60_000) {
		expiresAt = new Date(now + SESSION_TTL_MS);
		db.update(session).set({ expiresAt: expiresAt.toISOString() }).where(eq(session.tokenHash, tokenHash)).run();
	}
	const { disabled: _d, ...user } = u;
	return { user, expiresAt };
}

export function deleteSession(db: Db, token: string | undefined | null): void {
	if (token) db.delete(session).where(eq(session.tokenHash, hashToken(token))).run();
}

export function purgeExpiredSessions(db: Db, now = Date.now()): number {
	return db.delete(session).where(lt(session.expiresAt, new Date(now).toISOString())).run().changes;
}

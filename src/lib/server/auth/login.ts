/** The login flow shared by the /login page and tests: rate limit → verify → session, with audit entries. */
import type { Db } from '../db/client';
import { audit } from '../audit';
import { dummyHash, verifyPassword } from './passwords';
import { clearFailures, loginAllowed, rateLimitMessage, recordFailure } from './ratelimit';
import type { SessionUser } from './roles';
import { createSession } from './sessions';
import { findUserByLogin, loadUser, normalizeLogin } from './users';

export type LoginResult =
	| { ok: true; token: string; expiresAt: Date; user: SessionUser }
	| { ok: false; code: 'rate_limited' | 'invalid'; message: string };

export const INVALID_LOGIN = 'Неверное имя пользователя или пароль.';

export async function attemptLogin(
	db: Db,
	input: { login: string; password: string; ip: string; userAgent?: string | null },
	now = Date.now()
): Promise<LoginResult> {
	const login = normalizeLogin(input.login).slice(0, 64);
	const ip = input.ip || 'unknown';
	const limit = loginAllowed(db, login, ip, now);
	if (!limit.allowed) {
		audit(db, { login: login || '—', ip }, 'login_failed', 'user', null, { reason: 'rate_limited' }, null);
		return { ok: false, code: 'rate_limited', message: rateLimitMessage(limit.retryAfterMin) };
	}
	const row = login ? findUserByLogin(db, login) : null;
	// Unknown users cost a hash too, so response time does not reveal which logins exist.
	const ok = await verifyPassword(input.password, row?.passwordHash ?? (await dummyHash()));
	if (!row || !ok || row.disabled) {
		recordFailure(db, login, ip, now);
		audit(db, { login: login || '—', ip, id: row?.id ?? null }, 'login_failed', 'user', row?.id ?? null, {
			reason: !row ? 'unknown_user' : row.disabled && ok ? 'disabled' : 'bad_password'
		}, null);
		return { ok: false, code: 'invalid', message: INVALID_LOGIN };
	}
	clearFailures(db, login);
	const user = loadUser(db, row.id)!;
	const { token, expiresAt } = createSession(db, row.id, { ip, userAgent: input.userAgent }, now);
	audit(db, { login: user.login, id: user.id, ip }, 'login', 'user', user.id, null, null);
	const { disabled: _d, ...sessionUser } = user;
	return { ok: true, token, expiresAt, user: sessionUser };
}

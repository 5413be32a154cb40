import { error, json, type Handle, type ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { env } from '$env/dynamic/private';
import { ensureAdminFromEnv } from '$lib/server/auth/bootstrap';
import { entitiesFor, gateFor, isPublicPath } from '$lib/server/auth/guard';
import { isVisible, NOT_FOUND_RU } from '$lib/server/auth/scope';
import { purgeExpiredSessions, SESSION_COOKIE, validateSession } from '$lib/server/auth/sessions';
import { closeDb, getDb } from '$lib/server/db/client';
import { closePool } from '$lib/server/workers/extract-pool';
import { startJobRunner } from '$lib/server/jobs';
import { initServices } from '$lib/server/services';
import { watchFolder } from '$lib/server/watch';

/** Opens the database (applying migrations), wires services and starts background work before the first request. */
export const init: ServerInit = async () => {
	const db = getDb();
	await initServices(db);
	const runner = env.POPRAVKA_JOBS !== 'off' ? startJobRunner(db) : null;
	const watcher = env.POPRAVKA_WATCH_DIR ? watchFolder(db, env.POPRAVKA_WATCH_DIR) : null;
	await ensureAdminFromEnv(db, env);
	purgeExpiredSessions(db);
	// adapter-node emits this after SIGTERM/SIGINT once the HTTP server has closed: stop the timers so the
	// process exits (the job runner's polling timer would otherwise keep it alive forever).
	process.once('sveltekit:shutdown' as 'exit', () => {
		runner?.stop();
		watcher?.stop();
		void closePool().finally(() => closeDb());
	});
};

/** Security headers; the CSP itself comes from kit.csp in svelte.config.js. */
const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'same-origin');
	response.headers.set('X-Frame-Options', 'DENY');
	response.headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
	response.headers.set('Cross-Origin-Opener-Policy', 'same-origin');
	if (event.locals.user && !response.headers.has('Cache-Control')) response.headers.set('Cache-Control', 'private, no-store');
	return response;
};

/** Resolves the session cookie into locals.user (sliding the cookie's expiry with the session's). */
const authenticate: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.session = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const found = validateSession(getDb(), token);
		if (found) {
			event.locals.user = found.user;
			event.locals.session = { expiresAt: found.expiresAt };
			event.cookies.set(SESSION_COOKIE, token, {
				path: '/',
				httpOnly: true,
				sameSite: 'lax',
				secure: event.url.protocol === 'https:',
				expires: found.expiresAt
			});
		} else event.cookies.delete(SESSION_COOKIE, { path: '/' });
	}
	return resolve(event);
};

/** Authentication, role gates and the central region guard for id-bearing routes (see auth/guard.ts). */
const guard: Handle = async ({ event, resolve }) => {
	const { url } = event;
	if (isPublicPath(url.pathname)) return resolve(event);
	const api = url.pathname.startsWith('/api/');
	const user = event.locals.user;
	if (!user) {
		if (api || event.request.method !== 'GET') return json({ error: 'Требуется вход в систему.' }, { status: 401 });
		// A response (not a thrown redirect) so the security headers above still apply.
		return new Response(null, { status: 303, headers: { location: `/login?next=${encodeURIComponent(url.pathname + url.search)}` } });
	}
	const denied = gateFor(user, event.request.method, url);
	if (denied) {
		if (api) return json({ error: denied.message }, { status: denied.status });
		error(denied.status, denied.message);
	}
	const db = getDb();
	for (const e of entitiesFor(event.route.id, event.params, url)) {
		if (!isVisible(db, user, e.entity, e.id)) {
			if (api) return json({ error: 'Не найдено.' }, { status: 404 });
			error(404, NOT_FOUND_RU);
		}
	}
	return resolve(event);
};

export const handle: Handle = sequence(securityHeaders, authenticate, guard);

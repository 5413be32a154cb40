import type { Handle, ServerInit } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { getDb } from '$lib/server/db/client';
import { startJobRunner } from '$lib/server/jobs';
import { initServices } from '$lib/server/services';
import { watchFolder } from '$lib/server/watch';

/** Opens the database (applying migrations), wires services and starts background work before the first request. */
export const init: ServerInit = async () => {
	const db = getDb();
	await initServices(db);
	if (env.POPRAVKA_JOBS !== 'off') startJobRunner(db);
	if (env.POPRAVKA_WATCH_DIR) watchFolder(db, env.POPRAVKA_WATCH_DIR);
};

export const handle: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'same-origin');
	response.headers.set('X-Frame-Options', 'DENY');
	return response;
};

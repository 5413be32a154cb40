import type { Handle, ServerInit } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/client';
import { initServices } from '$lib/server/services';

/** Opens the database (applying migrations) and wires services before the first request. */
export const init: ServerInit = async () => {
	await initServices(getDb());
};

export const handle: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'same-origin');
	response.headers.set('X-Frame-Options', 'DENY');
	return response;
};

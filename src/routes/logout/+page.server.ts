import { redirect } from '@sveltejs/kit';
import { audit } from '$lib/server/audit';
import { deleteSession, SESSION_COOKIE } from '$lib/server/auth/sessions';
import { getDb } from '$lib/server/db/client';
import type { Actions, PageServerLoad } from './$types';

/** GET /logout does not log out (a link or prefetch must not end the session): it goes back home. */
export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async (event) => {
		const db = getDb();
		if (event.locals.user) audit(db, event, 'logout', 'user', event.locals.user.id, null, null);
		deleteSession(db, event.cookies.get(SESSION_COOKIE));
		event.cookies.delete(SESSION_COOKIE, { path: '/' });
		redirect(303, '/login');
	}
};

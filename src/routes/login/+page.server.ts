import { fail, redirect } from '@sveltejs/kit';
import { attemptLogin } from '$lib/server/auth/login';
import { SESSION_COOKIE } from '$lib/server/auth/sessions';
import { getDb } from '$lib/server/db/client';
import { user } from '$lib/server/db/schema';
import { eq } from 'drizzle-orm';
import type { Actions, PageServerLoad } from './$types';

/** Only same-site paths: never redirect to another origin after login. */
function safeNext(raw: string | null): string {
	if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\') || raw.startsWith('/login')) return '/';
	return raw;
}

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
	const demo = getDb().select({ login: user.login }).from(user).where(eq(user.demo, true)).all().length > 0;
	return { next: safeNext(url.searchParams.get('next')), demo };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const login = String(form.get('login') ?? '');
		const password = String(form.get('password') ?? '');
		const next = safeNext(String(form.get('next') ?? ''));
		if (!login.trim() || !password) return fail(400, { login, message: 'Введите имя пользователя и пароль.' });
		let ip = 'unknown';
		try {
			ip = event.getClientAddress();
		} catch {
			/* no address (tests) */
		}
		const result = await attemptLogin(getDb(), { login, password, ip, userAgent: event.request.headers.get('user-agent') });
		if (!result.ok) return fail(result.code === 'rate_limited' ? 429 : 400, { login, message: result.message });
		event.cookies.set(SESSION_COOKIE, result.token, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: event.url.protocol === 'https:',
			expires: result.expiresAt
		});
		redirect(303, next);
	}
};

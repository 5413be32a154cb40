/**
 * Who is deciding on a finding. There are no user accounts yet: the reviewer types a name once and it is kept in the
 * `reviewer` cookie. Everything goes through these two functions so that accounts can replace them later.
 */
import type { Cookies } from '@sveltejs/kit';

export const REVIEWER_COOKIE = 'reviewer';
export const DEFAULT_REVIEWER = 'юрист';

/** A signed-in account, when the app has them (read structurally: locals.user). */
export interface ReviewerAccount {
	name?: string | null;
	login?: string | null;
}

/** The account in `locals`, if any (typed loosely so this works with and without accounts). */
export function accountOf(locals: object): ReviewerAccount | null {
	const user = (locals as { user?: ReviewerAccount | null }).user;
	return user && (user.name || user.login) ? user : null;
}

/** The reviewer's name for triage decisions: the signed-in account's name, else the name typed once (cookie). */
export function currentReviewer(cookies: Cookies, account?: ReviewerAccount | null): string {
	const fromAccount = account?.name?.trim() || account?.login?.trim();
	if (fromAccount) return fromAccount.slice(0, 200);
	const v = cookies.get(REVIEWER_COOKIE)?.trim();
	return v ? v.slice(0, 200) : DEFAULT_REVIEWER;
}

/** Remembers the reviewer's name for a year (empty → back to the default). */
export function setReviewer(cookies: Cookies, name: string, url?: URL): string {
	const v = name.trim().slice(0, 200);
	if (!v) {
		cookies.delete(REVIEWER_COOKIE, { path: '/' });
		return DEFAULT_REVIEWER;
	}
	cookies.set(REVIEWER_COOKIE, v, { path: '/', maxAge: 60 * 60 * 24 * 365, httpOnly: true, sameSite: 'lax', secure: url?.protocol === 'https:' });
	return v;
}

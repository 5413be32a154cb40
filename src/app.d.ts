// See https://svelte.dev/docs/kit/types#app.d.ts
import type { SessionUser } from '$lib/server/auth/roles';

declare global {
	namespace App {
		// interface Error {}
		interface Locals {
			/** The signed-in user (null on /login and for anonymous requests, which hooks reject elsewhere). */
			user: SessionUser | null;
			/** Expiry of the current session. */
			session: { expiresAt: Date } | null;
		}
		// interface PageData {}
		// interface PageState {}
		// interface Platform {}
	}
}

export {};

import { can } from '$lib/server/auth/roles';
import { ROLE_RU } from '$lib/server/auth/roles';
import type { LayoutServerLoad } from './$types';

/** The signed-in user for the header (login, role, regions) and what the navigation may offer. */
export const load: LayoutServerLoad = ({ locals }) => {
	const u = locals.user;
	if (!u) return { user: null };
	return {
		user: {
			login: u.login,
			name: u.name,
			role: u.role,
			roleRu: ROLE_RU[u.role],
			regions: u.regions,
			allRegions: u.role === 'admin' || u.role === 'ministry',
			demo: u.demo,
			can: {
				import: can(u, 'import'),
				triage: can(u, 'triage'),
				tasks: can(u, 'tasks'),
				roadmap: can(u, 'roadmap'),
				rules: can(u, 'rules'),
				admin: can(u, 'admin')
			}
		}
	};
};

/**
 * The first accounts. Either
 *   - POPRAVKA_ADMIN_PASSWORD (+ optional POPRAVKA_ADMIN_LOGIN, default "admin") creates an admin at start
 *     when no active admin exists; or
 *   - `npm run cli -- user add admin --role admin --password-stdin`; or
 *   - the demo start (`seed`) creates DEMO_USERS with the documented passwords below on an empty user table.
 */
import { log } from '../log';
import type { Db } from '../db/client';
import { audit } from '../audit';
import type { Role } from './roles';
import { activeAdminCount, createUser, findUserByLogin, userCount } from './users';

export const DEMO_REGION = 'Владимирская область';

/** Demo accounts — FOR DEMONSTRATION ONLY; change the passwords or disable them before real use. */
export const DEMO_USERS: { login: string; password: string; role: Role; regions: string[]; name: string }[] = [
	{ login: 'admin', password: 'demo-admin', role: 'admin', regions: [], name: 'Администратор (демо)' },
	{ login: 'lawyer', password: 'demo-lawyer', role: 'lawyer', regions: [DEMO_REGION, 'Кировская область'], name: 'Юрист (демо)' },
	{ login: 'ministry', password: 'demo-ministry', role: 'ministry', regions: [], name: 'Министерство (демо)' },
	{ login: 'roadmap', password: 'demo-roadmap', role: 'roadmap', regions: [DEMO_REGION], name: 'Ответственный за дорожную карту (демо)' },
	{ login: 'viewer', password: 'demo-viewer', role: 'viewer', regions: [DEMO_REGION], name: 'Наблюдатель (демо)' }
];

/** Creates the admin named by the environment if there is no active admin yet. Returns the login created. */
export async function ensureAdminFromEnv(db: Db, env: Record<string, string | undefined>): Promise<string | null> {
	const password = env.POPRAVKA_ADMIN_PASSWORD;
	if (!password) return null;
	if (activeAdminCount(db) > 0) return null;
	const login = (env.POPRAVKA_ADMIN_LOGIN || 'admin').trim().toLowerCase();
	if (findUserByLogin(db, login)) {
		log.warn('POPRAVKA_ADMIN_PASSWORD ignored: the login exists but is not an active admin', { login });
		return null;
	}
	const u = await createUser(db, { login, password, role: 'admin', name: 'Администратор' });
	audit(db, 'system', 'user', 'user', u.id, { created: login, role: 'admin', via: 'POPRAVKA_ADMIN_PASSWORD' }, null);
	log.info('admin created from POPRAVKA_ADMIN_PASSWORD', { login });
	return login;
}

/** Creates the demo accounts when the user table is empty. Returns the accounts created. */
export async function ensureDemoUsers(db: Db): Promise<typeof DEMO_USERS> {
	if (userCount(db) > 0) return [];
	for (const d of DEMO_USERS) {
		const u = await createUser(db, { ...d, demo: true });
		audit(db, 'system', 'user', 'user', u.id, { created: d.login, role: d.role, regions: d.regions, demo: true }, null);
	}
	return DEMO_USERS;
}

/**
 * Central access rules applied in hooks.server.ts before any route runs (pure functions, unit-tested).
 *
 * 1. Authentication: every path except PUBLIC_PATHS needs a session (pages → 303 /login, /api → 401 JSON).
 * 2. Role gates by path and method (gateFor):
 *      /admin/**                         any method: admin
 *      GET/HEAD elsewhere                 any signed-in user (region scoping is done per entity / per query)
 *      POST /logout                       any signed-in user
 *      /acts, /acts/[id], /acts/[id]/edition, /api/import   writes: lawyer, admin   (import, requisites)
 *      /findings/**, /api/findings/**     writes: lawyer, admin   (triage)
 *      /tasks/**, /api/tasks/**           writes: lawyer, ministry, admin
 *      /roadmap/**, /api/roadmap/**       writes: roadmap, admin
 *      /rules ?/playground                any role but viewer (trying a text against the rules changes nothing)
 *      /rules/**, /api/rules/**           writes: admin
 *      any other write                    admin only (new write routes must be added here explicitly)
 * 3. Entity guard (entityFor): routes whose `id` param names an act, task or finding — the entity must
 *    exist and be in the user's regions, else 404:
 *      /acts/[id]/**            → act         /api/acts/[id]/**      → act
 *      /tasks/[id]/**           → task        /api/tasks/[id]/**     → task
 *      /findings/[id]/**        → finding     /api/findings/[id]/**  → finding
 *      /roadmap/[id]/**         → roadmap     /api/roadmap/[id]/**   → roadmap
 *      /api/export/comparison?act=… and any ?act= / ?actId= query parameter on GET → act
 */
import { can, type Capability, type SessionUser } from './roles';
import type { ScopedEntity } from './scope';

export const PUBLIC_PATHS = ['/login'];

export function isPublicPath(pathname: string): boolean {
	return PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(p + '/')) || pathname.startsWith('/_app/') || pathname === '/favicon.png' || pathname === '/favicon.ico' || pathname === '/robots.txt';
}

const READ = new Set(['GET', 'HEAD', 'OPTIONS']);

const WRITE_GATES: [RegExp, Capability][] = [
	[/^\/(acts)(\/|$)/, 'import'],
	[/^\/api\/(import|acts)(\/|$)/, 'import'],
	[/^\/(api\/)?findings(\/|$)/, 'triage'],
	[/^\/(api\/)?tasks(\/|$)/, 'tasks'],
	[/^\/(api\/)?roadmap(\/|$)/, 'roadmap'],
	[/^\/(api\/)?rules(\/|$)/, 'rules']
];

/** Form action name of a POST to a page (`?/name`), or null. */
function actionName(search: string): string | null {
	const m = /^\?\/([\w-]+)/.exec(search);
	return m ? m[1] : null;
}

/** null if allowed; otherwise the status and Russian message to answer with. */
export function gateFor(user: SessionUser, method: string, url: URL): { status: 403; message: string } | null {
	const path = url.pathname;
	const deny = { status: 403 as const, message: 'Недостаточно прав для этого действия.' };
	if (/^\/admin(\/|$)/.test(path)) return can(user, 'admin') ? null : deny;
	if (READ.has(method.toUpperCase())) return null;
	if (path === '/logout') return null;
	if (user.role === 'viewer') return deny;
	if (path === '/rules' && actionName(url.search) === 'playground') return null;
	for (const [re, cap] of WRITE_GATES) if (re.test(path)) return can(user, cap) ? null : deny;
	return user.role === 'admin' ? null : deny;
}

const ENTITY_ROUTES: [RegExp, ScopedEntity][] = [
	[/^\/(api\/)?acts\/\[id\]/, 'act'],
	[/^\/(api\/)?tasks\/\[id\]/, 'task'],
	[/^\/(api\/)?findings\/\[id\]/, 'finding'],
	[/^\/(api\/)?roadmap\/\[id\]/, 'roadmap']
];

/**
 * The entities a request names, to be checked for visibility: from the route's `id` param and from
 * `act` / `actId` query parameters (used by /tasks/new?act=, /api/export/comparison?act=, …).
 */
export function entitiesFor(routeId: string | null, params: Record<string, string>, url: URL): { entity: ScopedEntity; id: number }[] {
	const out: { entity: ScopedEntity; id: number }[] = [];
	if (routeId && params.id !== undefined) {
		for (const [re, entity] of ENTITY_ROUTES)
			if (re.test(routeId)) {
				out.push({ entity, id: toId(params.id) });
				break;
			}
	}
	for (const key of ['act', 'actId']) for (const v of url.searchParams.getAll(key)) if (/^\d{1,15}$/.test(v)) out.push({ entity: 'act', id: Number(v) });
	return out;
}

function toId(raw: string): number {
	return /^\d{1,15}$/.test(raw) ? Number(raw) : -1;
}

import { error } from '@sveltejs/kit';
import { todayIso } from '$lib/core/health';
import { isVisible, NOT_FOUND_RU } from '$lib/server/auth/scope';
import { can } from '$lib/server/auth/roles';
import { getDb } from '$lib/server/db/client';
import { scopeOf } from '$lib/server/exports/data';
import { listRoadmaps, roadmapView } from '$lib/server/roadmap';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url, locals }) => {
	const db = getDb();
	const today = todayIso();
	const scope = scopeOf(locals.user);
	const canImport = !locals.user || can(locals.user, 'roadmap');
	const roadmaps = listRoadmaps(db, scope.roadmap);
	const requested = Number(url.searchParams.get('id'));
	const id = Number.isInteger(requested) && requested > 0 ? requested : (roadmaps[roadmaps.length - 1]?.id ?? null);
	if (id === null) return { today, roadmaps, view: null, canImport };
	if (locals.user && !isVisible(db, locals.user, 'roadmap', id)) error(404, NOT_FOUND_RU);
	const view = roadmapView(db, id, today, scope.task);
	if (!view) error(404, 'Дорожная карта не найдена.');
	return { today, roadmaps, view, canImport };
};

import { error } from '@sveltejs/kit';
import { todayIso } from '$lib/core/health';
import { getDb } from '$lib/server/db/client';
import { listRoadmaps, roadmapView } from '$lib/server/roadmap';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => {
	const db = getDb();
	const today = todayIso();
	const roadmaps = listRoadmaps(db);
	const requested = Number(url.searchParams.get('id'));
	const id = Number.isInteger(requested) && requested > 0 ? requested : (roadmaps[roadmaps.length - 1]?.id ?? null);
	if (id === null) return { today, roadmaps, view: null };
	const view = roadmapView(db, id, today);
	if (!view) error(404, 'Дорожная карта не найдена.');
	return { today, roadmaps, view };
};

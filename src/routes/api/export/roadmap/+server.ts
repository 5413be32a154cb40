import { error } from '@sveltejs/kit';
import { todayIso } from '$lib/core/health';
import { getDb } from '$lib/server/db/client';
import { isVisible } from '$lib/server/auth/scope';
import { scopeOf } from '$lib/server/exports/data';
import { XLSX_MIME, roadmapXlsx } from '$lib/server/exports/xlsx';
import { download, idParam } from '../download';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url, locals }) => {
	const id = idParam(url, 'id');
	if (!id) error(400, 'Не указана дорожная карта (параметр id).');
	const today = todayIso();
	if (locals.user && !isVisible(getDb(), locals.user, 'roadmap', id)) error(404, 'Дорожная карта не найдена.');
	const bytes = await roadmapXlsx(getDb(), id, today, scopeOf(locals.user));
	if (!bytes) error(404, 'Дорожная карта не найдена.');
	return download(bytes, XLSX_MIME, `Дорожная_карта_${id}_${today}.xlsx`);
};

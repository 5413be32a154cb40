import { error } from '@sveltejs/kit';
import { UserError } from '$lib/core/errors';
import { getDb } from '$lib/server/db/client';
import { DOCX_MIME, comparisonDocx } from '$lib/server/exports/docx';
import { download, idParam } from '../download';
import type { RequestHandler } from './$types';

/** The сравнительная таблица of an act (?act=ID) as DOCX. */
export const GET: RequestHandler = async ({ url }) => {
	const actId = idParam(url, 'act');
	if (!actId) error(400, 'Не указан акт (параметр act).');
	try {
		return download(await comparisonDocx(getDb(), actId), DOCX_MIME, `Сравнительная_таблица_акт_${actId}.docx`);
	} catch (e) {
		if (e instanceof UserError) error(404, e.message);
		throw e;
	}
};

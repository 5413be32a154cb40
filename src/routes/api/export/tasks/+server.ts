import { todayIso } from '$lib/core/health';
import { getDb } from '$lib/server/db/client';
import { scopeOf } from '$lib/server/exports/data';
import { XLSX_MIME, tasksXlsx } from '$lib/server/exports/xlsx';
import { download } from '../download';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals }) => {
	const today = todayIso();
	return download(await tasksXlsx(getDb(), today, scopeOf(locals.user)), XLSX_MIME, `Задачи_${today}.xlsx`);
};

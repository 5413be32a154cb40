import { todayIso } from '$lib/core/health';
import { getDb } from '$lib/server/db/client';
import { XLSX_MIME, tasksXlsx } from '$lib/server/exports/xlsx';
import { download } from '../download';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => {
	const today = todayIso();
	return download(await tasksXlsx(getDb(), today), XLSX_MIME, `Задачи_${today}.xlsx`);
};

import { error } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { getDb } from '$lib/server/db/client';
import { act } from '$lib/server/db/schema';
import { scopeOf } from '$lib/server/exports/data';
import { XLSX_MIME, auditXlsx } from '$lib/server/exports/xlsx';
import { download, idParam } from '../download';
import type { RequestHandler } from './$types';

/** The audit report of one act (?act=ID) or of all acts. */
export const GET: RequestHandler = async ({ url, locals }) => {
	const db = getDb();
	const actId = idParam(url, 'act');
	if (actId && !db.select({ id: act.id }).from(act).where(eq(act.id, actId)).get()) error(404, 'Акт не найден.');
	const name = actId ? `Отчёт_о_проверке_акта_${actId}.xlsx` : 'Отчёт_о_проверке_актов.xlsx';
	return download(await auditXlsx(db, actId, scopeOf(locals.user)), XLSX_MIME, name);
};

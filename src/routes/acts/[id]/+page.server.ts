import { error, fail } from '@sveltejs/kit';
import { asc, eq } from 'drizzle-orm';
import { getAct, REQUISITE_FIELDS, updateRequisites } from '$lib/server/acts';
import { assertActVisible, requireRole, requireUser } from '$lib/server/auth/scope';
import { getDb } from '$lib/server/db/client';
import { finding } from '$lib/server/db/schema';
import type { Actions, PageServerLoad } from './$types';

function actId(raw: string): number {
	const id = Number(raw);
	if (!Number.isInteger(id) || id <= 0) error(404, 'Акт не найден');
	return id;
}

export const load: PageServerLoad = (event) => {
	const { params } = event;
	const db = getDb();
	const id = actId(params.id);
	assertActVisible(db, requireUser(event), id);
	const data = getAct(db, id);
	if (!data) error(404, 'Акт не найден');
	const findings = db
		.select()
		.from(finding)
		.where(eq(finding.actId, id))
		.orderBy(asc(finding.unitId))
		.all()
		.map((f) => ({ ...f, spans: JSON.parse(f.spans) as [number, number][] }));
	return { ...data, findings };
};

export const actions: Actions = {
	requisites: async (event) => {
		const { params, request } = event;
		const id = actId(params.id);
		assertActVisible(getDb(), requireRole(event, 'admin', 'lawyer'), id);
		const form = await request.formData();
		const values: Record<string, string | null> = {};
		for (const field of REQUISITE_FIELDS) {
			if (form.has(field)) values[field] = String(form.get(field) ?? '');
		}
		if (values.date && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) {
			return fail(400, { message: 'Дата должна быть в формате ГГГГ-ММ-ДД.', values });
		}
		if (!updateRequisites(getDb(), id, values, event)) error(404, 'Акт не найден');
		return { saved: true };
	}
};

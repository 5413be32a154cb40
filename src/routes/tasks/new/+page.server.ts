import { fail, redirect } from '@sveltejs/kit';
import { asc, eq } from 'drizzle-orm';
import { UserError } from '$lib/core/errors';
import { listActs } from '$lib/server/acts';
import { getDb } from '$lib/server/db/client';
import { act, unit } from '$lib/server/db/schema';
import { confirmedFindingsForTask, createTask, currentUser, roadmapItemsForSelect } from '$lib/server/tasks';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => {
	const db = getDb();
	const actId = Number(url.searchParams.get('act')) || null;
	const preselected = (url.searchParams.get('findings') ?? '')
		.split(',')
		.map(Number)
		.filter((n) => Number.isInteger(n) && n > 0);
	const selectedAct = actId ? (db.select({ id: act.id, kind: act.kind, date: act.date, number: act.number, title: act.title, body: act.body }).from(act).where(eq(act.id, actId)).get() ?? null) : null;
	const units = selectedAct
		? db.select({ path: unit.path, label: unit.label, text: unit.text, kind: unit.kind }).from(unit).where(eq(unit.actId, selectedAct.id)).orderBy(asc(unit.ord)).all()
		: [];
	return {
		acts: listActs(db).map((a) => ({ id: a.id, kind: a.kind, date: a.date, number: a.number, title: a.title, fileName: a.fileName })),
		selectedAct,
		units: units.filter((u) => u.kind !== 'header' && u.kind !== 'signature'),
		findings: selectedAct ? confirmedFindingsForTask(db, selectedAct.id) : [],
		preselected,
		roadmapItems: roadmapItemsForSelect(db)
	};
};

export const actions: Actions = {
	default: async ({ request, cookies, locals }) => {
		const form = await request.formData();
		const ids = (k: string) => form.getAll(k).map(Number).filter((n) => Number.isInteger(n) && n > 0);
		const values = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string').map(([k, v]) => [k, String(v)]));
		let id: number;
		try {
			id = createTask(
				getDb(),
				{
					actId: Number(form.get('actId')) || null,
					findingIds: ids('finding'),
					unitPaths: form.getAll('unit').map(String),
					title: String(form.get('title') ?? ''),
					description: String(form.get('description') ?? ''),
					responsibleBody: String(form.get('responsibleBody') ?? ''),
					responsiblePerson: String(form.get('responsiblePerson') ?? ''),
					roadmapItemId: Number(form.get('roadmapItemId')) || null,
					dueDate: String(form.get('dueDate') ?? '')
				},
				currentUser(cookies, locals)
			);
		} catch (e) {
			if (e instanceof UserError) return fail(400, { message: e.message, values });
			throw e;
		}
		redirect(303, `/tasks/${id}`);
	}
};

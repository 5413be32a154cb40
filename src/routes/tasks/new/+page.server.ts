import { fail, redirect } from '@sveltejs/kit';
import { asc, eq } from 'drizzle-orm';
import { UserError } from '$lib/core/errors';
import { listActs } from '$lib/server/acts';
import { actScope, assertActVisible, assertRoadmapVisible, requireUser, roadmapScope } from '$lib/server/auth/scope';
import { getDb } from '$lib/server/db/client';
import { act, roadmapItem, unit } from '$lib/server/db/schema';
import { confirmedFindingsForTask, createTask, currentUser, roadmapItemsForSelect } from '$lib/server/tasks';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { url } = event;
	const user = requireUser(event);
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
		acts: listActs(db, {}, actScope(user)).map((a) => ({ id: a.id, kind: a.kind, date: a.date, number: a.number, title: a.title, fileName: a.fileName })),
		selectedAct,
		units: units.filter((u) => u.kind !== 'header' && u.kind !== 'signature'),
		findings: selectedAct ? confirmedFindingsForTask(db, selectedAct.id) : [],
		preselected,
		roadmapItems: roadmapItemsForSelect(db, roadmapScope(user))
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { request, cookies, locals } = event;
		const user = requireUser(event);
		const form = await request.formData();
		const ids = (k: string) => form.getAll(k).map(Number).filter((n) => Number.isInteger(n) && n > 0);
		const values = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string').map(([k, v]) => [k, String(v)]));
		let id: number;
		// The guard checks ids in the URL only: the act and the roadmap item named in the form are checked here.
		const db = getDb();
		const formActId = Number(form.get('actId')) || null;
		if (formActId) assertActVisible(db, user, formActId);
		const itemId = Number(form.get('roadmapItemId')) || null;
		if (itemId) {
			const item = db.select({ roadmapId: roadmapItem.roadmapId }).from(roadmapItem).where(eq(roadmapItem.id, itemId)).get();
			if (item) assertRoadmapVisible(db, user, item.roadmapId);
		}
		try {
			id = createTask(
				db,
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

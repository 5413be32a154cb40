import { error, fail, redirect } from '@sveltejs/kit';
import { UserError } from '$lib/core/errors';
import { can } from '$lib/server/auth/roles';
import { getDb } from '$lib/server/db/client';
import { actSummary, compareEditions, importEdition, laterEditions, previousEditions } from '$lib/server/editions';
import { activeRules, ruleTitles } from '$lib/server/findings';
import { currentUser, noteNewEdition } from '$lib/server/tasks';
import type { Actions, PageServerLoad } from './$types';

function actId(raw: string): number {
	const id = Number(raw);
	if (!Number.isInteger(id) || id <= 0) error(404, 'Акт не найден');
	return id;
}

/** This редакция against the previous one (when there is one), the chain of редакции and the upload form. */
export const load: PageServerLoad = ({ params, url, locals }) => {
	const db = getDb();
	const id = actId(params.id);
	const current = actSummary(db, id);
	if (!current) error(404, 'Акт не найден');
	const previous = previousEditions(db, id);
	const comparison = previous.length ? compareEditions(db, previous[0].id, id) : null;
	const titles = ruleTitles(activeRules());
	const rules: Record<string, string> = {};
	for (const e of comparison?.entries ?? [])
		for (const r of [...e.findings.resolved, ...e.findings.added, ...e.findings.still]) rules[r] = titles.get(r) ?? r;
	return {
		current,
		previous,
		later: laterEditions(db, id),
		comparison,
		rules,
		canImport: locals.user ? can(locals.user, 'import') : true,
		tasks: url.searchParams.get('tasks')?.split(',').map(Number).filter(Boolean) ?? []
	};
};

export const actions: Actions = {
	/** Upload a new редакция of this act; then show it against this one. */
	upload: async ({ params, request, cookies, locals }) => {
		const id = actId(params.id);
		const form = await request.formData();
		const file = form.get('file');
		if (!(file instanceof File) || file.name === '' || file.size === 0)
			return fail(400, { message: 'Выберите файл новой редакции акта (PDF, DOCX или TXT).' });
		const db = getDb();
		let newId: number;
		let tasks: number[];
		try {
			const r = await importEdition(db, id, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
			newId = r.actId!;
			tasks = noteNewEdition(db, newId, currentUser(cookies, locals));
		} catch (e) {
			if (e instanceof UserError) return fail(400, { message: e.message });
			throw e;
		}
		redirect(303, `/acts/${newId}/edition${tasks.length ? `?tasks=${tasks.join(',')}` : ''}`);
	}
};

import { error, fail } from '@sveltejs/kit';
import { UserError } from '$lib/core/errors';
import { todayIso } from '$lib/core/health';
import { isTaskAction } from '$lib/core/tasks/workflow';
import { can } from '$lib/server/auth/roles';
import { getDb } from '$lib/server/db/client';
import { applyAction, currentUser, editTask, extendTask, getTask, justifyClause } from '$lib/server/tasks';
import type { Actions, PageServerLoad } from './$types';

function taskId(raw: string): number {
	const id = Number(raw);
	if (!Number.isInteger(id) || id <= 0) error(404, 'Задача не найдена');
	return id;
}

export const load: PageServerLoad = ({ params, cookies, locals }) => {
	try {
		const canEdit = locals.user ? can(locals.user, 'tasks') : true;
		return { ...getTask(getDb(), taskId(params.id), todayIso()), actor: currentUser(cookies, locals), canEdit };
	} catch (e) {
		if (e instanceof UserError && e.code === 'task_not_found') error(404, e.message);
		throw e;
	}
};

const str = (form: FormData, key: string) => String(form.get(key) ?? '');

/** Runs a change; a UserError becomes a 400 with the Russian message shown next to the form it came from. */
async function run(formName: string, request: Request, fn: (form: FormData) => void) {
	const form = await request.formData();
	try {
		fn(form);
	} catch (e) {
		if (e instanceof UserError) {
			const values = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
			return fail(400, { form: formName, code: e.code, message: e.message, values });
		}
		throw e;
	}
	return { form: formName, saved: true };
}

export const actions: Actions = {
	status: async ({ params, request, cookies, locals }) =>
		run('status', request, (form) => {
			const action = str(form, 'action');
			if (!isTaskAction(action)) throw new UserError('unknown_action', 'Неизвестное действие с задачей.');
			applyAction(
				getDb(),
				taskId(params.id),
				action,
				{
					comment: str(form, 'comment'),
					reason: str(form, 'reason'),
					amendKind: str(form, 'amendKind'),
					amendDate: str(form, 'amendDate'),
					amendNumber: str(form, 'amendNumber')
				},
				currentUser(cookies, locals)
			);
		}),
	extend: async ({ params, request, cookies, locals }) =>
		run('extend', request, (form) => extendTask(getDb(), taskId(params.id), str(form, 'dueDate'), str(form, 'reason'), currentUser(cookies, locals))),
	justify: async ({ params, request, cookies, locals }) =>
		run('justify', request, (form) =>
			justifyClause(getDb(), taskId(params.id), Number(form.get('clauseId')), str(form, 'justification'), currentUser(cookies, locals))
		),
	edit: async ({ params, request, cookies, locals }) =>
		run('edit', request, (form) =>
			editTask(
				getDb(),
				taskId(params.id),
				{
					title: str(form, 'title'),
					description: str(form, 'description'),
					responsibleBody: str(form, 'responsibleBody'),
					responsiblePerson: str(form, 'responsiblePerson')
				},
				currentUser(cookies, locals)
			)
		)
};

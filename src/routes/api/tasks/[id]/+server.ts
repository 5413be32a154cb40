import { error, json } from '@sveltejs/kit';
import { UserError } from '$lib/core/errors';
import { todayIso } from '$lib/core/health';
import { getDb } from '$lib/server/db/client';
import { getTask } from '$lib/server/tasks';
import type { RequestHandler } from './$types';

/** One task with its clauses, history, health and closure check. */
export const GET: RequestHandler = ({ params }) => {
	const id = Number(params.id);
	if (!Number.isInteger(id) || id <= 0) error(404, 'Задача не найдена');
	try {
		return json(getTask(getDb(), id, todayIso()));
	} catch (e) {
		if (e instanceof UserError && e.code === 'task_not_found') error(404, e.message);
		throw e;
	}
};

import { json } from '@sveltejs/kit';
import { todayIso } from '$lib/core/health';
import { requireUser, taskScope } from '$lib/server/auth/scope';
import { getDb } from '$lib/server/db/client';
import { listTasks, taskFiltersFromUrl } from '$lib/server/tasks';
import type { RequestHandler } from './$types';

/** Tasks as JSON with the same filters as /tasks (status, body, act, health). */
export const GET: RequestHandler = (event) =>
	json({ tasks: listTasks(getDb(), taskFiltersFromUrl(event.url.searchParams), todayIso(), taskScope(requireUser(event))) });

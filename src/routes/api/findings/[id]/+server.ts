import { json } from '@sveltejs/kit';
import { UserError } from '$lib/core/errors';
import { getDb } from '$lib/server/db/client';
import { confirmFinding, dismissFinding, listFindings, reopenFinding } from '$lib/server/findings';
import { accountOf, currentReviewer } from '$lib/server/findings/reviewer';
import type { RequestHandler } from './$types';

function findingId(raw: string): number | null {
	const id = Number(raw);
	return Number.isInteger(id) && id > 0 ? id : null;
}

/** One finding with its clause, act and decision. */
export const GET: RequestHandler = ({ params }) => {
	const id = findingId(params.id);
	const f = id ? listFindings(getDb(), { status: 'all', id }, 1)[0] : undefined;
	if (!f) return json({ error: 'Находка не найдена.' }, { status: 404 });
	return json(f);
};

/** Triage: {"action": "confirm" | "dismiss" | "reopen", "reason": "…"} (reason required for dismiss). */
export const POST: RequestHandler = async ({ params, request, cookies, locals }) => {
	const id = findingId(params.id);
	if (!id) return json({ error: 'Находка не найдена.' }, { status: 404 });
	let body: { action?: unknown; reason?: unknown };
	try {
		body = await request.json();
	} catch {
		return json({ error: 'Ожидается JSON: {"action": "confirm" | "dismiss" | "reopen", "reason": "…"}.' }, { status: 400 });
	}
	const who = currentReviewer(cookies, accountOf(locals));
	const db = getDb();
	try {
		const row =
			body.action === 'confirm'
				? confirmFinding(db, id, who)
				: body.action === 'dismiss'
					? dismissFinding(db, id, who, typeof body.reason === 'string' ? body.reason : '')
					: body.action === 'reopen'
						? reopenFinding(db, id, who)
						: null;
		if (!row) return json({ error: 'Неизвестное действие: ожидается confirm, dismiss или reopen.' }, { status: 400 });
		return json({ ...row, spans: JSON.parse(row.spans) });
	} catch (e) {
		if (e instanceof UserError)
			return json({ error: e.message, code: e.code }, { status: e.code === 'finding_not_found' ? 404 : 400 });
		throw e;
	}
};

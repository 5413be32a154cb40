import { json } from '@sveltejs/kit';
import { UserError } from '$lib/core/errors';
import { getDb } from '$lib/server/db/client';
import { confirmFinding, dismissFinding, listFindings, reopenFinding } from '$lib/server/findings';
import { canSeeFinding, decideAudited, scopeOf } from '$lib/server/findings/access';
import { accountOf, currentReviewer } from '$lib/server/findings/reviewer';
import type { RequestHandler } from './$types';

function findingId(raw: string): number | null {
	const id = Number(raw);
	return Number.isInteger(id) && id > 0 ? id : null;
}

/** One finding with its clause, act and decision. */
export const GET: RequestHandler = ({ params, locals }) => {
	const id = findingId(params.id);
	const f = id ? listFindings(getDb(), { status: 'all', id, scope: scopeOf(locals) }, 1)[0] : undefined;
	if (!f) return json({ error: 'Находка не найдена.' }, { status: 404 });
	return json(f);
};

/** Triage: {"action": "confirm" | "dismiss" | "reopen", "reason": "…"} (reason required for dismiss). */
export const POST: RequestHandler = async (event) => {
	const { params, request, cookies, locals } = event;
	const id = findingId(params.id);
	if (!id || !canSeeFinding(getDb(), locals, id)) return json({ error: 'Находка не найдена.' }, { status: 404 });
	let body: { action?: unknown; reason?: unknown };
	try {
		body = await request.json();
	} catch {
		return json({ error: 'Ожидается JSON: {"action": "confirm" | "dismiss" | "reopen", "reason": "…"}.' }, { status: 400 });
	}
	const who = currentReviewer(cookies, accountOf(locals));
	const db = getDb();
	try {
		const action = body.action;
		if (action !== 'confirm' && action !== 'dismiss' && action !== 'reopen')
			return json({ error: 'Неизвестное действие: ожидается confirm, dismiss или reopen.' }, { status: 400 });
		const row = decideAudited(db, event, id, () =>
			action === 'confirm'
				? confirmFinding(db, id, who)
				: action === 'dismiss'
					? dismissFinding(db, id, who, typeof body.reason === 'string' ? body.reason : '')
					: reopenFinding(db, id, who)
		);
		return json({ ...row, spans: JSON.parse(row.spans) });
	} catch (e) {
		if (e instanceof UserError)
			return json({ error: e.message, code: e.code }, { status: e.code === 'finding_not_found' ? 404 : 400 });
		throw e;
	}
};

import { fail, type RequestEvent } from '@sveltejs/kit';
import type { FindingRow } from '$lib/server/db/schema';
import { UserError } from '$lib/core/errors';
import { getDb } from '$lib/server/db/client';
import {
	confirmFinding,
	dismissFinding,
	filtersFromUrl,
	findingFacets,
	listFindings,
	reopenFinding,
	statusCounts
} from '$lib/server/findings';
import { can } from '$lib/server/auth/roles';
import { canSeeFinding, decideAudited, scopeOf } from '$lib/server/findings/access';
import { accountOf, currentReviewer, setReviewer } from '$lib/server/findings/reviewer';
import type { Actions, PageServerLoad } from './$types';

const LIMIT = 500;

export const load: PageServerLoad = ({ url, cookies, locals }) => {
	const db = getDb();
	const filters = { ...filtersFromUrl(url.searchParams), scope: scopeOf(locals) };
	const findings = listFindings(db, filters, LIMIT + 1);
	const selected = Number(url.searchParams.get('id')) || null;
	const { scope, ...plainFilters } = filters;
	return {
		findings: findings.slice(0, LIMIT),
		truncated: findings.length > LIMIT,
		counts: statusCounts(db, filters),
		facets: findingFacets(db, scope),
		filters: plainFilters,
		selected,
		reviewer: currentReviewer(cookies, accountOf(locals)),
		/** Signed in: decisions are recorded under the account, the name field is not shown. */
		reviewerFromAccount: accountOf(locals) !== null,
		/** Without accounts everyone triages; with them, only roles that may (viewers and ministry only read). */
		canTriage: locals.user ? can(locals.user, 'triage') : true
	};
};

function findingId(form: FormData): number | null {
	const id = Number(form.get('id'));
	return Number.isInteger(id) && id > 0 ? id : null;
}

/** Runs a triage decision; UserErrors become a 400 with the Russian message for the form. */
function decideAction(run: (id: number, form: FormData, reviewer: string) => FindingRow) {
	return async (event: RequestEvent) => {
		const { request, cookies, locals } = event;
		const form = await request.formData();
		const id = findingId(form);
		if (!id) return fail(400, { id: null, message: 'Не выбрана находка.' });
		const db = getDb();
		if (!canSeeFinding(db, locals, id)) return fail(404, { id, message: 'Находка не найдена.' });
		try {
			decideAudited(db, event, id, () => run(id, form, currentReviewer(cookies, accountOf(locals))));
		} catch (e) {
			if (e instanceof UserError) return fail(400, { id, code: e.code, message: e.message, reason: String(form.get('reason') ?? '') });
			throw e;
		}
		return { id, decided: true };
	};
}

export const actions: Actions = {
	confirm: decideAction((id, _form, who) => confirmFinding(getDb(), id, who)),
	dismiss: decideAction((id, form, who) => dismissFinding(getDb(), id, who, String(form.get('reason') ?? ''))),
	reopen: decideAction((id, _form, who) => reopenFinding(getDb(), id, who)),
	reviewer: async ({ request, cookies, url }) => {
		const form = await request.formData();
		const name = setReviewer(cookies, String(form.get('reviewer') ?? ''), url);
		return { reviewerSaved: name };
	}
};

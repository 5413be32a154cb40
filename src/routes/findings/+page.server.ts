import { fail, type Cookies } from '@sveltejs/kit';
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
import { accountOf, currentReviewer, setReviewer } from '$lib/server/findings/reviewer';
import type { Actions, PageServerLoad } from './$types';

const LIMIT = 500;

export const load: PageServerLoad = ({ url, cookies, locals }) => {
	const db = getDb();
	const filters = filtersFromUrl(url.searchParams);
	const findings = listFindings(db, filters, LIMIT + 1);
	const selected = Number(url.searchParams.get('id')) || null;
	return {
		findings: findings.slice(0, LIMIT),
		truncated: findings.length > LIMIT,
		counts: statusCounts(db, filters),
		facets: findingFacets(db),
		filters,
		selected,
		reviewer: currentReviewer(cookies, accountOf(locals)),
		/** Signed in: decisions are recorded under the account, the name field is not shown. */
		reviewerFromAccount: accountOf(locals) !== null
	};
};

function findingId(form: FormData): number | null {
	const id = Number(form.get('id'));
	return Number.isInteger(id) && id > 0 ? id : null;
}

/** Runs a triage decision; UserErrors become a 400 with the Russian message for the form. */
function decideAction(run: (id: number, form: FormData, reviewer: string) => void) {
	return async ({ request, cookies, locals }: { request: Request; cookies: Cookies; locals: App.Locals }) => {
		const form = await request.formData();
		const id = findingId(form);
		if (!id) return fail(400, { id: null, message: 'Не выбрана находка.' });
		try {
			run(id, form, currentReviewer(cookies, accountOf(locals)));
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

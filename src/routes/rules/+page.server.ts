import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/client';
import { activeRules, describeChange, lastSync, packStates, rulesError, ruleStats } from '$lib/server/findings';
import { scopeOf } from '$lib/server/findings/access';
import { examplesCheck, runPlayground, PLAYGROUND_MAX } from '$lib/server/findings/playground';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	const db = getDb();
	const loaded = activeRules();
	const stats = ruleStats(db, undefined, scopeOf(locals));
	const states = new Map(packStates(db).map((s) => [s.packId, s]));
	const sync = lastSync(db);
	const changed = sync?.packs.filter((p) => p.changed) ?? [];
	return {
		error: rulesError()?.message ?? null,
		packs: (loaded?.packs ?? []).map((p) => ({
			id: p.id,
			title: p.title,
			version: p.version,
			description: p.description ?? null,
			appliedAt: states.get(p.id)?.appliedAt ?? null,
			rules: p.rules.map((r) => {
				const s = stats.get(r.id);
				return {
					id: r.id,
					title: r.title,
					category: r.category,
					severity: r.severity,
					legalBasis: r.legal_basis,
					message: r.message,
					suggestedWording: r.suggested_wording,
					note: r.note ?? null,
					examples: loaded ? examplesCheck(loaded.compiled, r) : { flag: [], ok: [] },
					hits: s?.hits ?? 0,
					confirmed: s?.confirmed ?? 0,
					dismissed: s?.dismissed ?? 0,
					precision: s?.precision ?? null
				};
			})
		})),
		lastSync: sync
			? {
					appliedAt: sync.appliedAt,
					total: sync.total,
					firstRun: sync.packs.every((p) => p.fromVersion === null),
					packs: sync.packs.map((p) => `${p.title} ${p.toVersion}`),
					lines: (changed.length ? changed : sync.packs).map((p) => ({ packId: p.packId, text: describeChange(p) }))
				}
			: null
	};
};

export const actions: Actions = {
	playground: async ({ request }) => {
		const form = await request.formData();
		const text = String(form.get('text') ?? '');
		if (!text.trim()) return fail(400, { text, message: 'Вставьте текст акта или отдельного пункта.' });
		if (text.length > PLAYGROUND_MAX)
			return fail(400, { text: text.slice(0, 2000), message: `Текст слишком длинный: не более ${PLAYGROUND_MAX.toLocaleString('ru-RU')} знаков. Загрузите акт целиком в разделе «Акты».` });
		const loaded = activeRules();
		if (!loaded) return fail(500, { text, message: rulesError()?.message ?? 'Наборы правил не загружены.' });
		return { text, playground: runPlayground(loaded, text) };
	}
};

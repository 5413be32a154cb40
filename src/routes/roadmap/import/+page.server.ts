import { fail, redirect } from '@sveltejs/kit';
import { UserError } from '$lib/core/errors';
import { ROADMAP_FIELDS, guessMapping, type Mapping, type Table } from '$lib/core/roadmap/import';
import { importScopeRegion } from '$lib/server/auth/scope';
import { getDb } from '$lib/server/db/client';
import { importRoadmap, readTable } from '$lib/server/roadmap';
import type { Actions } from './$types';

const MAX_BYTES = 5 * 1024 * 1024;

interface Meta {
	title: string;
	region: string;
	approvedBy: string;
	approvedAt: string;
}

function metaOf(form: FormData, fallbackTitle = ''): Meta {
	const s = (k: string) => String(form.get(k) ?? '').trim();
	return { title: s('title') || fallbackTitle, region: s('region'), approvedBy: s('approvedBy'), approvedAt: s('approvedAt') };
}

/** The table carried between steps in a hidden field (the file itself is not stored before the import). */
function tableOf(form: FormData): Table | null {
	try {
		const t = JSON.parse(String(form.get('table') ?? '')) as Table;
		if (!Array.isArray(t.headers) || !Array.isArray(t.rows)) return null;
		return { headers: t.headers.map(String), rows: t.rows.map((r) => r.map(String)), lines: Array.isArray(t.lines) ? t.lines.map(Number) : undefined };
	} catch {
		return null;
	}
}

function mappingOf(form: FormData, headers: string[]): Mapping {
	const m = {} as Mapping;
	for (const f of ROADMAP_FIELDS) {
		const v = String(form.get(`map_${f}`) ?? '');
		const n = Number(v);
		m[f] = v !== '' && Number.isInteger(n) && n >= 0 && n < headers.length ? n : null;
	}
	return m;
}

export const actions: Actions = {
	/** Step 1: read the file, guess the mapping. Nothing is saved. */
	upload: async ({ request, locals }) => {
		const form = await request.formData();
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0 || !file.name)
			return fail(400, { message: 'Выберите файл дорожной карты: CSV или XLSX.' });
		if (file.size > MAX_BYTES) return fail(413, { message: 'Файл больше 5 МБ; дорожная карта обычно намного меньше — проверьте, тот ли это файл.' });
		try {
			const table = await readTable(file.name, new Uint8Array(await file.arrayBuffer()));
			const fallback = `Дорожная карта (${file.name.replace(/\.[^.]+$/, '')})`;
			const meta = metaOf(form, fallback);
			if (!meta.region && locals.user?.regions.length) meta.region = locals.user.regions[0];
			return { step: 'mapping' as const, fileName: file.name, table, mapping: guessMapping(table.headers), meta };
		} catch (e) {
			if (e instanceof UserError) return fail(400, { message: e.message });
			throw e;
		}
	},
	/** Without JavaScript: recompute the preview for a changed mapping. */
	preview: async ({ request }) => {
		const form = await request.formData();
		const table = tableOf(form);
		if (!table) return fail(400, { message: 'Данные файла потеряны; загрузите файл ещё раз.' });
		return { step: 'mapping' as const, fileName: String(form.get('fileName') ?? ''), table, mapping: mappingOf(form, table.headers), meta: metaOf(form) };
	},
	/** Step 3: save, all or nothing. */
	import: async ({ request, locals }) => {
		const form = await request.formData();
		const table = tableOf(form);
		if (!table) return fail(400, { message: 'Данные файла потеряны; загрузите файл ещё раз.' });
		const mapping = mappingOf(form, table.headers);
		const meta = metaOf(form);
		// A region-bound user imports into one of their regions (the page says so; see importScopeRegion).
		if (locals.user) meta.region = importScopeRegion(locals.user, meta.region) ?? meta.region;
		const fileName = String(form.get('fileName') ?? '');
		let id: number | null;
		try {
			id = importRoadmap(getDb(), meta, table, mapping).roadmapId;
		} catch (e) {
			if (e instanceof UserError) return fail(400, { step: 'mapping' as const, fileName, table, mapping, meta, message: e.message });
			throw e;
		}
		redirect(303, `/roadmap?id=${id}`);
	}
};

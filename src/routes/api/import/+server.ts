import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/client';
import { importFiles } from '$lib/server/import';
import { importScopeRegion, requireRole } from '$lib/server/auth/scope';
import type { RequestHandler } from './$types';

/**
 * POST multipart/form-data with one or more `files` and, for a lawyer with several regions, `region`;
 * returns `{ files: ImportFileReport[] }`. Lawyers and admins only (also gated in hooks).
 */
export const POST: RequestHandler = async (event) => {
	const { request } = event;
	const user = requireRole(event, 'admin', 'lawyer');
	let data: FormData;
	try {
		data = await request.formData();
	} catch {
		return json({ error: 'Ожидается форма с файлами (multipart/form-data).' }, { status: 400 });
	}
	const files = data.getAll('files').filter((f): f is File => f instanceof File);
	if (files.length === 0) return json({ error: 'Не выбран ни один файл.' }, { status: 400 });
	const inputs = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
	const scopeRegion = importScopeRegion(user, data.get('region') ? String(data.get('region')) : null);
	const report = await importFiles(getDb(), inputs, { scopeRegion, actor: event });
	return json({ files: report.files });
};

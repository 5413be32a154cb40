import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/client';
import { importFiles } from '$lib/server/import';
import type { RequestHandler } from './$types';

/** POST multipart/form-data with one or more `files`; returns `{ files: ImportFileReport[] }`. */
export const POST: RequestHandler = async ({ request }) => {
	let data: FormData;
	try {
		data = await request.formData();
	} catch {
		return json({ error: 'Ожидается форма с файлами (multipart/form-data).' }, { status: 400 });
	}
	const files = data.getAll('files').filter((f): f is File => f instanceof File);
	if (files.length === 0) return json({ error: 'Не выбран ни один файл.' }, { status: 400 });
	const inputs = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
	const report = await importFiles(getDb(), inputs);
	return json({ files: report.files });
};

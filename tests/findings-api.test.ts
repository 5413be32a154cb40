/**
 * The findings API handlers on a real SQLite file with a real act: CSV/JSON export under filters (Excel-safe CSV) and
 * the JSON triage endpoint (reason required, reviewer recorded).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb, closeDb } from '../src/lib/server/db/client';
import { listFindings, setActiveRules } from '../src/lib/server/findings';
import { importFiles } from '../src/lib/server/import';
import { loadPacks } from '../src/lib/server/rules/load';
import { initServices } from '../src/lib/server/services';
import { GET as exportFindings } from '../src/routes/api/findings/+server';
import { POST as triage } from '../src/routes/api/findings/[id]/+server';
import { ROOT, SHARED_ACTS } from './paths';

process.env.POPRAVKA_LOG = 'silent';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'popravka-findings-api-'));
process.env.DATABASE_URL = path.join(tmp, 'api.db');
afterAll(() => {
	closeDb();
	fs.rmSync(tmp, { recursive: true, force: true });
});

type ExportEvent = Parameters<typeof exportFindings>[0];
type TriageEvent = Parameters<typeof triage>[0];

type User = { id: number; login: string; name: string | null; role: 'admin' | 'lawyer'; regions: string[]; demo: boolean };
const OTHER_REGION_LAWYER: User = { id: 7, login: 'lawyer-vl', name: 'Сергеева', role: 'lawyer', regions: ['Владимирская область'], demo: false };

const exportAt = (query: string, user: User | null = null) =>
	exportFindings({ url: new URL(`http://x/api/findings?${query}`), locals: { user } } as unknown as ExportEvent);

function triageEvent(id: number, body: unknown, reviewer?: string, user: User | null = null): TriageEvent {
	return {
		params: { id: String(id) },
		request: new Request('http://x', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
		cookies: { get: (name: string) => (name === 'reviewer' ? reviewer : undefined) },
		locals: { user },
		getClientAddress: () => '127.0.0.1'
	} as unknown as TriageEvent;
}

/** Parses our CSV (every field quoted, ";" separated, CRLF rows). */
function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let i = 0;
	while (i < text.length) {
		if (text[i] !== '"') throw new Error(`unquoted field at ${i}`);
		let j = i + 1;
		let cell = '';
		for (;;) {
			if (text[j] === '"' && text[j + 1] === '"') (cell += '"'), (j += 2);
			else if (text[j] === '"') break;
			else cell += text[j++];
		}
		row.push(cell);
		i = j + 1;
		if (text[i] === ';') i++;
		else if (text.startsWith('\r\n', i)) (rows.push(row), (row = []), (i += 2));
	}
	return rows;
}

describe('findings API', () => {
	beforeAll(async () => {
		setActiveRules(loadPacks(path.join(ROOT, 'rules')));
		await initServices(getDb());
		const raw = fs.readFileSync(path.join(SHARED_ACTS, 'kirov-luza-postanovlenie-323-2022-official-accounts.txt'), 'utf8');
		const text = raw.slice(raw.indexOf('----- ТЕКСТ -----') + 17).trim();
		const r = await importFiles(getDb(), [{ name: 'kirov.txt', bytes: new TextEncoder().encode(text) }]);
		expect(r.files[0].status).toBe('imported');
	});

	it('triage through JSON: dismiss needs a reason, the reviewer cookie is recorded', async () => {
		const [f] = listFindings(getDb(), { status: 'open' });
		expect(f).toBeDefined();
		const bad = await triage(triageEvent(f.id, { action: 'dismiss', reason: '' }, 'Петров'));
		expect(bad.status).toBe(400);
		expect(await bad.json()).toMatchObject({ code: 'reason_required', error: expect.stringMatching(/Укажите причину/) });
		const unknown = await triage(triageEvent(f.id, { action: 'delete' }));
		expect(unknown.status).toBe(400);
		const missing = await triage(triageEvent(987654, { action: 'confirm' }));
		expect(missing.status).toBe(404);

		const ok = await triage(triageEvent(f.id, { action: 'dismiss', reason: '=HYPERLINK("http://evil","нажмите")' }, 'Петров'));
		expect(ok.status).toBe(200);
		expect(await ok.json()).toMatchObject({ id: f.id, status: 'dismissed', decidedBy: 'Петров' });
		const back = await triage(triageEvent(f.id, { action: 'reopen' }));
		expect(await back.json()).toMatchObject({ status: 'open', decidedBy: 'юрист', reason: null });
		await triage(triageEvent(f.id, { action: 'dismiss', reason: '=HYPERLINK("http://evil","нажмите")' }, 'Петров'));

		// Every decision is in the audit log; a lawyer of another region cannot decide on this finding.
		const audits = getDb().$client.prepare("select count(*) n from audit_log where action = 'triage' and entity_id = ?").get(String(f.id)) as { n: number };
		expect(audits.n).toBe(3);
		const foreign = await triage(triageEvent(f.id, { action: 'confirm' }, undefined, OTHER_REGION_LAWYER));
		expect(foreign.status).toBe(404);
		expect(listFindings(getDb(), { id: f.id, status: 'all' })[0].status).toBe('dismissed');
	});

	it('exports CSV for Excel (BOM, Russian headers, quoted fields, formulas neutralised) and JSON under filters', async () => {
		const res = await exportAt('status=all&format=csv');
		expect(res.headers.get('content-type')).toContain('text/csv');
		expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="popravka-findings-\d{4}-\d{2}-\d{2}\.csv"/);
		const bytes = new Uint8Array(await res.arrayBuffer());
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const rows = parseCsv(new TextDecoder().decode(bytes.subarray(3)));
		const all = listFindings(getDb(), { status: 'all' });
		expect(rows.length).toBe(all.length + 1);
		const head = rows[0];
		expect(head.slice(0, 4)).toEqual(['№ находки', 'Статус', 'Важность', 'Категория']);
		const col = (name: string) => head.indexOf(name);
		const dismissed = rows.find((r) => r[col('Статус')] === 'Ложное срабатывание')!;
		expect(dismissed[col('Причина (ложное срабатывание)')]).toBe(`'=HYPERLINK("http://evil","нажмите")`);
		expect(dismissed[col('Кто решил')]).toBe('Петров');
		const kirov = rows.find((r) => r[col('Текст пункта')].includes('"Телеграмм"'))!;
		expect(kirov[col('Выявленные слова')]).toMatch(/Телеграмм/);
		expect(kirov[col('Ссылка')]).toMatch(/^\/acts\/\d+#/);

		const open = await (await exportAt('format=json')).json();
		expect(open.count).toBe(all.filter((f) => f.status === 'open').length);
		const onlyDismissed = await (await exportAt('format=json&status=dismissed')).json();
		expect(onlyDismissed.findings.map((f: { status: string }) => f.status)).toEqual(['dismissed']);
		// A lawyer bound to another region sees none of them in the export.
		const foreign = await (await exportAt('format=json&status=all', OTHER_REGION_LAWYER)).json();
		expect(foreign.count).toBe(0);
		let status = 0;
		try {
			await exportAt('format=xml');
		} catch (e) {
			status = (e as { status: number }).status;
		}
		expect(status).toBe(400);
	});
});

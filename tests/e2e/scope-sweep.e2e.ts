/**
 * Region scoping over HTTP against the built server: a lawyer of one region tries every route of the app
 * (enumerated from src/routes, so a new route fails this test until it is added here), every API endpoint,
 * every export and the search, with the ids and the words of another region's act, finding, task and
 * roadmap. Nothing may leak: entity routes answer 404 (not 403), lists, exports, facets and search results
 * contain nothing of the other region, and writes with its ids change nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, startApp, type App } from './harness';
import { CORPUS } from '../paths';
import { routeIds } from '../routes';

/** The other region's marker: the Kirov act's body, title and text all name «Лузский» округ. */
const SECRET = /лузск/i;
const TASK_TITLE = 'Задача-маркер Кировской области';
const ROADMAP_TITLE = 'Дорожная карта Кировской области (маркер)';
const LEAKS = (s: string) => SECRET.test(s) || s.includes(TASK_TITLE) || s.includes(ROADMAP_TITLE);

/** Text of every cell of an XLSX, to look for leaked values. */
async function xlsxText(bytes: ArrayBuffer): Promise<string> {
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(bytes);
	const parts: string[] = [];
	wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => parts.push(String(c.text ?? '')))));
	return parts.join('\n');
}

describe('region scoping: every route with another region’s ids and words (HTTP)', () => {
	let app: App;
	let kirovAct = 0;
	let vladimirAct = 0;
	let kirovFinding = 0;
	let kirovTask = 0;
	let kirovRoadmap = 0;
	let kirovItem = 0;
	let actsBefore = 0;

	const q = <T>(sql: string, ...args: unknown[]): T => {
		const db = new Database(app.dbFile, { readonly: true });
		try {
			return db.prepare(sql).get(...args) as T;
		} finally {
			db.close();
		}
	};

	beforeAll(async () => {
		app = await startApp();
		for (const f of ['kirov-luza-postanovlenie-323-2022-oficialnye-akkaunty.pdf', 'vladimir-anopino-postanovlenie-39-2024-reglament-sadovyy-dom.docx']) {
			const r = cli(app.dbFile, ['import', path.join(CORPUS, f), '--json']);
			expect(r.status, r.stderr).toBe(0);
			const file = JSON.parse(r.stdout).files[0];
			if (f.startsWith('kirov')) {
				expect(file.requisites.region).toBe('Кировская область');
				kirovAct = file.actId;
			} else vladimirAct = file.actId;
		}
		// The admin confirms a Kirov finding and makes a task of it; a Kirov roadmap with an item.
		const findings = (await (await app.fetch(`/api/findings?act=${kirovAct}`)).json()) as { findings: { id: number }[] };
		expect(findings.findings.length).toBeGreaterThan(0);
		kirovFinding = findings.findings[0].id;
		expect((await app.fetch(`/api/findings/${kirovFinding}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'confirm' }) })).status).toBe(200);
		const r = cli(app.dbFile, ['roadmap', 'import', path.join(CORPUS, 'roadmaps', 'vladimir-2025.csv'), '--title', ROADMAP_TITLE, '--region', 'Кировская область']);
		expect(r.status, r.stderr + r.stdout).toBe(0);
		kirovRoadmap = q<{ id: number }>('select id from roadmap where title = ?', ROADMAP_TITLE).id;
		kirovItem = q<{ id: number }>('select id from roadmap_item where roadmap_id = ? order by id limit 1', kirovRoadmap).id;
		const form = new URLSearchParams({ actId: String(kirovAct), finding: String(kirovFinding), title: TASK_TITLE, responsibleBody: 'Администрация', dueDate: '2026-12-20', roadmapItemId: String(kirovItem) });
		const created = await app.fetch('/tasks/new', { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, body: form });
		expect(created.status, await created.clone().text()).toBe(303);
		kirovTask = Number(/\/tasks\/(\d+)/.exec(created.headers.get('location') ?? '')?.[1]);
		expect(kirovTask).toBeGreaterThan(0);
		// The admin sees what the lawyer must not: the sweep's markers are really there.
		expect(LEAKS(await (await app.fetch(`/tasks/${kirovTask}`)).text())).toBe(true);
		expect(LEAKS(await (await app.fetch('/api/search?q=' + encodeURIComponent('Лузского округа'))).text())).toBe(true);
		actsBefore = q<{ n: number }>('select count(*) n from act').n;
	});
	afterAll(async () => {
		await app?.stop();
	});

	type Check = { method?: string; url: string; body?: BodyInit; type?: string; expect: 'not-found' | 'forbidden' | 'refused' | 'no-leak' | 'no-hits' | 'xlsx-no-leak' };
	const lawyer = (c: Check) => app.fetch(c.url, { role: 'lawyer', method: c.method ?? 'GET', redirect: 'manual', body: c.body, headers: { accept: c.url.startsWith('/api/') ? 'application/json' : 'text/html', ...(c.type ? { 'content-type': c.type } : {}) } });
	const formBody = (o: Record<string, string | number>) => new URLSearchParams(Object.entries(o).map(([k, v]) => [k, String(v)]));
	const FORM = 'application/x-www-form-urlencoded';

	/** Every route → the requests a lawyer of another region makes there. Kept in step with src/routes. */
	function sweep(): Record<string, Check[]> {
		const word = encodeURIComponent('Лузского');
		return {
			'/': [{ url: '/', expect: 'no-leak' }],
			'/acts': [
				{ url: '/acts', expect: 'no-leak' },
				{ url: `/acts?q=${word}&body=${encodeURIComponent('Администрация Лузского муниципального округа Кировской области')}`, expect: 'no-leak' }
			],
			'/acts/[id]': [
				{ url: `/acts/${kirovAct}`, expect: 'not-found' },
				{ url: `/acts/${kirovAct}?q=${word}`, expect: 'not-found' },
				{ method: 'POST', url: `/acts/${kirovAct}?/requisites`, type: FORM, body: formBody({ title: 'Взлом' }), expect: 'not-found' }
			],
			'/acts/[id]/edition': [
				{ url: `/acts/${kirovAct}/edition`, expect: 'not-found' },
				{ method: 'POST', url: `/acts/${kirovAct}/edition?/upload`, body: new FormData(), expect: 'not-found' }
			],
			'/admin': [{ url: '/admin', expect: 'forbidden' }],
			'/admin/audit': [{ url: '/admin/audit', expect: 'forbidden' }],
			'/admin/audit/export': [{ url: '/admin/audit/export', expect: 'forbidden' }],
			'/api/export/audit': [
				{ url: `/api/export/audit?act=${kirovAct}`, expect: 'not-found' },
				{ url: '/api/export/audit', expect: 'xlsx-no-leak' }
			],
			'/api/export/comparison': [{ url: `/api/export/comparison?act=${kirovAct}`, expect: 'not-found' }],
			'/api/export/roadmap': [{ url: `/api/export/roadmap?id=${kirovRoadmap}`, expect: 'not-found' }],
			'/api/export/tasks': [{ url: '/api/export/tasks', expect: 'xlsx-no-leak' }],
			'/api/findings': [
				{ url: '/api/findings', expect: 'no-leak' },
				{ url: '/api/findings?format=csv', expect: 'no-leak' },
				{ url: `/api/findings?act=${kirovAct}`, expect: 'not-found' }
			],
			'/api/findings/[id]': [
				{ url: `/api/findings/${kirovFinding}`, expect: 'not-found' },
				{ method: 'POST', url: `/api/findings/${kirovFinding}`, type: 'application/json', body: JSON.stringify({ action: 'dismiss', reason: 'взлом' }), expect: 'not-found' }
			],
			'/api/import': [
				(() => {
					const fd = new FormData();
					fd.set('region', 'Кировская область');
					fd.append('files', new Blob([fs.readFileSync(path.join(CORPUS, 'krasnoyarsk-kirchizh-postanovlenie-21-2018-izmeneniya.txt'))]), 'act.txt');
					return { method: 'POST', url: '/api/import', body: fd, expect: 'refused' } as Check;
				})()
			],
			'/api/jobs': [{ url: '/api/jobs', expect: 'no-leak' }],
			'/api/search': [
				{ url: `/api/search?q=${word}`, expect: 'no-hits' },
				{ url: `/api/search?q=${encodeURIComponent('аккаунт*')}&region=${encodeURIComponent('Кировская область')}`, expect: 'no-hits' }
			],
			'/api/tasks': [
				{ url: '/api/tasks', expect: 'no-leak' },
				{ url: `/api/tasks?act=${kirovAct}`, expect: 'not-found' }
			],
			'/api/tasks/[id]': [{ url: `/api/tasks/${kirovTask}`, expect: 'not-found' }],
			'/calendar.ics': [{ url: '/calendar.ics', expect: 'no-leak' }],
			'/findings': [
				{ url: '/findings', expect: 'no-leak' },
				{ url: `/findings?id=${kirovFinding}&status=all`, expect: 'no-leak' },
				{ url: `/findings?act=${kirovAct}`, expect: 'not-found' },
				{ method: 'POST', url: '/findings?/confirm', type: FORM, body: formBody({ id: kirovFinding }), expect: 'not-found' },
				{ method: 'POST', url: '/findings?/dismiss', type: FORM, body: formBody({ id: kirovFinding, reason: 'взлом' }), expect: 'not-found' }
			],
			'/login': [{ url: '/login', expect: 'no-leak' }],
			'/logout': [{ url: '/logout', expect: 'no-leak' }],
			'/roadmap': [
				{ url: '/roadmap', expect: 'no-leak' },
				{ url: `/roadmap?id=${kirovRoadmap}`, expect: 'not-found' }
			],
			'/roadmap/import': [{ url: '/roadmap/import', expect: 'no-leak' }],
			'/rules': [{ url: '/rules', expect: 'no-leak' }],
			'/search': [
				{ url: `/search?q=${word}`, expect: 'no-leak' },
				{ url: `/search?q=${encodeURIComponent('официальных аккаунтах')}`, expect: 'no-leak' }
			],
			'/tasks': [
				{ url: '/tasks', expect: 'no-leak' },
				{ url: '/tasks?view=board', expect: 'no-leak' }
			],
			'/tasks/[id]': [
				{ url: `/tasks/${kirovTask}`, expect: 'not-found' },
				{ method: 'POST', url: `/tasks/${kirovTask}?/status`, type: FORM, body: formBody({ action: 'cancel', reason: 'взлом' }), expect: 'not-found' },
				{ method: 'POST', url: `/tasks/${kirovTask}?/extend`, type: FORM, body: formBody({ dueDate: '2027-12-31', reason: 'взлом' }), expect: 'not-found' }
			],
			'/tasks/new': [
				{ url: `/tasks/new?act=${kirovAct}`, expect: 'not-found' },
				{ url: `/tasks/new?act=${vladimirAct}&findings=${kirovFinding}`, expect: 'no-leak' },
				{ method: 'POST', url: '/tasks/new', type: FORM, body: formBody({ actId: kirovAct, title: 'Взлом', responsibleBody: 'x', dueDate: '2026-12-31' }), expect: 'not-found' },
				{ method: 'POST', url: '/tasks/new', type: FORM, body: formBody({ actId: vladimirAct, title: 'Взлом через пункт карты', responsibleBody: 'x', dueDate: '2026-12-31', roadmapItemId: kirovItem }), expect: 'not-found' }
			]
		};
	}

	it('covers every route of the app', () => {
		const routes = routeIds();
		expect(routes.length).toBeGreaterThan(20);
		expect(Object.keys(sweep()).sort()).toEqual([...routes].sort());
	});

	it('lets nothing of another region through, on any route', async () => {
		const problems: string[] = [];
		for (const [route, checks] of Object.entries(sweep())) {
			for (const c of checks) {
				const res = await lawyer(c);
				const where = `${route}: ${c.method ?? 'GET'} ${c.url} → ${res.status}`;
				if (c.expect === 'xlsx-no-leak') {
					if (res.status !== 200) problems.push(`${where} (expected 200)`);
					else if (LEAKS(await xlsxText(await res.arrayBuffer()))) problems.push(`${where}: the XLSX names the other region`);
					continue;
				}
				// The request's own words are echoed back (the search box, the filter chips): they are not a leak.
				let text = await res.text();
				for (const v of new URL(c.url, app.url).searchParams.values()) if (v.length > 3) text = text.split(v).join('');
				if (c.expect === 'not-found' && res.status !== 404) problems.push(`${where} (expected 404)`);
				if (c.expect === 'forbidden' && res.status !== 403) problems.push(`${where} (expected 403)`);
				if (c.expect === 'refused' && (res.status < 400 || res.status >= 500)) problems.push(`${where} (expected a 4xx refusal)`);
				if (c.expect === 'no-leak' && res.status >= 400) problems.push(`${where} (expected a page)`);
				if (c.expect === 'no-hits') {
					const r = JSON.parse(text) as { total: number; acts: number; facets: Record<string, unknown[]> | null };
					if (res.status !== 200 || r.total !== 0 || r.acts !== 0) problems.push(`${where}: ${r.total} hits in ${r.acts} acts (expected none)`);
					if (r.facets && Object.values(r.facets).some((v) => v.length > 0)) problems.push(`${where}: facets of the other region`);
				}
				if (LEAKS(text)) problems.push(`${where}: the response names the other region`);
			}
		}
		expect(problems).toEqual([]);
	});

	it('the attempted writes changed nothing', () => {
		expect(q<{ n: number }>('select count(*) n from act').n).toBe(actsBefore);
		expect(q<{ status: string }>('select status from finding where id = ?', kirovFinding).status).toBe('confirmed');
		const t = q<{ status: string; due_date: string }>('select status, due_date from task where id = ?', kirovTask);
		expect(t).toEqual({ status: 'control', due_date: '2026-12-20' });
		expect(q<{ title: string }>('select title from act where id = ?', kirovAct).title).toMatch(SECRET);
		expect(q<{ n: number }>("select count(*) n from task where title like 'Взлом%'").n).toBe(0);
	});

	it('the lawyer’s own region still works: the Vladimir act opens and is found', async () => {
		expect((await app.fetch(`/acts/${vladimirAct}`, { role: 'lawyer' })).status).toBe(200);
		const s = (await (await app.fetch(`/api/search?q=${encodeURIComponent('садовый дом')}`, { role: 'lawyer' })).json()) as { total: number; hits: { actId: number }[] };
		expect(s.total).toBeGreaterThan(0);
		for (const h of s.hits) expect(h.actId).toBe(vladimirAct);
	});
});

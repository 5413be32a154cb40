import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { HEALTH_RU, itemHealth, todayIso } from '../../src/lib/core/health';
import { CORPUS } from '../paths';
import * as harness from './harness';
import { launchBrowser, startApp, type App } from './harness';

const ADMIN = { login: 'admin', password: 'e2e-roadmap-admin-password' };
/** The harness's sign-in helper when it creates accounts itself (read loosely: older harnesses lack it). */
const harnessLogin = (harness as unknown as { login?: (page: Page, app: App, role?: string) => Promise<void> }).login;

/** Goes to a path, signing in through the login form when the app asks for it. */
async function visit(page: Page, url: string) {
	await page.goto(url);
	if (new URL(page.url()).pathname.startsWith('/login')) {
		await page.fill('input[name=login]', ADMIN.login);
		await page.fill('input[name=password]', ADMIN.password);
		await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.press('input[name=password]', 'Enter')]);
	}
	await page.waitForSelector('body[data-sveltekit-preload-data]');
}

const SHOTS = process.env.POPRAVKA_SCREENSHOTS ?? '/tmp';
const csv = fs.readFileSync(path.join(CORPUS, 'roadmaps', 'vladimir-2025.csv'), 'utf8');

function shift(iso: string, days: number): string {
	const d = new Date(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10) + days));
	return d.toISOString().slice(0, 10);
}

describe('roadmap, dashboard and roadmap import in Chromium', () => {
	let app: App;
	let browser: Browser;
	let page: Page;
	let sqlite: Database.Database;
	const today = todayIso();
	const q = <T>(s: string, ...p: unknown[]) => sqlite.prepare(s).get(...p) as T;

	beforeAll(async () => {
		process.env.POPRAVKA_ADMIN_LOGIN = ADMIN.login;
		process.env.POPRAVKA_ADMIN_PASSWORD = ADMIN.password;
		process.env.POPRAVKA_JOBS = 'off';
		app = await startApp({ seed: true });
		browser = await launchBrowser();
		page = await browser.newPage({ viewport: { width: 1360, height: 1000 } });
		if (harnessLogin) await harnessLogin(page, app, 'admin');
		sqlite = new Database(app.dbFile);
		// Three amendment tasks under item 2 «Внесение изменений в нормативные правовые акты»: overdue, due soon, done.
		const item2 = q<{ id: number }>("select id from roadmap_item where number = '2'").id;
		const act = q<{ id: number }>('select id from act order by id limit 1').id;
		const ins = sqlite.prepare(
			"insert into task (act_id, title, responsible_body, roadmap_item_id, due_date, baseline_date, status, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)"
		);
		const created = shift(today, -60) + 'T09:00:00.000Z';
		ins.run(act, 'Привести регламент в соответствие со 156-ФЗ', 'Министерство цифрового развития', item2, shift(today, -3), shift(today, -3), 'approval', created);
		ins.run(act, 'Исключить иностранные мессенджеры из порядка информирования', 'Министерство образования', item2, shift(today, 5), shift(today, 5), 'in_work', created);
		ins.run(act, 'Уточнить согласие на обработку персональных данных', null, item2, shift(today, -10), shift(today, -10), 'done', created);
	});
	afterAll(async () => {
		sqlite?.close();
		await browser?.close();
		await app?.stop();
	});

	it('the dashboard shows the counts, the overdue task first and the deadlines of the next 14 days', async () => {
		await visit(page, `${app.url}/`);
		const acts = q<{ n: number }>('select count(*) n from act').n;
		const open = q<{ n: number }>("select count(*) n from finding where status = 'open'").n;
		expect(acts).toBeGreaterThan(10);
		expect(await page.locator('[data-testid=tile-acts] .num').textContent()).toBe(String(acts));
		expect(await page.locator('[data-testid=tile-findings] .num').textContent()).toBe(String(open));
		expect(await page.locator('[data-testid=tile-tasks] .num').textContent()).toBe('3');
		expect(await page.locator('[data-testid=tile-tasks]').textContent()).toContain('просрочено: 1');
		const attention = page.locator('[data-testid=attention] tbody tr');
		expect(await attention.count()).toBe(2);
		expect(await attention.first().textContent()).toContain('Привести регламент в соответствие');
		expect(await attention.first().locator('[data-health]').textContent()).toBe('просрочено');
		expect(await page.locator('[data-testid=upcoming]').textContent()).toContain('Исключить иностранные мессенджеры');
		expect(await page.locator('[data-testid=upcoming]').textContent()).toContain('через 5 дней');
		const statusRows = await page.locator('[data-testid=tasks-by-status] tr').allTextContents();
		expect(statusRows.find((r) => r.startsWith('Исполнено'))).toMatch(/1$/);
		if (open > 0) expect(await page.locator('[data-testid=heatmap] tbody tr').count()).toBeGreaterThan(0);
		await page.screenshot({ path: path.join(SHOTS, 'popravka-dashboard.png'), fullPage: true });
	});

	it('/roadmap lists the Vladimir items with progress and health, and a timeline', async () => {
		await visit(page, `${app.url}/roadmap`);
		const rows = page.locator('[data-testid=roadmap-items] tbody tr');
		expect(await rows.count()).toBe(10);
		expect(await page.locator('h2').first().textContent()).toContain('Владимирской области');
		const row2 = rows.nth(1);
		expect(await row2.textContent()).toContain('Внесение изменений в нормативные правовые акты Владимирской области');
		expect(await row2.textContent()).toContain('33% · 1 из 3');
		expect(await row2.locator('[data-health]').textContent()).toBe(HEALTH_RU.overdue);
		const expected7 = HEALTH_RU[itemHealth({ dueDate: '2025-09-15', baselineDate: '2025-09-15', start: null }, [], today)];
		expect(await rows.nth(6).locator('[data-health]').textContent()).toBe(expected7);
		expect(await rows.nth(6).textContent()).toContain('15.09.2025');
		expect(await page.locator('svg.gantt g.row').count()).toBe(10);
		expect(await page.locator('.todaylabel').textContent()).toContain('сегодня');
		expect(await page.locator('a[href^="/api/export/roadmap?id="]').count()).toBe(1);
		await page.screenshot({ path: path.join(SHOTS, 'popravka-roadmap.png'), fullPage: true });
	});

	it('the import preview flags a bad row before anything is saved, and a clean file is imported', async () => {
		await visit(page, `${app.url}/roadmap/import`);
		const bad = csv.replace('15.09.2025', '31.02.2025').replace('Создание рабочих чатов исполнительных органов Владимирской области', '');
		await page.setInputFiles('#file', { name: 'карта-с-ошибками.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
		await page.click('button:has-text("Загрузить и проверить")');
		await page.waitForSelector('[data-testid=preview]');
		expect(await page.locator('select[data-field=dueDate]').inputValue()).toBe('3');
		const badRows = page.locator('[data-testid=preview] tbody tr.bad');
		expect(await badRows.count()).toBe(2);
		const line8 = page.locator('[data-testid=preview] tbody tr[data-line="8"]');
		expect(await line8.getAttribute('class')).toContain('bad');
		expect(await line8.textContent()).toContain('31.02.2025');
		expect(await line8.textContent()).toContain('такой даты нет в календаре');
		expect(await page.locator('[data-testid=preview] tbody tr[data-line="5"]').textContent()).toContain('Не заполнено поле «Мероприятие»');
		expect(await page.locator('[data-testid=preview-summary]').textContent()).toContain('строк с ошибками: 2');
		expect(await page.locator('[data-testid=do-import]').isDisabled()).toBe(true);
		await page.screenshot({ path: path.join(SHOTS, 'popravka-import-preview.png'), fullPage: true });

		// Changing the mapping updates the preview live: without the «Срок» column nothing can be imported.
		await page.selectOption('select[data-field=dueDate]', '');
		expect(await page.locator('[data-testid=mapping-errors]').textContent()).toContain('Не выбран столбец для поля «Срок»');
		expect(q<{ n: number }>('select count(*) n from roadmap').n).toBe(1);

		// A clean file: the import saves it and opens the new roadmap.
		await visit(page, `${app.url}/roadmap/import`);
		await page.setInputFiles('#file', { name: 'vladimir-2025.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
		await page.click('button:has-text("Загрузить и проверить")');
		await page.waitForSelector('[data-testid=preview]');
		expect(await page.locator('[data-testid=preview-summary]').textContent()).toContain('будет создано: 10');
		await page.fill('input[name=title]', 'Владимирская область — копия');
		await Promise.all([page.waitForURL(/\/roadmap\?id=\d+/), page.click('[data-testid=do-import]')]);
		expect(await page.locator('[data-testid=roadmap-items] tbody tr').count()).toBe(10);
		expect(await page.locator('h2').first().textContent()).toBe('Владимирская область — копия');
		expect(q<{ n: number }>('select count(*) n from roadmap').n).toBe(2);
	});

	it('the exports and the calendar feed are served with the right types', async () => {
		// The browser's session cookie, so the requests are made as the signed-in user.
		const cookie = (await page.context().cookies(app.url)).map((c) => `${c.name}=${c.value}`).join('; ');
		const fetch = (url: string) => globalThis.fetch(url, { headers: { cookie } });
		const ics = await fetch(`${app.url}/calendar.ics`);
		expect(ics.headers.get('content-type')).toContain('text/calendar');
		const text = await ics.text();
		expect(text).toContain('BEGIN:VCALENDAR');
		expect((text.match(/BEGIN:VEVENT/g) ?? []).length).toBe(2 + 20);
		const xlsx = await fetch(`${app.url}/api/export/tasks`);
		expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
		expect(xlsx.headers.get('content-disposition')).toContain("filename*=UTF-8''");
		const actId = q<{ id: number }>('select id from act order by id limit 1').id;
		const docx = await fetch(`${app.url}/api/export/comparison?act=${actId}`);
		expect(docx.status).toBe(200);
		expect(docx.headers.get('content-type')).toContain('wordprocessingml');
		expect((await fetch(`${app.url}/api/export/comparison?act=999999`)).status).toBe(404);
	});
});

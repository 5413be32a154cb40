import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { SHARED_ACTS } from '../paths';
import * as harness from './harness';
import { cli, launchBrowser, startApp, type App } from './harness';

/**
 * The whole flow in Chromium: a real act fragment plus a п. 2 that allows only a personal visit is imported, the finding
 * is confirmed in /findings, a task is created from the act page, moved through the statuses, a new редакция where
 * п. 2 allows ЕПГУ is uploaded and compared, and the task is closed as «исполнено» on that evidence.
 */
const SHOTS = process.env.POPRAVKA_SHOTS ?? '/tmp';
const RESTRICTION = 'Заявление подается только при личном обращении в администрацию.';
const FIXED = 'Заявление подается при личном обращении в администрацию либо в электронной форме через Единый портал государственных и муниципальных услуг.';

/** An act built around a real регламент fragment (Тулома, № 31): п. 1 is its real title, п. 2 is the restriction. */
function actText(point2: string): string {
	const raw = fs.readFileSync(path.join(SHARED_ACTS, 'murmansk-tuloma-postanovlenie-31-2018-reglament.txt'), 'utf8');
	const title = /^Название: (.+)$/m.exec(raw)![1].trim();
	return [
		'АДМИНИСТРАЦИЯ СЕЛЬСКОГО ПОСЕЛЕНИЯ ТУЛОМА КОЛЬСКОГО РАЙОНА',
		'ПОСТАНОВЛЕНИЕ',
		'от 25.05.2018 № 31',
		title,
		'Администрация сельского поселения Тулома постановляет:',
		`1. Утвердить ${title.replace(/^Об утверждении /, '')}.`,
		`2. ${point2}`,
		'3. Настоящее постановление вступает в силу со дня его официального опубликования.',
		'Глава администрации И. И. Иванов'
	].join('\n');
}

async function ready(page: Page) {
	await page.waitForSelector('body[data-sveltekit-preload-data]');
	await page.waitForLoadState('networkidle');
}

const ADMIN = { login: 'admin', password: 'e2e-tasks-admin-password' };

/** The harness's sign-in helper, when the harness creates accounts itself (read loosely: older harnesses lack it). */
const harnessLogin = (harness as unknown as { login?: (page: Page, app: App, role?: string) => Promise<void> }).login;

/** Signs in when the app has accounts (it redirects to /login) with the admin from the environment. */
async function signInIfAsked(page: Page) {
	if (!new URL(page.url()).pathname.startsWith('/login')) return;
	await page.fill('input[name=login]', ADMIN.login);
	await page.fill('input[name=password]', ADMIN.password);
	await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.press('input[name=password]', 'Enter')]);
	await ready(page);
}

describe('amendment task: finding → task → new редакция → closure, in Chromium', () => {
	let app: App;
	let browser: Browser;
	beforeAll(async () => {
		// The first admin when the app has accounts; no background OCR job runner (this flow needs none).
		process.env.POPRAVKA_ADMIN_PASSWORD = ADMIN.password;
		process.env.POPRAVKA_ADMIN_LOGIN = ADMIN.login;
		process.env.POPRAVKA_JOBS = 'off';
		app = await startApp();
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
		await app?.stop();
	});

	it('closes the task only on the evidence of the new редакция', async () => {
		const v1 = path.join(app.dir, 'postanovlenie-31.txt');
		const v2 = path.join(app.dir, 'postanovlenie-31-new.txt');
		fs.writeFileSync(v1, actText(RESTRICTION));
		fs.writeFileSync(v2, actText(FIXED));
		const imp = cli(app.dbFile, ['import', '--json', v1]);
		expect(imp.status, imp.stderr).toBe(0);
		const actId = JSON.parse(imp.stdout).files[0].actId as number;
		expect(actId).toBeGreaterThan(0);

		const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
		if (harnessLogin) await harnessLogin(page, app, 'admin');
		// 1. Confirm the finding on п. 2 in the triage queue.
		await page.goto(`${app.url}/findings?act=${actId}`);
		await ready(page);
		await signInIfAsked(page);
		const detail = page.locator('[data-testid=finding-detail]');
		await expect.poll(() => detail.count()).toBe(1);
		expect(await page.locator('[data-testid=clause]').textContent()).toContain('только при личном обращении');
		await page.click('[data-testid=confirm]');
		await expect.poll(() => page.locator('[data-testid=count-confirmed]').textContent(), { timeout: 10_000 }).toBe('1');

		// 2. From the act page: «Создать задачу по подтверждённым находкам».
		await page.goto(`${app.url}/acts/${actId}`);
		await ready(page);
		await page.click('text=Создать задачу по подтверждённым находкам');
		await page.waitForURL(/\/tasks\/new\?act=/);
		await ready(page);
		expect(await page.locator('input[name=finding]:checked').count()).toBe(1);
		await page.fill('input[name=responsibleBody]', 'Администрация сельского поселения Тулома');
		await page.fill('input[name=responsiblePerson]', 'Петрова А. С.');
		await page.fill('input[name=dueDate]', '2099-12-31');
		await page.click('button:has-text("Создать задачу")');
		await page.waitForURL(/\/tasks\/\d+$/);
		await ready(page);
		const taskUrl = page.url();
		const status = page.locator('[data-testid=task-status]');
		expect(await status.textContent()).toBe('На контроле');
		expect(await page.locator('.clauses a').first().getAttribute('href')).toBe(`/acts/${actId}#p-2`);

		// 3. Through the statuses: в работу → на согласование → принят (requisites required).
		await page.click('[data-testid=action-start]');
		await expect.poll(() => status.textContent()).toBe('В работе (подготовка проекта)');
		await page.click('[data-testid=action-submit]');
		await expect.poll(() => status.textContent()).toBe('На согласовании');
		await page.click('[data-testid=open-adopt]');
		await page.fill('input[name=amendKind]', 'постановление');
		await page.fill('input[name=amendDate]', '2026-10-01');
		await page.fill('input[name=amendNumber]', '45');
		await page.click('[data-testid=action-adopt]');
		await expect.poll(() => status.textContent()).toBe('Принят');
		// Not yet closable: no new редакция.
		expect(await page.locator('[data-testid=action-complete]').isDisabled()).toBe(true);
		expect(await page.locator('[data-testid=closure]').textContent()).toContain('Не загружена новая редакция');
		await page.screenshot({ path: path.join(SHOTS, 'popravka-task-adopted.png'), fullPage: true });

		// 4. Upload the new редакция on the act's edition page and see the diff.
		await page.goto(`${app.url}/acts/${actId}/edition`);
		await ready(page);
		await page.setInputFiles('[data-testid=edition-file]', v2);
		await page.click('button:has-text("Загрузить новую редакцию")');
		await page.waitForURL(/\/acts\/\d+\/edition\?tasks=/, { timeout: 60_000 });
		await ready(page);
		const changed = page.locator('[data-testid=diff-entry][data-kind=changed]');
		expect(await changed.count()).toBe(1);
		expect(await changed.locator('del').allTextContents()).toContain('только ');
		expect((await changed.locator('ins').allTextContents()).join('')).toContain('Единый портал');
		expect(await changed.textContent()).toContain('Устранено');
		await page.screenshot({ path: path.join(SHOTS, 'popravka-edition-diff.png'), fullPage: true });

		// 5. Back to the task: the closure check passes; close it as «исполнено».
		await page.goto(taskUrl);
		await ready(page);
		expect(await page.locator('[data-testid=closure]').textContent()).toContain('Исполнение подтверждено');
		await page.click('[data-testid=action-complete]');
		await expect.poll(() => status.textContent()).toBe('Исполнено');
		const history = await page.locator('[data-testid=timeline] li').allTextContents();
		expect(history.length).toBe(6);
		expect(history[0]).toContain('Принят → Исполнено');
		expect(history.some((h) => h.includes('Новая редакция акта'))).toBe(true);
		await page.screenshot({ path: path.join(SHOTS, 'popravka-task-done.png'), fullPage: true });

		// 6. The list: table and board.
		await page.goto(`${app.url}/tasks`);
		await ready(page);
		expect(await page.locator('[data-testid=tasks-table] tbody tr').count()).toBe(1);
		expect(await page.locator('[data-testid=tasks-table] tbody tr').textContent()).toContain('исполнено');
		await page.screenshot({ path: path.join(SHOTS, 'popravka-tasks.png'), fullPage: true });
		await page.click('a:has-text("Доска")');
		await page.waitForURL(/view=board/);
		expect(await page.locator('[data-testid=tasks-board] section[aria-label="Исполнено"] .card').count()).toBe(1);
		await page.screenshot({ path: path.join(SHOTS, 'popravka-tasks-board.png'), fullPage: true });
	});
});

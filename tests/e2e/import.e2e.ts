import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { FIXTURES } from '../paths';
import { launchBrowser, login, startApp, type App } from './harness';

describe('importing acts through the browser', () => {
	let app: App;
	let browser: Browser;
	beforeAll(async () => {
		app = await startApp();
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
		await app?.stop();
	});

	it('uploads a DOCX and a PDF, opens the act and follows a deep link to a пункт', async () => {
		const page = await browser.newPage();
		await login(page, app);
		await page.goto(`${app.url}/acts`);
		await page.waitForSelector('body[data-sveltekit-preload-data]');
		await page.waitForFunction(() => document.querySelector('[data-testid=file-input]') !== null);
		await page.setInputFiles('[data-testid=file-input]', [
			path.join(FIXTURES, 'reglament-autonum.docx'),
			path.join(FIXTURES, 'reglament.pdf')
		]);
		const statuses = page.locator('[data-testid=upload-status]');
		await expect.poll(() => statuses.count(), { timeout: 60_000 }).toBe(2);
		expect(await statuses.allTextContents()).toEqual(['импортирован', 'импортирован']);

		// Both acts are listed; open the DOCX one.
		await page.goto(`${app.url}/acts`);
		const rows = page.locator('[data-testid=acts-table] tbody tr');
		expect(await rows.count()).toBe(2);
		const link = page.locator('[data-testid=acts-table] tbody tr a.title').first();
		const href = await link.getAttribute('href');
		expect(href).toMatch(/^\/acts\/\d+$/);

		// Deep link to пункт 2.3: the unit is the scroll target and its text is the act's п. 2.3.
		await page.goto(`${app.url}${href}#p-2.3`);
		const target = page.locator('.unit.target');
		await expect.poll(() => target.count(), { timeout: 10_000 }).toBe(1);
		const label = await target.locator('.label').textContent();
		expect(label).toContain('п. 2.3');
		const top = await target.evaluate((el) => el.getBoundingClientRect().top);
		expect(top).toBeGreaterThanOrEqual(-2);
		expect(top).toBeLessThan(200);

		// The card shows requisites and the оглавление links to units.
		expect(await page.locator('section[aria-label="Реквизиты"] h1').textContent()).toBeTruthy();
		expect(await page.locator('nav[aria-label="Оглавление"] a').count()).toBeGreaterThan(5);
		await page.screenshot({ path: path.join(app.dir, '..', 'popravka-act.png'), fullPage: false });
	});
});

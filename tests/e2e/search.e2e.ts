import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, login, startApp, type App } from './harness';

describe('search in the browser', () => {
	let app: App;
	let browser: Browser;
	beforeAll(async () => {
		app = await startApp({ seed: true });
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
		await app?.stop();
	});

	it('finds a word in another grammatical form and lands on the highlighted clause', async () => {
		const page = await browser.newPage();
		await login(page, app);
		// The GET form works without JavaScript: the query is in the URL.
		await page.goto(`${app.url}/search?q=${encodeURIComponent('похозяйственная книга')}`);
		const results = page.locator('a[href*="/acts/"][href*="#"]');
		await expect.poll(() => results.count()).toBeGreaterThan(0);
		const body = await page.locator('main').textContent();
		// "похозяйственная книга" finds "похозяйственных книг", "похозяйственной книги" …
		expect(body).toMatch(/похозяйственн(ых|ой|ую|ая) книг/i);
		expect(await page.locator('main mark').count()).toBeGreaterThan(0);

		const href = (await results.first().getAttribute('href'))!;
		expect(href).toMatch(/^\/acts\/\d+\?q=.+#.+/);
		await results.first().click();
		await page.waitForURL(/\/acts\/\d+/);
		const anchor = decodeURIComponent(href.split('#')[1]);
		const target = page.locator(`[id="${anchor}"]`);
		expect(await target.count()).toBe(1);
		// The clause is highlighted and the hit bar offers previous/next navigation.
		await expect.poll(() => page.locator('mark.qhit').count()).toBeGreaterThan(0);
		expect(await page.locator('[data-testid=hitbar]').textContent()).toMatch(/Совпадения с запросом/);
		await page.getByRole('button', { name: 'Следующее совпадение' }).click();
		expect(await page.locator('mark.qhit.current').count()).toBe(1);
		await page.screenshot({ path: path.join(app.dir, '..', 'popravka-search-act.png') });
	});

	it('searches numbers like "210-ФЗ" and filters by вид', async () => {
		const page = await browser.newPage();
		await login(page, app);
		await page.goto(`${app.url}/search?q=${encodeURIComponent('210-ФЗ')}&kind=${encodeURIComponent('постановление')}`);
		const text = await page.locator('main').textContent();
		expect(text).toContain('210-ФЗ');
		const res = await fetch(`${app.url}/api/search?q=${encodeURIComponent('210-ФЗ')}`, { headers: { cookie: (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ') } });
		expect(res.status).toBe(200);
		const json = await res.json();
		expect(json.total).toBeGreaterThan(0);
	});
});

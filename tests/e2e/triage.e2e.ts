import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import YAML from 'yaml';
import { ROOT, SHARED_ACTS } from '../paths';
import { cli, launchBrowser, login, startApp, type App } from './harness';

/** The act text of a corpus file (after the description header). */
function actText(file: string): string {
	const raw = fs.readFileSync(path.join(SHARED_ACTS, file), 'utf8');
	return raw.slice(raw.indexOf('----- ТЕКСТ -----') + '----- ТЕКСТ -----'.length).trim();
}

const SHOTS = process.env.POPRAVKA_SHOTS ?? '/tmp';

describe('triage of findings in the browser', () => {
	let app: App;
	let browser: Browser;
	beforeAll(async () => {
		app = await startApp({ seed: true });
		// An act whose п. 1 names «Телеграмм» as a channel for official accounts, imported through the CLI.
		const file = path.join(app.dir, 'kirov-luza-323.txt');
		fs.writeFileSync(file, actText('kirov-luza-postanovlenie-323-2022-official-accounts.txt'));
		const r = cli(app.dbFile, ['import', file]);
		if (r.status !== 0) throw new Error(`import failed: ${r.stdout}\n${r.stderr}`);
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
		await app?.stop();
	});

	const detailId = (page: Page) => page.locator('[data-testid=finding-detail]').getAttribute('data-id');
	const count = async (page: Page, s: string) => Number(await page.locator(`[data-testid=count-${s}]`).textContent());

	it('moves with the keyboard, confirms one, dismisses another with a reason; decisions persist and feed /rules', async () => {
		const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
		await login(page, app);
		await page.goto(`${app.url}/findings`);
		await page.waitForSelector('body[data-sveltekit-preload-data]');
		await page.waitForFunction(() => document.querySelector('[data-testid=finding-detail]') !== null);
		const items = page.locator('[data-testid=finding-item]');
		const total = await items.count();
		expect(total).toBeGreaterThan(2);
		expect(await count(page, 'open')).toBe(total);
		expect(await page.locator('[data-testid=keyboard-hint]').textContent()).toContain('ложное срабатывание');

		// Who decides: the signed-in account, or (without accounts) a name typed once and kept in a cookie.
		let reviewer: string;
		if ((await page.locator('[data-testid=reviewer]').count()) > 0) {
			reviewer = 'Иванова А. П.';
			await page.fill('[data-testid=reviewer]', reviewer);
			await page.locator('[data-testid=reviewer]').press('Enter');
			await expect.poll(async () => (await page.context().cookies()).some((c) => c.name === 'reviewer')).toBe(true);
			await page.locator('[data-testid=reviewer]').blur();
		} else reviewer = (await page.locator('[data-testid=reviewer-name]').textContent())!.trim();

		// The clause is shown with highlighted words, and the act link points at the unit.
		expect(await page.locator('[data-testid=clause] mark').count()).toBeGreaterThan(0);
		expect(await page.locator('[data-testid=act-link]').getAttribute('href')).toMatch(/^\/acts\/\d+#[a-z0-9.\-/_~]+$/);

		// Keyboard: j / ↓ move down, k / ↑ up; the URL follows the selection.
		const first = await detailId(page);
		await page.keyboard.press('j');
		await expect.poll(() => detailId(page)).not.toBe(first);
		const second = await detailId(page);
		expect(page.url()).toContain(`id=${second}`);
		await page.keyboard.press('ArrowDown');
		await expect.poll(() => detailId(page)).not.toBe(second);
		await page.keyboard.press('k');
		await expect.poll(() => detailId(page)).toBe(second);
		await page.screenshot({ path: path.join(SHOTS, 'popravka-findings.png') });

		// c confirms the selected finding; it leaves the open queue and the next one comes up.
		const ruleOfConfirmed = (await page.locator('[data-testid=finding-detail] dd strong').first().textContent())!;
		await page.keyboard.press('c');
		await expect.poll(() => count(page, 'confirmed')).toBe(1);
		await expect.poll(() => items.count()).toBe(total - 1);
		const third = await detailId(page);
		expect(third).not.toBe(second);

		// d focuses the reason; an empty reason is refused, a reason dismisses.
		await page.keyboard.press('d');
		expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('reason');
		await page.keyboard.type('Пункт предусматривает и электронную подачу');
		await page.keyboard.press('Control+Enter');
		await expect.poll(() => count(page, 'dismissed')).toBe(1);
		await expect.poll(() => items.count()).toBe(total - 2);

		// Reload: the statuses are stored; the dismissed one is listed under its tab with who, when and why.
		await page.reload();
		expect(await count(page, 'confirmed')).toBe(1);
		expect(await count(page, 'dismissed')).toBe(1);
		await page.goto(`${app.url}/findings?status=dismissed`);
		expect(await page.locator('[data-testid=finding-detail]').getAttribute('data-id')).toBe(third);
		const decision = await page.locator('[data-testid=decision]').textContent();
		expect(decision).toContain(reviewer);
		expect(decision).toContain('Пункт предусматривает и электронную подачу');
		await page.goto(`${app.url}/findings?status=confirmed`);
		expect(await page.locator('[data-testid=finding-detail]').getAttribute('data-id')).toBe(second);

		// The export carries the decisions (CSV for Excel: BOM, Russian headers).
		const csvRes = await page.request.get(`${app.url}/api/findings?status=all&format=csv`);
		expect(csvRes.headers()['content-type']).toContain('text/csv');
		const bytes = await csvRes.body();
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const csv = bytes.toString('utf8');
		expect(csv).toContain('"Статус";"Важность";"Категория"');
		expect(csv).toContain('"Ложное срабатывание"');
		expect(csv).toContain('"Требует изменения"');
		const json = await (await page.request.get(`${app.url}/api/findings?status=dismissed&format=json`)).json();
		expect(json.findings.map((f: { id: number }) => String(f.id))).toEqual([third]);

		// /rules: the confirmed rule now has an observed precision.
		await page.goto(`${app.url}/rules`);
		const row = page.locator('[data-testid=rule-row]', { hasText: ruleOfConfirmed });
		expect(await row.count()).toBeGreaterThan(0);
		const precisions = await page.locator('[data-testid=rule-precision]').allTextContents();
		expect(precisions.some((p) => /\d+ %/.test(p))).toBe(true);
		expect(precisions.some((p) => p.includes('—'))).toBe(true);
		await page.screenshot({ path: path.join(SHOTS, 'popravka-rules.png'), fullPage: false });
		await page.close();
	});

	it('the /rules playground flags a pasted clause with highlighted words and a suggested wording', async () => {
		const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
		await login(page, app);
		await page.goto(`${app.url}/rules`);
		await page.waitForSelector('body[data-sveltekit-preload-data]');
		await page.fill('[data-testid=playground-text]', actText('kirov-luza-postanovlenie-323-2022-official-accounts.txt'));
		await page.click('[data-testid=playground-run]');
		const hits = page.locator('[data-testid=playground-finding]');
		await expect.poll(() => hits.count(), { timeout: 15_000 }).toBeGreaterThan(0);
		const marked = await page.locator('[data-testid=playground-finding] mark').allTextContents();
		expect(marked.join(' ')).toMatch(/Телеграмм/);
		await page.screenshot({ path: path.join(SHOTS, 'popravka-playground.png'), fullPage: false });
		await page.close();
	});

	it('after a pack change (reaudit with an edited pack) /rules shows the delta and the queue lists resolved findings', async () => {
		const dir = path.join(app.dir, 'rules-changed');
		fs.cpSync(path.join(ROOT, 'rules'), dir, { recursive: true });
		const file = fs.readdirSync(dir).find((f) => (YAML.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { id?: string }).id === 'foreign-messengers')!;
		const pack = YAML.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { version: string; rules: { id: string }[] };
		const from = pack.version;
		pack.rules = pack.rules.filter((r) => r.id !== 'FM-001');
		pack.version = '9.0.0';
		fs.writeFileSync(path.join(dir, file), YAML.stringify(pack));
		const r = cli(app.dbFile, ['reaudit', '--rules', dir]);
		expect(r.status).toBe(0);
		const m = /При обновлении пакета «[^»]+» (\S+) → 9\.0\.0: новых 0, снято (\d+), без изменений \d+/.exec(r.stdout);
		expect(m, r.stdout).not.toBeNull();
		expect(m![1]).toBe(from);
		const resolved = Number(m![2]);
		expect(resolved).toBeGreaterThan(0);

		const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
		await login(page, app);
		await page.goto(`${app.url}/rules`);
		expect(await page.locator('[data-testid=last-sync]').textContent()).toContain(`${from} → 9.0.0: новых 0, снято ${resolved}`);
		await page.screenshot({ path: path.join(SHOTS, 'popravka-rules-delta.png') });
		await page.goto(`${app.url}/findings?status=resolved`);
		expect(await count(page, 'resolved')).toBe(resolved);
		expect(await page.locator('[data-testid=detail-status]').textContent()).toBe('Снята');
		await page.close();
	});

	it('works without JavaScript: selecting by link and deciding with plain form posts', async () => {
		const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1400, height: 900 } });
		const page = await context.newPage();
		await login(page, app);
		await page.goto(`${app.url}/findings?status=all`);
		const items = page.locator('[data-testid=finding-item]:not([data-status=resolved]) a');
		expect(await items.count()).toBeGreaterThan(0);
		// Follow the link of the last undecided-or-decided (not resolved) item: the server renders it as selected.
		const href = (await items.last().getAttribute('href'))!;
		const id = /id=(\d+)/.exec(href)![1];
		await items.last().click();
		await page.waitForURL((u) => u.searchParams.get('id') === id);
		expect(await detailId(page)).toBe(id);
		if ((await page.locator('[data-testid=finding-detail]').getAttribute('data-status')) !== 'open') {
			await page.click('[data-testid=reopen]');
			await page.goto(`${app.url}/findings?status=all&id=${id}`);
			expect(await page.locator('[data-testid=finding-detail]').getAttribute('data-status')).toBe('open');
		}
		await page.fill('[data-testid=reason]', 'Проверено без JavaScript: ограничения нет');
		await page.click('[data-testid=dismiss]');
		await page.goto(`${app.url}/findings?status=dismissed&id=${id}`);
		expect(await detailId(page)).toBe(id);
		expect(await page.locator('[data-testid=decision]').textContent()).toContain('Проверено без JavaScript');
		await context.close();
	});
});

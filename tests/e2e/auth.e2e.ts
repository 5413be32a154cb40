/**
 * Accounts in the built app driven by Chromium: login form, wrong password, rate limiting, logout,
 * unauthenticated access, role gates, region scoping (404 for another region's act), the audit log,
 * and hostile DOCX text (script tags, event handlers) shown literally under a CSP.
 */
import path from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, launchBrowser, login, startApp, USERS, type App } from './harness';
import { CORPUS } from '../paths';

describe('accounts, roles and region scoping (e2e)', () => {
	let app: App;
	let browser: Browser;
	let altaiAct = 0;
	let vladimirAct = 0;

	beforeAll(async () => {
		app = await startApp();
		// Two real acts imported by the CLI: scope = the extracted region.
		for (const f of ['altai-minjust-prikaz-104-2018-personal-data.txt', 'vladimir-anopino-postanovlenie-39-2024-reglament-sadovyy-dom.docx']) {
			const r = cli(app.dbFile, ['import', path.join(CORPUS, f), '--json']);
			expect(r.status, r.stderr).toBe(0);
			const id = JSON.parse(r.stdout).files[0].actId as number;
			if (f.startsWith('altai')) altaiAct = id;
			else vladimirAct = id;
		}
		// An account of its own for the rate-limit test (a blocked login must not disturb the others).
		const r = cli(app.dbFile, ['user', 'add', 'locked-out', '--role', 'viewer', '--region', 'Владимирская область', '--password', 'пароль-locked']);
		expect(r.status, r.stderr).toBe(0);
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
		await app?.stop();
	});

	async function fresh(): Promise<Page> {
		const ctx = await browser.newContext();
		return ctx.newPage();
	}

	it('without a session pages redirect to /login and /api answers 401', async () => {
		const page = await fetch(`${app.url}/acts?kind=x`, { redirect: 'manual' });
		expect(page.status).toBe(303);
		expect(page.headers.get('location')).toBe('/login?next=%2Facts%3Fkind%3Dx');
		const api = await fetch(`${app.url}/api/jobs`);
		expect(api.status).toBe(401);
		expect(await api.json()).toEqual({ error: 'Требуется вход в систему.' });
		const post = await fetch(`${app.url}/api/import`, { method: 'POST', headers: { origin: app.url }, body: new FormData() });
		expect(post.status).toBe(401);
		const act = await fetch(`${app.url}/acts/${altaiAct}`, { redirect: 'manual' });
		expect(act.status).toBe(303);
	});

	it('logs in through the form (wrong password message first), shows the user, logs out', async () => {
		const page = await fresh();
		await page.goto(`${app.url}/acts`);
		expect(new URL(page.url()).pathname).toBe('/login');
		await page.fill('input[name=login]', USERS.lawyer.login);
		await page.fill('input[name=password]', 'не-тот-пароль');
		await page.click('button[type=submit]');
		await expect.poll(() => page.locator('[role=alert]').textContent()).toBe('Неверное имя пользователя или пароль.');
		await page.fill('input[name=password]', USERS.lawyer.password);
		await page.click('button[type=submit]');
		await page.waitForURL((u) => u.pathname === '/acts');
		const who = await page.locator('[data-testid=current-user]').innerText();
		expect(who).toContain(USERS.lawyer.login);
		expect(who).toContain('Юрист региона');
		expect(who).toContain('Владимирская область');
		// Cookie: httpOnly, SameSite=Lax; not readable from page scripts.
		const cookie = (await page.context().cookies()).find((c) => c.name === 'popravka_session')!;
		expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
		expect(await page.evaluate(() => document.cookie)).not.toContain('popravka_session');
		// Lawyers have no admin entry in the navigation and get 403 there.
		expect(await page.locator('nav a[href="/admin"]').count()).toBe(0);
		expect((await page.goto(`${app.url}/admin`))!.status()).toBe(403);
		await page.goto(`${app.url}/acts`);
		await page.click('form[action="/logout"] button');
		await page.waitForURL((u) => u.pathname === '/login');
		await page.goto(`${app.url}/acts`);
		expect(new URL(page.url()).pathname).toBe('/login');
		// The old token is dead on the server too.
		const res = await fetch(`${app.url}/api/jobs`, { headers: { cookie: `popravka_session=${cookie.value}` } });
		expect(res.status).toBe(401);
		await page.context().close();
	});

	it('limits failed logins: after 5 wrong passwords even the right one is refused with the wait time', async () => {
		const page = await fresh();
		await page.goto(`${app.url}/login`);
		for (let i = 0; i < 5; i++) {
			await page.fill('input[name=login]', 'locked-out');
			await page.fill('input[name=password]', `неверный-${i}`);
			await page.click('button[type=submit]');
			await expect.poll(() => page.locator('[role=alert]').textContent()).toBe('Неверное имя пользователя или пароль.');
			await page.goto(`${app.url}/login`);
		}
		await page.fill('input[name=login]', 'locked-out');
		await page.fill('input[name=password]', 'пароль-locked');
		await page.click('button[type=submit]');
		await expect.poll(() => page.locator('[role=alert]').textContent()).toMatch(/^Слишком много попыток входа\. Попробуйте через 1[45] мин\.$/);
		expect(new URL(page.url()).pathname).toBe('/login');
		// Other accounts from the same address still log in.
		await page.fill('input[name=login]', USERS.ministry.login);
		await page.fill('input[name=password]', USERS.ministry.password);
		await page.click('button[type=submit]');
		await page.waitForURL((u) => u.pathname === '/');
		await page.context().close();
	});

	it('scopes acts by region: another region’s act is 404 (page and API), the list omits it', async () => {
		const page = await fresh();
		await login(page, app, 'lawyer');
		await page.goto(`${app.url}/acts`);
		const links = await page.locator('a[href^="/acts/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
		expect(links).toContain(`/acts/${vladimirAct}`);
		expect(links).not.toContain(`/acts/${altaiAct}`);
		expect((await page.goto(`${app.url}/acts/${vladimirAct}`))!.status()).toBe(200);
		expect((await page.goto(`${app.url}/acts/${altaiAct}`))!.status()).toBe(404);
		// A non-existent id answers exactly the same.
		expect((await page.goto(`${app.url}/acts/999999`))!.status()).toBe(404);
		expect((await page.goto(`${app.url}/acts/${altaiAct}/edition`))!.status()).toBe(404);
		expect((await page.goto(`${app.url}/tasks/new?act=${altaiAct}`))!.status()).toBe(404);
		// Ministry reads every region.
		expect((await app.fetch(`/acts/${altaiAct}`, { role: 'ministry' })).status).toBe(200);
		await page.context().close();
	});

	it('gates writes by role: viewers cannot import, ministry cannot edit requisites', async () => {
		const form = new FormData();
		form.append('files', new Blob(['1. Текст.']), 'a.txt');
		const viewer = await app.fetch('/api/import', { method: 'POST', body: form, role: 'viewer' });
		expect(viewer.status).toBe(403);
		const ministry = await app.fetch(`/acts/${altaiAct}?/requisites`, {
			method: 'POST',
			role: 'ministry',
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
			body: 'number=1'
		});
		expect(ministry.status).toBe(403);
	});

	it('shows hostile DOCX text literally under a CSP; no script runs', async () => {
		const doc = new Document({
			sections: [
				{
					children: [
						new Paragraph('ПОСТАНОВЛЕНИЕ'),
						new Paragraph('от 12.03.2024 № 77'),
						new Paragraph('Об официальных страницах <script>alert(1)</script> администрации'),
						new Paragraph('1. Информировать граждан <img src=x onerror=alert(2)> через официальные страницы.'),
						new Paragraph('2. Ответ направляется в мессенджер <svg onload=alert(3)> заявителя «"><script>alert(4)</script>.'),
						new Paragraph('3. Контроль оставляю за собой.')
					]
				}
			]
		});
		const bytes = await Packer.toBuffer(doc);
		const page = await fresh();
		await login(page, app, 'lawyer');
		const dialogs: string[] = [];
		page.on('dialog', (d) => {
			dialogs.push(d.message());
			void d.dismiss();
		});
		const violations: string[] = [];
		page.on('console', (m) => {
			if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
		});
		const res = await page.goto(`${app.url}/acts`);
		const csp = res!.headers()['content-security-policy'];
		expect(csp).toContain("default-src 'self'");
		expect(csp).toContain("object-src 'none'");
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
		expect(res!.headers()['x-content-type-options']).toBe('nosniff');
		expect(res!.headers()['permissions-policy']).toContain('camera=()');
		await page.setInputFiles('[data-testid=file-input]', { name: 'hostile.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: Buffer.from(bytes) });
		const item = page.locator('[data-testid=upload-item]').first();
		await expect.poll(() => item.textContent(), { timeout: 30_000 }).toContain('импортирован');
		const href = await item.locator('a[href^="/acts/"]').getAttribute('href');
		await page.goto(app.url + href);
		const text = await page.locator('body').innerText();
		expect(text).toContain('<img src=x onerror=alert(2)>');
		expect(text).toContain('<svg onload=alert(3)>');
		expect(text).toContain('<script>alert(1)</script>');
		expect(await page.locator('main img, main svg[onload], main script').count()).toBe(0);
		await page.goto(`${app.url}/acts`);
		await page.waitForTimeout(300);
		expect(dialogs).toEqual([]);
		await page.context().close();
	});

	it('records logins, imports and failures in the audit log; admins view and export it', async () => {
		const page = await fresh();
		await login(page, app, 'admin');
		await page.goto(`${app.url}/admin/audit?login=${USERS.lawyer.login}`);
		const table = await page.locator('[data-testid=audit]').innerText();
		expect(table).toContain('Вход');
		expect(table).toContain('Неудачный вход');
		expect(table).toContain('Импорт акта');
		const res = await app.fetch('/admin/audit/export?action=login_failed');
		expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		const bytes = new Uint8Array(await res.arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM for Excel
		const csv = new TextDecoder().decode(bytes);
		expect(csv).toContain('locked-out');
		expect(csv).toContain('rate_limited');
		// The users page lists the accounts created by the harness.
		await page.goto(`${app.url}/admin`);
		expect(await page.locator('[data-testid=users]').innerText()).toContain(USERS.roadmap.login);
		expect((await app.fetch('/admin/audit', { role: 'ministry' })).status).toBe(403);
		await page.context().close();
	});
});

/** Starts the built app on a free port with its own SQLite file, and launches Debian's Chromium. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from '../paths';

export interface App {
	url: string;
	dbFile: string;
	dir: string;
	stop(): Promise<void>;
	/** Server output so far (for failure messages). */
	output(): string;
	/** fetch() with the session cookie of a signed-in user (admin unless another role is named). */
	fetch(input: string, init?: RequestInit & { role?: Role }): Promise<Response>;
}

export type Role = 'admin' | 'lawyer' | 'ministry' | 'roadmap' | 'viewer';

/**
 * Accounts startApp() creates with the CLI in every test database. Region-bound roles work in
 * E2E_REGION; admin and ministry see all regions.
 */
export const E2E_REGION = 'Владимирская область';
export const USERS: Record<Role, { login: string; password: string; regions: string[] }> = {
	admin: { login: 'e2e-admin', password: 'e2e-пароль-admin', regions: [] },
	lawyer: { login: 'e2e-lawyer', password: 'e2e-пароль-lawyer', regions: [E2E_REGION] },
	ministry: { login: 'e2e-ministry', password: 'e2e-пароль-ministry', regions: [] },
	roadmap: { login: 'e2e-roadmap', password: 'e2e-пароль-roadmap', regions: [E2E_REGION] },
	viewer: { login: 'e2e-viewer', password: 'e2e-пароль-viewer', regions: [E2E_REGION] }
};

/** Creates the USERS accounts in a database with the CLI (`user add … --password-stdin`). */
export function createUsers(dbFile: string): void {
	for (const [role, u] of Object.entries(USERS)) {
		const r = spawnSync(
			process.execPath,
			['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), 'user', 'add', u.login, '--role', role, ...u.regions.flatMap((x) => ['--region', x]), '--password-stdin'],
			{ cwd: ROOT, env: { ...process.env, DATABASE_URL: dbFile, POPRAVKA_LOG: 'silent' }, encoding: 'utf8', input: u.password + '\n' }
		);
		if (r.status !== 0) throw new Error(`user add ${u.login} failed: ${r.stderr}`);
	}
}

/** Signs in through the login form's endpoint (as a browser without JS would) and returns the session token. */
export async function sessionToken(app: Pick<App, 'url'>, login: string, password: string): Promise<string> {
	const res = await fetch(`${app.url}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: app.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ login, password, next: '/' })
	});
	const m = /popravka_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '');
	if (res.status !== 303 || !m) throw new Error(`login as ${login} failed: HTTP ${res.status}`);
	return m[1];
}

/** Signs the page's browser context in as a user of `role` (default admin). */
export async function login(page: Page, app: Pick<App, 'url'>, role: Role = 'admin'): Promise<void> {
	const token = await sessionToken(app, USERS[role].login, USERS[role].password);
	await page.context().addCookies([{ name: 'popravka_session', value: token, url: app.url, httpOnly: true, sameSite: 'Lax' }]);
}

/** A free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.listen(0, '127.0.0.1', () => {
			const port = (srv.address() as net.AddressInfo).port;
			srv.close(() => resolve(port));
		});
		srv.on('error', reject);
	});
}

/** Runs the CLI synchronously against a database file. */
export function cli(dbFile: string, args: string[]) {
	return spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), ...args], {
		cwd: ROOT,
		env: { ...process.env, DATABASE_URL: dbFile, POPRAVKA_LOG: 'silent' },
		encoding: 'utf8'
	});
}

export async function startApp(opts: { seed?: boolean } = {}): Promise<App> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'popravka-e2e-'));
	const dbFile = path.join(dir, 'test.db');
	if (opts.seed) {
		const r = cli(dbFile, ['seed']);
		if (r.status !== 0) throw new Error(`seed failed: ${r.stderr}`);
	}
	createUsers(dbFile);
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	let out = '';
	const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'build/index.js')], {
		cwd: ROOT,
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: url, DATABASE_URL: dbFile, BODY_SIZE_LIMIT: '64M' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout!.on('data', (d) => (out += d));
	child.stderr!.on('data', (d) => (out += d));
	const deadline = Date.now() + 30_000;
	for (;;) {
		try {
			const res = await fetch(`${url}/login`);
			if (res.ok) break;
		} catch {
			/* not up yet */
		}
		if (child.exitCode !== null || Date.now() > deadline) throw new Error(`app did not start:\n${out}`);
		await new Promise((r) => setTimeout(r, 150));
	}
	const tokens = new Map<Role, string>();
	return {
		url,
		dbFile,
		dir,
		output: () => out,
		async fetch(input, init = {}) {
			const role = init.role ?? 'admin';
			if (!tokens.has(role)) tokens.set(role, await sessionToken({ url }, USERS[role].login, USERS[role].password));
			const headers = new Headers(init.headers);
			headers.set('cookie', `popravka_session=${tokens.get(role)}`);
			if (init.method && init.method !== 'GET' && !headers.has('origin')) headers.set('origin', url);
			return fetch(input.startsWith('/') ? url + input : input, { ...init, headers });
		},
		async stop() {
			if (child.exitCode === null) {
				child.kill('SIGTERM');
				await new Promise((r) => child.once('exit', r));
			}
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage']
	});
}

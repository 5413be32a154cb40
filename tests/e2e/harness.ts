/** Starts the built app on a free port with its own SQLite file, and launches Debian's Chromium. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { ROOT } from '../paths';

export interface App {
	url: string;
	dbFile: string;
	dir: string;
	stop(): Promise<void>;
	/** Server output so far (for failure messages). */
	output(): string;
}

async function freePort(): Promise<number> {
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
			const res = await fetch(`${url}/acts`);
			if (res.ok) break;
		} catch {
			/* not up yet */
		}
		if (child.exitCode !== null || Date.now() > deadline) throw new Error(`app did not start:\n${out}`);
		await new Promise((r) => setTimeout(r, 150));
	}
	return {
		url,
		dbFile,
		dir,
		output: () => out,
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

/**
 * `npm run bench:load`: 50 concurrent users for 60 s (LOAD_SECONDS, LOAD_CONNECTIONS override) against the
 * built server with the demo corpus: search queries, act pages and triage decisions (JSON API), each user
 * signed in with a session of its own. Prints throughput and p50/p99 latency per kind of request and in
 * total, the errors (connection errors, timeouts, non-2xx answers: all must be 0), and — measured in the same
 * run on the same server — the baseline of the cheapest page (GET /login, no database work) with the ratio.
 *
 * The load generator runs on the same 2-core machine as the server, so absolute figures are conservative.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { freePort, sessionToken } from '../tests/e2e/harness';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 50);
const BASELINE_SECONDS = Math.max(5, Math.round(SECONDS / 6));

/** Real queries a lawyer types: single words, phrases, numbers, Latin names, prefixes, filters. */
const QUERIES = [
	'обращение', 'заявление', 'мессенджер', '"персональных данных"', 'услуги', 'регламент', 'аккаунт', 'WhatsApp',
	'ВКонтакте', 'МФЦ', '"похозяйственной книги"', 'справки', '"официальном сайте"', '"электронной форме"',
	'"Единого портала"', 'жалоба', '210-ФЗ', 'личном обращении', 'почтовым отправлением', 'бумажном носителе',
	'садовый дом', 'срок*', 'консультирование -телефон', 'Телеграм', 'уведомление заявителя'
];

function cli(dbFile: string, args: string[], input?: string) {
	const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), ...args], {
		cwd: ROOT,
		env: { ...process.env, DATABASE_URL: dbFile, POPRAVKA_LOG: 'silent', POPRAVKA_DEMO_USERS: '0' },
		encoding: 'utf8',
		input
	});
	if (r.status !== 0) throw new Error(`cli ${args.join(' ')} failed: ${r.stderr}`);
	return r.stdout;
}

function pick<T>(xs: T[], i: number): T {
	return xs[i % xs.length];
}

interface Figures {
	name: string;
	requests: number;
	rps: number;
	p50: number;
	p99: number;
	errors: number;
	timeouts: number;
	non2xx: number;
}

function figures(name: string, r: autocannon.Result): Figures {
	return {
		name,
		requests: r.requests.total,
		rps: r.requests.average,
		p50: r.latency.p50,
		p99: r.latency.p99,
		errors: r.errors,
		timeouts: r.timeouts,
		non2xx: r.non2xx
	};
}

function run(opts: autocannon.Options): Promise<autocannon.Result> {
	return new Promise((resolve, reject) => {
		autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
	});
}

async function main() {
	const built = path.join(ROOT, 'build', 'index.js');
	if (!fs.existsSync(built)) {
		console.log('Сборка приложения…');
		const b = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
		if (b.status !== 0) throw new Error('vite build failed');
	}
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'popravka-load-'));
	const dbFile = path.join(dir, 'load.db');
	let server: ChildProcess | null = null;
	try {
		console.log('Демонстрационный корпус и учётные записи…');
		cli(dbFile, ['seed']);
		// One lawyer account per simulated user: sessions of their own, all in the demo regions.
		const db = new Database(dbFile, { readonly: true });
		const regions = (db.prepare("select distinct scope_region r from act where scope_region <> 'Не определён'").all() as { r: string }[]).map((x) => x.r);
		db.close();
		const regionArgs = regions.flatMap((r) => ['--region', r]);
		const users = Array.from({ length: CONNECTIONS }, (_, i) => ({ login: `load-${i}`, password: `load-password-${i}` }));
		for (const u of users) cli(dbFile, ['user', 'add', u.login, '--role', 'lawyer', ...regionArgs, '--password-stdin'], u.password + '\n');

		const port = await freePort();
		const url = `http://127.0.0.1:${port}`;
		server = spawn(process.execPath, [built], {
			cwd: ROOT,
			env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: url, DATABASE_URL: dbFile, POPRAVKA_LOG: 'warn' },
			stdio: ['ignore', 'ignore', 'inherit']
		});
		for (let t = Date.now(); ; ) {
			try {
				if ((await fetch(`${url}/login`)).ok) break;
			} catch {
				/* starting */
			}
			if (Date.now() - t > 30_000) throw new Error('server did not start');
			await new Promise((r) => setTimeout(r, 200));
		}
		const tokens: string[] = [];
		for (const u of users) tokens.push(await sessionToken({ url }, u.login, u.password));

		const ro = new Database(dbFile, { readonly: true });
		// Only what the users may see (acts of an undetermined region are the admin's to assign).
		const inRegions = `(${regions.map(() => '?').join(', ')})`;
		const acts = (ro.prepare(`select id from act where scope_region in ${inRegions}`).all(...regions) as { id: number }[]).map((r) => r.id);
		const findings = (ro.prepare(`select f.id from finding f join act a on a.id = f.act_id where a.scope_region in ${inRegions}`).all(...regions) as { id: number }[]).map((r) => r.id);
		ro.close();
		if (acts.length === 0 || findings.length === 0) throw new Error('the demo corpus has no acts or findings');
		console.log(`Сервер: ${acts.length} актов, ${findings.length} находок; ${CONNECTIONS} пользователей, ${SECONDS} с.`);

		// Baseline: the cheapest page of the same server, same connection count.
		const base = await run({ url: `${url}/login`, connections: CONNECTIONS, duration: BASELINE_SECONDS });

		// The mix: 40 % of the connections search, 40 % open act pages, 20 % triage; requests carry the users' sessions in turn.
		const share = (p: number) => Math.max(1, Math.round(CONNECTIONS * p));
		const nSearch = share(0.4);
		const nActs = share(0.4);
		const nTriage = Math.max(1, CONNECTIONS - nSearch - nActs);
		let counter = 0;
		const cookie = (i: number) => ({ cookie: `popravka_session=${tokens[i % tokens.length]}` });
		const searchRun = run({
			url,
			connections: nSearch,
			duration: SECONDS,
			requests: [{ setupRequest: (req) => ({ ...req, method: 'GET', path: `/search?q=${encodeURIComponent(pick(QUERIES, counter++))}`, headers: { ...req.headers, ...cookie(counter) } }) }]
		});
		const actRun = run({
			url,
			connections: nActs,
			duration: SECONDS,
			requests: [{ setupRequest: (req) => ({ ...req, method: 'GET', path: `/acts/${pick(acts, counter++)}`, headers: { ...req.headers, ...cookie(nSearch + counter) } }) }]
		});
		const actions = ['confirm', 'reopen', 'dismiss', 'reopen'];
		const triageRun = run({
			url,
			connections: nTriage,
			duration: SECONDS,
			requests: [
				{
					setupRequest: (req) => {
						const n = counter++;
						const action = pick(actions, n);
						return {
							...req,
							method: 'POST',
							path: `/api/findings/${pick(findings, n)}`,
							headers: { ...req.headers, ...cookie(nSearch + nActs + n), origin: url, 'content-type': 'application/json' },
							body: JSON.stringify(action === 'dismiss' ? { action, reason: 'нагрузочный тест' } : { action })
						};
					}
				}
			]
		});
		const [s, a, t] = await Promise.all([searchRun, actRun, triageRun]);
		const rows = [figures('поиск /search', s), figures('страница акта /acts/[id]', a), figures('решение по находке POST /api/findings/[id]', t)];
		const total: Figures = {
			name: 'всего',
			requests: rows.reduce((x, r) => x + r.requests, 0),
			rps: rows.reduce((x, r) => x + r.rps, 0),
			p50: Math.max(...rows.map((r) => r.p50)),
			p99: Math.max(...rows.map((r) => r.p99)),
			errors: rows.reduce((x, r) => x + r.errors, 0),
			timeouts: rows.reduce((x, r) => x + r.timeouts, 0),
			non2xx: rows.reduce((x, r) => x + r.non2xx, 0)
		};
		const baseline = figures('база: GET /login', base);
		const pad = (v: string | number, n: number) => String(v).padStart(n);
		console.log(`\n${'запросы'.padEnd(44)}${pad('всего', 8)}${pad('запр./с', 9)}${pad('p50, мс', 9)}${pad('p99, мс', 9)}${pad('ошибки', 8)}${pad('тайм-ауты', 10)}${pad('не 2xx', 8)}`);
		for (const r of [...rows, total, baseline])
			console.log(`${r.name.padEnd(44)}${pad(r.requests, 8)}${pad(r.rps.toFixed(0), 9)}${pad(r.p50, 9)}${pad(r.p99, 9)}${pad(r.errors, 8)}${pad(r.timeouts, 10)}${pad(r.non2xx, 8)}`);
		console.log(`\nОтношение к базе (${CONNECTIONS} соединений, GET /login, ${BASELINE_SECONDS} с): пропускная способность смеси ${(total.rps / baseline.rps).toFixed(2)}× от базы, p99 смеси ${(total.p99 / Math.max(1, baseline.p99)).toFixed(1)}× от базы.`);
		const bad = total.errors + total.timeouts + total.non2xx;
		console.log(bad === 0 ? 'Ошибок нет.' : `ОШИБКИ: ${bad} (цель — 0).`);
		process.exitCode = bad === 0 ? 0 : 1;
	} finally {
		if (server && server.exitCode === null) {
			server.kill('SIGTERM');
			await new Promise((r) => server!.once('exit', r));
		}
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});

#!/usr/bin/env node
/**
 * One command for a fresh machine: builds the app if needed, creates the database (migrations),
 * imports the shipped corpus/ on first start, then serves the app.
 *   PORT (3000), HOST (0.0.0.0), DATABASE_URL (data/popravka.db), ORIGIN (http://localhost:PORT)
 */
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);

function newestMtime(dir) {
	let newest = 0;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
	}
	return newest;
}

function run(cmd, args, env = process.env) {
	const r = spawnSync(cmd, args, { stdio: 'inherit', env });
	if (r.status !== 0) {
		console.error(`Команда завершилась с ошибкой: ${cmd} ${args.join(' ')}`);
		process.exit(r.status ?? 1);
	}
}

const built = path.join(root, 'build', 'index.js');
const stale = !fs.existsSync(built) || newestMtime(path.join(root, 'src')) > fs.statSync(built).mtimeMs;
if (stale || process.env.POPRAVKA_REBUILD) {
	console.log('Сборка приложения…');
	run(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn']);
}

console.log('Подготовка базы данных и демонстрационного корпуса…');
run(process.execPath, ['--import', 'tsx', path.join(root, 'src', 'cli', 'main.ts'), 'seed']);

const port = process.env.PORT ?? '3000';
const env = {
	...process.env,
	PORT: port,
	HOST: process.env.HOST ?? '0.0.0.0',
	ORIGIN: process.env.ORIGIN ?? `http://localhost:${port}`,
	BODY_SIZE_LIMIT: process.env.BODY_SIZE_LIMIT ?? '64M'
};
console.log(`Поправка запущена: ${env.ORIGIN}/acts`);
const server = spawn(process.execPath, [built], { stdio: 'inherit', env });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));

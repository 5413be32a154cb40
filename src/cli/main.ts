/**
 * Command line entry: `npm run cli -- <command> [args…]`. Each command lives in ./commands/<name>.ts and
 * exports `run(args: string[]): Promise<number>` (the exit code) and `usage: string`.
 * Exit codes: 0 success, 1 the command ran but reports problems (rejected files, findings), 2 usage error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const commandsDir = path.join(here, 'commands');

function commandNames(): string[] {
	return fs
		.readdirSync(commandsDir)
		.filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
		.map((f) => f.replace(/\.ts$/, ''))
		.sort();
}

async function main(argv: string[]): Promise<number> {
	const [name, ...args] = argv;
	const names = commandNames();
	if (!name || name === '--help' || name === '-h' || !names.includes(name)) {
		if (name && !['--help', '-h'].includes(name)) console.error(`Неизвестная команда: ${name}`);
		console.error('Использование: npm run cli -- <команда> [аргументы]\nКоманды:');
		for (const n of names) {
			const mod = await import(path.join(commandsDir, `${n}.ts`));
			console.error(`  ${mod.usage ?? n}`);
		}
		return name && !['--help', '-h'].includes(name) ? 2 : 0;
	}
	const mod = await import(path.join(commandsDir, `${name}.ts`));
	try {
		// Set the exit code before the pool closes: while idle (unref'd) workers terminate, nothing may keep the
		// event loop alive, and the process would end with the default code 0 before `main` resolves.
		const code: number = await mod.run(args);
		process.exitCode = code;
		return code;
	} catch (err) {
		process.exitCode = 2;
		throw err;
	} finally {
		// Extraction workers keep the process alive: stop them once the command is done.
		const pool = await import('../lib/server/workers/extract-pool');
		await pool.closePool();
	}
}

main(process.argv.slice(2)).then(
	(code) => {
		process.exitCode = code;
	},
	(err) => {
		console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
		process.exitCode = 2;
	}
);

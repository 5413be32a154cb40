import path from 'node:path';
import { ensureAdminFromEnv, ensureDemoUsers } from '../../lib/server/auth/bootstrap';
import { closeDb, getDb, type Db } from '../../lib/server/db/client';
import { act } from '../../lib/server/db/schema';
import { importFiles } from '../../lib/server/import';
import { ensureDemoRoadmap } from '../../lib/server/roadmap';
import { initServices } from '../../lib/server/services';
import { expandPaths } from '../files';
import fs from 'node:fs';

export const usage =
	'seed [--force]   импорт демонстрационного корпуса corpus/ в пустую базу; демо-пользователи в пустой таблице пользователей (кроме POPRAVKA_DEMO_USERS=0 или заданного POPRAVKA_ADMIN_PASSWORD)';

/**
 * Accounts on first start: with POPRAVKA_ADMIN_PASSWORD only that admin (a real installation); otherwise, unless
 * POPRAVKA_DEMO_USERS=0, the documented demo accounts (auth/bootstrap.ts DEMO_USERS) when there are no users yet.
 */
async function seedUsers(db: Db): Promise<void> {
	if (process.env.POPRAVKA_ADMIN_PASSWORD) {
		const login = await ensureAdminFromEnv(db, process.env);
		if (login) console.log(`Создан администратор «${login}» (пароль из POPRAVKA_ADMIN_PASSWORD).`);
		return;
	}
	if (process.env.POPRAVKA_DEMO_USERS === '0') return;
	const created = await ensureDemoUsers(db);
	if (created.length === 0) return;
	console.log('Созданы ДЕМОНСТРАЦИОННЫЕ учётные записи (только для демонстрации; смените пароли перед работой с настоящими материалами):');
	for (const u of created) console.log(`  ${u.login.padEnd(9)} пароль ${u.password.padEnd(14)} ${u.name}${u.regions.length ? ` — ${u.regions.join(', ')}` : ' — все регионы'}`);
}

/** Imports the shipped corpus on first start (when the database has no acts), or always with --force. */
export async function run(args: string[]): Promise<number> {
	const force = args.includes('--force');
	const db = getDb();
	await initServices(db);
	await seedUsers(db);
	const roadmapId = await ensureDemoRoadmap(db);
	if (roadmapId) console.log('Демонстрационная дорожная карта Владимирской области импортирована.');
	const count = await db.$count(act);
	if (count > 0 && !force) {
		console.log(`База уже содержит актов: ${count}; корпус не импортируется повторно.`);
		closeDb();
		return 0;
	}
	const { files } = expandPaths([path.resolve('corpus')]);
	const inputs = files.map((f) => ({ name: path.relative(process.cwd(), f), bytes: new Uint8Array(fs.readFileSync(f)) }));
	const report = await importFiles(db, inputs);
	const by = (s: string) => report.files.filter((r) => r.status === s);
	for (const r of by('rejected')) console.error(`Не импортирован ${r.path}: ${r.message}`);
	console.log(`Корпус: импортировано ${by('imported').length}, уже были ${by('duplicate').length}, отклонено ${by('rejected').length}.`);
	closeDb();
	return 0;
}

/**
 * Accounts from the command line:
 *   user add <login> --role admin|lawyer|ministry|roadmap|viewer [--region «…»]… [--name «…»] [--password <p> | --password-stdin]
 *   user list [--json]
 *   user passwd <login> [--password <p> | --password-stdin]
 *   user disable <login>   /   user enable <login>
 *   user role <login> --role … [--region …]…
 * Without --password / --password-stdin a random password is generated and printed once.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { UserError } from '../../lib/core/errors';
import { audit } from '../../lib/server/audit';
import { isRole, ROLE_RU, ROLES, type Role } from '../../lib/server/auth/roles';
import { createUser, listUsers, setDisabled, setPassword, setRoleAndRegions } from '../../lib/server/auth/users';
import { closeDb, getDb } from '../../lib/server/db/client';

export const usage =
	'user add <имя> --role admin|lawyer|ministry|roadmap|viewer --region «Регион» [--region …] [--password <пароль>|--password-stdin] | user list | user passwd <имя> | user disable|enable <имя> | user role <имя> --role … [--region …]   учётные записи';

interface Parsed {
	positional: string[];
	role?: string;
	regions: string[];
	name?: string;
	password?: string;
	passwordStdin: boolean;
	json: boolean;
	unknown: string[];
}

function parse(args: string[]): Parsed {
	const p: Parsed = { positional: [], regions: [], passwordStdin: false, json: false, unknown: [] };
	for (let i = 0; i < args.length; i++) {
		const a = args[i];
		const value = () => {
			const v = args[++i];
			if (v === undefined) p.unknown.push(`${a} (нет значения)`);
			return v;
		};
		if (a === '--role') p.role = value();
		else if (a === '--region') {
			const v = value();
			if (v !== undefined) p.regions.push(v);
		} else if (a === '--name') p.name = value();
		else if (a === '--password') p.password = value();
		else if (a === '--password-stdin') p.passwordStdin = true;
		else if (a === '--json') p.json = true;
		else if (a.startsWith('--')) p.unknown.push(a);
		else p.positional.push(a);
	}
	return p;
}

/** The first line of stdin (the password), without its line break. */
function readStdinPassword(): string {
	const text = fs.readFileSync(0, 'utf8');
	return text.split(/\r?\n/)[0];
}

function passwordFrom(p: Parsed): { password: string; generated: boolean } {
	if (p.passwordStdin) return { password: readStdinPassword(), generated: false };
	if (p.password !== undefined) return { password: p.password, generated: false };
	return { password: randomBytes(12).toString('base64url'), generated: true };
}

function usageError(msg?: string): number {
	if (msg) console.error(msg);
	console.error(`Использование: npm run cli -- ${usage}`);
	return 2;
}

export async function run(args: string[]): Promise<number> {
	const [sub, ...rest] = args;
	const p = parse(rest);
	if (p.unknown.length) return usageError(`Неизвестный параметр: ${p.unknown.join(' ')}`);
	const db = getDb();
	try {
		switch (sub) {
			case 'add': {
				const [login] = p.positional;
				if (!login || p.positional.length > 1) return usageError('Укажите одно имя пользователя.');
				if (!p.role) return usageError(`Укажите роль: --role ${ROLES.join('|')}.`);
				if (!isRole(p.role)) return usageError(`Неизвестная роль «${p.role}». Допустимые роли: ${ROLES.join(', ')}.`);
				const { password, generated } = passwordFrom(p);
				const u = await createUser(db, { login, password, role: p.role as Role, regions: p.regions, name: p.name ?? null });
				audit(db, 'cli', 'user', 'user', u.id, { created: u.login, role: u.role, regions: u.regions }, null);
				console.log(`Пользователь «${u.login}» создан: ${ROLE_RU[u.role]}${u.regions.length ? `, регионы: ${u.regions.join(', ')}` : ', все регионы'}.`);
				if (generated) console.log(`Пароль (показывается один раз): ${password}`);
				return 0;
			}
			case 'list': {
				const users = listUsers(db);
				if (p.json) {
					process.stdout.write(JSON.stringify({ users }, null, 2) + '\n');
					return 0;
				}
				if (users.length === 0) console.log('Пользователей нет. Создайте администратора: npm run cli -- user add admin --role admin --password-stdin');
				for (const u of users)
					console.log(
						`${u.login}\t${ROLE_RU[u.role] ?? u.role}\t${u.regions.length ? u.regions.join(', ') : 'все регионы'}${u.disabled ? '\tотключён' : ''}${u.demo ? '\tдемо' : ''}`
					);
				return 0;
			}
			case 'passwd': {
				const [login] = p.positional;
				if (!login) return usageError('Укажите имя пользователя.');
				const { password, generated } = passwordFrom(p);
				await setPassword(db, login, password);
				audit(db, 'cli', 'user', 'user', login.toLowerCase(), { passwordChanged: true }, null);
				console.log(`Пароль пользователя «${login.toLowerCase()}» изменён; его сеансы завершены.`);
				if (generated) console.log(`Новый пароль (показывается один раз): ${password}`);
				return 0;
			}
			case 'disable':
			case 'enable': {
				const [login] = p.positional;
				if (!login) return usageError('Укажите имя пользователя.');
				setDisabled(db, login, sub === 'disable');
				audit(db, 'cli', 'user', 'user', login.toLowerCase(), { disabled: sub === 'disable' }, null);
				console.log(sub === 'disable' ? `Пользователь «${login.toLowerCase()}» отключён; его сеансы завершены.` : `Пользователь «${login.toLowerCase()}» снова может входить.`);
				return 0;
			}
			case 'role': {
				const [login] = p.positional;
				if (!login || !p.role) return usageError('Укажите имя пользователя и --role.');
				setRoleAndRegions(db, login, p.role, p.regions);
				audit(db, 'cli', 'user', 'user', login.toLowerCase(), { role: p.role, regions: p.regions }, null);
				console.log(`Роль пользователя «${login.toLowerCase()}»: ${isRole(p.role) ? ROLE_RU[p.role] : p.role}.`);
				return 0;
			}
			default:
				return usageError(sub ? `Неизвестная подкоманда: ${sub}` : undefined);
		}
	} catch (e) {
		if (e instanceof UserError) {
			console.error(e.message);
			return 1;
		}
		throw e;
	} finally {
		closeDb();
	}
}

import { fail } from '@sveltejs/kit';
import { UserError } from '$lib/core/errors';
import { audit } from '$lib/server/audit';
import { isRole, ROLE_DESCRIPTION_RU, ROLE_RU, ROLES } from '$lib/server/auth/roles';
import { requireRole } from '$lib/server/auth/scope';
import { createUser, findUserByLogin, listUsers, setDisabled, setPassword, setRoleAndRegions } from '$lib/server/auth/users';
import { getDb } from '$lib/server/db/client';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireRole(event, 'admin');
	return {
		users: listUsers(getDb()),
		roles: ROLES.map((r) => ({ value: r, label: ROLE_RU[r], description: ROLE_DESCRIPTION_RU[r] }))
	};
};

function regionsFrom(form: FormData): string[] {
	return String(form.get('regions') ?? '')
		.split(/[\n;]+/)
		.map((r) => r.trim())
		.filter(Boolean);
}

/** Runs an admin change, turning UserError into a form message and auditing success. */
async function change(event: Parameters<Actions[string]>[0], fn: (form: FormData) => Promise<{ login: string; details: Record<string, unknown>; message: string }>) {
	requireRole(event, 'admin');
	const form = await event.request.formData();
	try {
		const r = await fn(form);
		const db = getDb();
		audit(db, event, 'user', 'user', findUserByLogin(db, r.login)?.id ?? r.login, { login: r.login, ...r.details }, null);
		return { ok: r.message };
	} catch (e) {
		if (e instanceof UserError) return fail(400, { error: e.message });
		throw e;
	}
}

export const actions: Actions = {
	create: (event) =>
		change(event, async (form) => {
			const role = String(form.get('role') ?? '');
			if (!isRole(role)) throw new UserError('bad_role', 'Выберите роль.');
			const regions = regionsFrom(form);
			const u = await createUser(getDb(), {
				login: String(form.get('login') ?? ''),
				password: String(form.get('password') ?? ''),
				role,
				regions,
				name: String(form.get('name') ?? '').trim() || null
			});
			return { login: u.login, details: { created: true, role, regions }, message: `Пользователь «${u.login}» создан.` };
		}),
	passwd: (event) =>
		change(event, async (form) => {
			const login = String(form.get('login') ?? '');
			await setPassword(getDb(), login, String(form.get('password') ?? ''));
			return { login, details: { passwordChanged: true }, message: `Пароль пользователя «${login}» изменён.` };
		}),
	role: (event) =>
		change(event, async (form) => {
			const login = String(form.get('login') ?? '');
			const role = String(form.get('role') ?? '');
			const regions = regionsFrom(form);
			setRoleAndRegions(getDb(), login, role, regions);
			return { login, details: { role, regions }, message: `Роль и регионы пользователя «${login}» сохранены.` };
		}),
	disable: (event) =>
		change(event, async (form) => {
			const login = String(form.get('login') ?? '');
			const disabled = form.get('disabled') === '1';
			if (disabled && login === event.locals.user?.login) throw new UserError('self', 'Нельзя отключить собственную учётную запись.');
			setDisabled(getDb(), login, disabled);
			return { login, details: { disabled }, message: disabled ? `Пользователь «${login}» отключён.` : `Пользователь «${login}» включён.` };
		})
};

/** Roles, their Russian names and what each may do. Pure data: used by hooks, pages, CLI and tests. */

export const ROLES = ['admin', 'lawyer', 'ministry', 'roadmap', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_RU: Record<Role, string> = {
	admin: 'Администратор',
	lawyer: 'Юрист региона',
	ministry: 'Министерство (контроль)',
	roadmap: 'Ответственный за дорожную карту',
	viewer: 'Наблюдатель'
};

export const ROLE_DESCRIPTION_RU: Record<Role, string> = {
	admin: 'Все регионы; управление пользователями, правилами и журнал действий.',
	lawyer: 'Свои регионы: импорт актов, правка реквизитов, разбор находок, задачи.',
	ministry: 'Все регионы только для чтения актов; ведение задач и контроль дорожных карт.',
	roadmap: 'Свои регионы: ведение дорожной карты, просмотр задач.',
	viewer: 'Свои регионы: только просмотр.'
};

export function isRole(v: unknown): v is Role {
	return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}

/** Roles that see every region's data regardless of their user_region rows. */
export const ALL_REGION_ROLES: readonly Role[] = ['admin', 'ministry'];

/** The signed-in user as the server sees it (event.locals.user). */
export interface SessionUser {
	id: number;
	login: string;
	name: string | null;
	role: Role;
	regions: string[];
	demo: boolean;
}

/** Capabilities checked by the central route gates (hooks) and by pages to hide controls. */
export const CAN = {
	/** Import acts, new редакции, edit requisites. */
	import: ['admin', 'lawyer'],
	/** Confirm / dismiss findings. */
	triage: ['admin', 'lawyer'],
	/** Create tasks and move them through the workflow. */
	tasks: ['admin', 'lawyer', 'ministry'],
	/** Edit and import roadmaps. */
	roadmap: ['admin', 'roadmap'],
	/** Change rule packs. */
	rules: ['admin'],
	/** Users and the audit log. */
	admin: ['admin']
} as const satisfies Record<string, readonly Role[]>;
export type Capability = keyof typeof CAN;

export function can(user: Pick<SessionUser, 'role'> | null | undefined, cap: Capability): boolean {
	return !!user && (CAN[cap] as readonly Role[]).includes(user.role);
}

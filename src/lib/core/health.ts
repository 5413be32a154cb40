/**
 * Deadline health of amendment tasks and roadmap items. Pure: no I/O; «today» is always injected.
 *
 * Health is derived, never typed in. The rule (README-ready prose):
 *
 * - «исполнено» / «отменено» — the task's status is 'done' / 'cancelled'; nothing else matters.
 * - «просрочено» — today is after the current deadline (the last day of the term is still in time).
 * - «под угрозой» — less time is left than the remaining steps need. The steps after each status are
 *   на контроле → в работе → на согласовании → принят → исполнено, so the earlier the status, the larger
 *   the share of the whole term that must still remain:
 *     на контроле 50 %, в работе 35 %, на согласовании 20 %, принят 10 %,
 *   and never fewer than a minimum number of calendar days:
 *     на контроле 14, в работе 10, на согласовании 7, принят 3.
 *   The whole term runs from the task's creation to its current deadline.
 *   A task whose deadline was already extended (продление) is at risk sooner: every extension adds 15
 *   percentage points to the share (up to 90 %) and 7 days to the minimum. A deadline later than the
 *   first approved one (baseline) counts as at least one extension even when no event was recorded.
 * - «в срок» — otherwise, and also when no deadline is set (nothing to be late for).
 *
 * A roadmap item (мероприятие) is judged from its own deadline and its tasks:
 * - «исполнено» when it has tasks and all of them are done or cancelled (at least one done);
 * - «отменено» when it has tasks and all of them are cancelled;
 * - «просрочено» when its own deadline has passed, or any of its tasks is overdue;
 * - «под угрозой» when any task is at risk, or when the item itself is at risk by the same share rule
 *   applied to the slowest unfinished task's status (on_track items without tasks are judged as
 *   «на контроле» from the roadmap's start date);
 * - «в срок» otherwise.
 */

export type Health = 'on_track' | 'at_risk' | 'overdue' | 'done' | 'cancelled';

export const HEALTH_RU: Record<Health, string> = {
	on_track: 'в срок',
	at_risk: 'под угрозой',
	overdue: 'просрочено',
	done: 'исполнено',
	cancelled: 'отменено'
};

/** Sort order for lists: overdue first, then at risk, on track, done, cancelled. */
export const HEALTH_ORDER: Record<Health, number> = {
	overdue: 0,
	at_risk: 1,
	on_track: 2,
	done: 3,
	cancelled: 4
};

export interface HealthTask {
	status: string;
	dueDate: string | null;
	baselineDate: string | null;
	createdAt: string;
	extensions: number;
}

/** Share of the whole term that must still remain at each open status. */
export const REMAINING_SHARE: Record<string, number> = {
	control: 0.5,
	in_work: 0.35,
	approval: 0.2,
	adopted: 0.1
};

/** Minimal calendar days that must still remain at each open status. */
export const MIN_DAYS: Record<string, number> = {
	control: 14,
	in_work: 10,
	approval: 7,
	adopted: 3
};

/** Per extension: share added (percentage points / 100) and days added. */
export const EXTENSION_SHARE = 0.15;
export const EXTENSION_DAYS = 7;
export const MAX_SHARE = 0.9;

const OPEN_ORDER = ['control', 'in_work', 'approval', 'adopted'];

/**
 * Normalises a date to YYYY-MM-DD: accepts YYYY-MM-DD, an ISO timestamp or dd.mm.yyyy.
 * Returns null when the value is empty or not a date.
 */
export function toIsoDate(value: string | null | undefined): string | null {
	if (!value) return null;
	const v = value.trim();
	let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
	if (m) return `${m[1]}-${m[2]}-${m[3]}`;
	m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(v);
	if (m) return `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
	return null;
}

/** Whole days from a to b (b − a), both YYYY-MM-DD (or anything toIsoDate accepts). */
export function daysBetween(a: string, b: string): number {
	const da = toIsoDate(a);
	const db = toIsoDate(b);
	if (!da || !db) throw new Error(`daysBetween: not a date: ${a} / ${b}`);
	const ms = Date.UTC(+db.slice(0, 4), +db.slice(5, 7) - 1, +db.slice(8, 10)) - Date.UTC(+da.slice(0, 4), +da.slice(5, 7) - 1, +da.slice(8, 10));
	return Math.round(ms / 86_400_000);
}

/** Extensions counted by the rule: recorded ones, or at least one when the deadline moved past the baseline. */
export function effectiveExtensions(t: Pick<HealthTask, 'dueDate' | 'baselineDate' | 'extensions'>): number {
	const due = toIsoDate(t.dueDate);
	const base = toIsoDate(t.baselineDate);
	const moved = due && base && due > base ? 1 : 0;
	return Math.max(t.extensions || 0, moved);
}

/** The reserve (days) that must still remain before the deadline for the given status, term and slips. */
export function requiredReserve(status: string, termDays: number, extensions: number): number {
	const key = status in REMAINING_SHARE ? status : 'control';
	const share = Math.min(MAX_SHARE, REMAINING_SHARE[key] + EXTENSION_SHARE * extensions);
	const minDays = MIN_DAYS[key] + EXTENSION_DAYS * extensions;
	return Math.max(Math.ceil(share * Math.max(termDays, 0)), minDays);
}

export interface HealthVerdict {
	health: Health;
	/** Days left until the deadline (negative when overdue); null without a deadline. */
	daysLeft: number | null;
	/** A short Russian explanation for a tooltip. */
	reason: string;
}

/** The health of a task with the reason, for tooltips and reports. */
export function explainTaskHealth(t: HealthTask, today: string): HealthVerdict {
	if (t.status === 'done') return { health: 'done', daysLeft: null, reason: 'Задача исполнена' };
	if (t.status === 'cancelled') return { health: 'cancelled', daysLeft: null, reason: 'Задача отменена' };
	const due = toIsoDate(t.dueDate);
	if (!due) return { health: 'on_track', daysLeft: null, reason: 'Срок не установлен' };
	const left = daysBetween(today, due);
	if (left < 0) return { health: 'overdue', daysLeft: left, reason: `Срок истёк ${-left} дн. назад` };
	const start = toIsoDate(t.createdAt) ?? today;
	const term = daysBetween(start, due);
	const ext = effectiveExtensions(t);
	const reserve = requiredReserve(t.status, term, ext);
	if (left < reserve) {
		const slips = ext > 0 ? `, срок уже продлевался (${ext})` : '';
		return {
			health: 'at_risk',
			daysLeft: left,
			reason: `Осталось ${left} дн., а для оставшихся этапов нужно не менее ${reserve} дн.${slips}`
		};
	}
	return { health: 'on_track', daysLeft: left, reason: `Осталось ${left} дн.` };
}

/** The deadline health of an amendment task on the given day (YYYY-MM-DD). */
export function taskHealth(t: HealthTask, today: string): Health {
	return explainTaskHealth(t, today).health;
}

export interface HealthItem {
	dueDate: string | null;
	baselineDate: string | null;
	/** When work on the item started (the roadmap's approval or creation date); defaults to today. */
	start?: string | null;
}

/** The health of a roadmap item from its own deadline and its tasks. */
export function explainItemHealth(item: HealthItem, tasks: HealthTask[], today: string): HealthVerdict {
	const due = toIsoDate(item.dueDate);
	const left = due ? daysBetween(today, due) : null;
	if (tasks.length > 0 && tasks.every((t) => t.status === 'cancelled'))
		return { health: 'cancelled', daysLeft: left, reason: 'Все задачи мероприятия отменены' };
	if (tasks.length > 0 && tasks.every((t) => t.status === 'done' || t.status === 'cancelled'))
		return { health: 'done', daysLeft: left, reason: 'Все задачи мероприятия исполнены' };
	if (left !== null && left < 0) return { health: 'overdue', daysLeft: left, reason: `Срок мероприятия истёк ${-left} дн. назад` };
	const verdicts = tasks.map((t) => explainTaskHealth(t, today));
	const overdue = verdicts.filter((v) => v.health === 'overdue').length;
	if (overdue > 0) return { health: 'overdue', daysLeft: left, reason: `Просрочено задач: ${overdue}` };
	const risky = verdicts.filter((v) => v.health === 'at_risk').length;
	if (risky > 0) return { health: 'at_risk', daysLeft: left, reason: `Под угрозой задач: ${risky}` };
	if (left === null) return { health: 'on_track', daysLeft: null, reason: 'Срок не установлен' };
	// The item itself: judged at the status of its slowest open task, or «на контроле» without tasks.
	const open = tasks.filter((t) => t.status !== 'done' && t.status !== 'cancelled');
	const slowest = open.length
		? open.map((t) => t.status).sort((a, b) => OPEN_ORDER.indexOf(a) - OPEN_ORDER.indexOf(b))[0]
		: 'control';
	const start = toIsoDate(item.start ?? null) ?? today;
	const ext = effectiveExtensions({ dueDate: item.dueDate, baselineDate: item.baselineDate, extensions: 0 });
	const reserve = requiredReserve(slowest, daysBetween(start, due!), ext);
	if (left < reserve)
		return { health: 'at_risk', daysLeft: left, reason: `До срока мероприятия ${left} дн., нужно не менее ${reserve} дн.` };
	return { health: 'on_track', daysLeft: left, reason: `До срока мероприятия ${left} дн.` };
}

/** The deadline health of a roadmap item on the given day. */
export function itemHealth(item: HealthItem, tasks: HealthTask[], today: string): Health {
	return explainItemHealth(item, tasks, today).health;
}

/** Today in the server's local calendar, as YYYY-MM-DD. */
export function todayIso(now: Date = new Date()): string {
	const y = now.getFullYear();
	const m = String(now.getMonth() + 1).padStart(2, '0');
	const d = String(now.getDate()).padStart(2, '0');
	return `${y}-${m}-${d}`;
}

/**
 * The status workflow of an amendment task («контроль исполнения»). Pure: no I/O, «now» is injected.
 *
 *   на контроле → в работе (подготовка проекта) → на согласовании → принят → исполнено
 *   на согласовании → в работе (возврат на доработку)
 *   any non-final status → отменено (a reason is required)
 *
 * «принят» requires the amending act's requisites (вид, дата, номер). «исполнено» requires the closure rule
 * (closure.ts) to allow it: the caller passes its verdict. Продление срока is not a status change but an explicit
 * event with a new date and a reason; the first approved date is kept as the baseline.
 */

export const TASK_STATUSES = ['control', 'in_work', 'approval', 'adopted', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_STATUS_RU: Record<TaskStatus, string> = {
	control: 'На контроле',
	in_work: 'В работе (подготовка проекта)',
	approval: 'На согласовании',
	adopted: 'Принят',
	done: 'Исполнено',
	cancelled: 'Отменено'
};

/** Short labels for board columns and badges. */
export const TASK_STATUS_SHORT_RU: Record<TaskStatus, string> = {
	control: 'На контроле',
	in_work: 'В работе',
	approval: 'На согласовании',
	adopted: 'Принят',
	done: 'Исполнено',
	cancelled: 'Отменено'
};

export const FINAL_STATUSES: readonly TaskStatus[] = ['done', 'cancelled'];

export function isTaskStatus(s: unknown): s is TaskStatus {
	return typeof s === 'string' && (TASK_STATUSES as readonly string[]).includes(s);
}

export function isFinal(s: TaskStatus): boolean {
	return FINAL_STATUSES.includes(s);
}

export const TASK_ACTIONS = ['start', 'submit', 'rework', 'adopt', 'complete', 'cancel'] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

export function isTaskAction(s: unknown): s is TaskAction {
	return typeof s === 'string' && (TASK_ACTIONS as readonly string[]).includes(s);
}

interface ActionDef {
	from: readonly TaskStatus[];
	to: TaskStatus;
	/** Button label. */
	label: string;
}

export const ACTIONS: Record<TaskAction, ActionDef> = {
	start: { from: ['control'], to: 'in_work', label: 'Взять в работу' },
	submit: { from: ['in_work'], to: 'approval', label: 'Направить на согласование' },
	rework: { from: ['approval'], to: 'in_work', label: 'Вернуть на доработку' },
	adopt: { from: ['approval'], to: 'adopted', label: 'Отметить принятие акта' },
	complete: { from: ['adopted'], to: 'done', label: 'Закрыть как исполненную' },
	cancel: { from: ['control', 'in_work', 'approval', 'adopted'], to: 'cancelled', label: 'Отменить задачу' }
};

/** Actions valid from a status, in the order the page shows them. */
export function allowedActions(status: TaskStatus): TaskAction[] {
	return TASK_ACTIONS.filter((a) => ACTIONS[a].from.includes(status));
}

/** Whether the deadline may be extended in this status (any non-final one). */
export function canExtend(status: TaskStatus): boolean {
	return !isFinal(status);
}

/** The fields of a task the workflow reads. */
export interface TaskState {
	status: TaskStatus;
	dueDate: string | null;
	baselineDate: string | null;
	amendKind: string | null;
	amendDate: string | null;
	amendNumber: string | null;
}

export interface TransitionInput {
	comment?: string | null;
	/** Required for 'cancel'. */
	reason?: string | null;
	/** Requisites of the amending act; required for 'adopt'. */
	amendKind?: string | null;
	amendDate?: string | null;
	amendNumber?: string | null;
	/** Required for 'complete': the verdict of the closure rule. */
	closure?: { allowed: boolean; reasons: string[] } | null;
}

export interface TaskPatch {
	status?: TaskStatus;
	cancelReason?: string | null;
	amendKind?: string | null;
	amendDate?: string | null;
	amendNumber?: string | null;
	dueDate?: string | null;
	baselineDate?: string | null;
}

export interface TaskEventDraft {
	type: 'status' | 'extend';
	fromValue: string | null;
	toValue: string | null;
	comment: string | null;
}

export type TransitionResult =
	| { ok: true; patch: TaskPatch; event: TaskEventDraft }
	| { ok: false; code: string; message: string };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date in YYYY-MM-DD. */
export function isIsoDate(s: string | null | undefined): s is string {
	if (!s || !ISO_DATE.test(s)) return false;
	const d = new Date(`${s}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function clean(s: string | null | undefined, max = 2000): string | null {
	const v = (s ?? '').trim();
	return v ? v.slice(0, max) : null;
}

function refuse(code: string, message: string): TransitionResult {
	return { ok: false, code, message };
}

/** Applies a status action to a task, checking the guards. Returns the patch and the history event, or why not. */
export function transition(task: TaskState, action: TaskAction, input: TransitionInput = {}): TransitionResult {
	const def = ACTIONS[action];
	if (!def) return refuse('unknown_action', 'Неизвестное действие с задачей.');
	if (!def.from.includes(task.status)) {
		const allowed = allowedActions(task.status).map((a) => `«${ACTIONS[a].label}»`);
		const tail = allowed.length ? ` Доступно: ${allowed.join(', ')}.` : ' Задача завершена, её статус больше не меняется.';
		return refuse(
			'transition_forbidden',
			`Из статуса «${TASK_STATUS_RU[task.status]}» нельзя перейти в «${TASK_STATUS_RU[def.to]}».${tail}`
		);
	}
	let comment = clean(input.comment);
	const patch: TaskPatch = { status: def.to };
	if (action === 'cancel') {
		const reason = clean(input.reason);
		if (!reason) return refuse('reason_required', 'Укажите причину отмены задачи.');
		patch.cancelReason = reason;
		comment = comment ? `${reason}. ${comment}` : reason;
	}
	if (action === 'adopt') {
		const kind = clean(input.amendKind, 200);
		const date = clean(input.amendDate, 10);
		const number = clean(input.amendNumber, 100);
		const missing = [!kind && 'вид', !date && 'дату', !number && 'номер'].filter(Boolean);
		if (missing.length)
			return refuse(
				'amend_requisites_required',
				`Чтобы отметить принятие, укажите реквизиты изменяющего акта: ${missing.join(', ')}.`
			);
		if (!isIsoDate(date)) return refuse('amend_date_invalid', 'Дата изменяющего акта должна быть в формате ГГГГ-ММ-ДД.');
		patch.amendKind = kind;
		patch.amendDate = date;
		patch.amendNumber = number;
		const req = `${kind} от ${date.split('-').reverse().join('.')} № ${number}`;
		comment = comment ? `${req}. ${comment}` : req;
	}
	if (action === 'complete') {
		const c = input.closure;
		if (!c) return refuse('closure_unknown', 'Не проверено, устранены ли нарушения в новой редакции акта.');
		if (!c.allowed)
			return refuse(
				'closure_blocked',
				`Задачу нельзя закрыть как исполненную: ${c.reasons.length ? c.reasons.join(' ') : 'нет подтверждения исполнения.'}`
			);
	}
	return { ok: true, patch, event: { type: 'status', fromValue: task.status, toValue: def.to, comment } };
}

/**
 * Продление срока: a new due date later than the current one, with a reason. The baseline (first approved) date is
 * kept: set from the current due date on the first extension and never changed afterwards.
 */
export function extendDeadline(task: TaskState, newDate: string | null | undefined, reason: string | null | undefined): TransitionResult {
	if (!canExtend(task.status))
		return refuse('extend_forbidden', `Срок задачи в статусе «${TASK_STATUS_RU[task.status]}» продлить нельзя.`);
	const date = clean(newDate, 10);
	if (!isIsoDate(date)) return refuse('date_invalid', 'Укажите новый срок в формате ГГГГ-ММ-ДД.');
	const why = clean(reason);
	if (!why) return refuse('reason_required', 'Укажите причину продления срока.');
	if (task.dueDate && date <= task.dueDate)
		return refuse('date_not_later', `Новый срок должен быть позже текущего (${task.dueDate.split('-').reverse().join('.')}).`);
	return {
		ok: true,
		patch: { dueDate: date, baselineDate: task.baselineDate ?? task.dueDate ?? date },
		event: { type: 'extend', fromValue: task.dueDate, toValue: date, comment: why }
	};
}

import { describe, expect, it } from 'vitest';
import {
	ACTIONS,
	allowedActions,
	canExtend,
	extendDeadline,
	TASK_ACTIONS,
	TASK_STATUSES,
	TASK_STATUS_RU,
	transition,
	type TaskAction,
	type TaskState,
	type TaskStatus
} from './workflow';

const task = (status: TaskStatus, extra: Partial<TaskState> = {}): TaskState => ({
	status,
	dueDate: '2026-12-31',
	baselineDate: '2026-12-31',
	amendKind: null,
	amendDate: null,
	amendNumber: null,
	...extra
});

/** The complete input that satisfies every guard, so only the from-status decides. */
const fullInput = {
	reason: 'Акт признан утратившим силу',
	amendKind: 'постановление',
	amendDate: '2026-10-01',
	amendNumber: '77-п',
	closure: { allowed: true, reasons: [] }
};

const ALLOWED: Record<TaskStatus, Partial<Record<TaskAction, TaskStatus>>> = {
	control: { start: 'in_work', cancel: 'cancelled' },
	in_work: { submit: 'approval', cancel: 'cancelled' },
	approval: { rework: 'in_work', adopt: 'adopted', cancel: 'cancelled' },
	adopted: { complete: 'done', cancel: 'cancelled' },
	done: {},
	cancelled: {}
};

describe('task workflow (контроль исполнения)', () => {
	for (const from of TASK_STATUSES) {
		for (const action of TASK_ACTIONS) {
			const to = ALLOWED[from][action];
			if (to) {
				it(`${from} --${action}--> ${to} is allowed and recorded as a status event`, () => {
					const r = transition(task(from), action, fullInput);
					expect(r.ok).toBe(true);
					if (!r.ok) return;
					expect(r.patch.status).toBe(to);
					expect(r.event).toMatchObject({ type: 'status', fromValue: from, toValue: to });
				});
			} else {
				it(`${from} --${action}--> is forbidden with a Russian message`, () => {
					const r = transition(task(from), action, fullInput);
					expect(r.ok).toBe(false);
					if (r.ok) return;
					expect(r.code).toBe('transition_forbidden');
					expect(r.message).toContain(TASK_STATUS_RU[from]);
					expect(r.message).toMatch(/нельзя перейти/);
				});
			}
		}
	}

	it('lists exactly the allowed actions per status; final statuses have none', () => {
		for (const s of TASK_STATUSES) expect(allowedActions(s).sort()).toEqual(Object.keys(ALLOWED[s]).sort());
		expect(allowedActions('done')).toEqual([]);
		expect(allowedActions('cancelled')).toEqual([]);
		for (const a of TASK_ACTIONS) expect(ACTIONS[a].label).toMatch(/[а-я]/);
	});

	it('«принят» requires вид, дата and номер of the amending act and records them', () => {
		const missing = transition(task('approval'), 'adopt', { amendKind: 'постановление', amendDate: '', amendNumber: ' ' });
		expect(missing.ok).toBe(false);
		if (!missing.ok) {
			expect(missing.code).toBe('amend_requisites_required');
			expect(missing.message).toContain('дату');
			expect(missing.message).toContain('номер');
			expect(missing.message).not.toContain('вид');
		}
		const badDate = transition(task('approval'), 'adopt', { amendKind: 'постановление', amendDate: '2026-02-30', amendNumber: '1' });
		expect(badDate.ok).toBe(false);
		if (!badDate.ok) expect(badDate.code).toBe('amend_date_invalid');
		const ok = transition(task('approval'), 'adopt', { amendKind: ' постановление ', amendDate: '2026-10-01', amendNumber: '77-п', comment: 'опубликовано' });
		expect(ok.ok).toBe(true);
		if (ok.ok) {
			expect(ok.patch).toMatchObject({ status: 'adopted', amendKind: 'постановление', amendDate: '2026-10-01', amendNumber: '77-п' });
			expect(ok.event.comment).toBe('постановление от 01.10.2026 № 77-п. опубликовано');
		}
	});

	it('«отменено» requires a reason, from any non-final status, and keeps it', () => {
		for (const s of ['control', 'in_work', 'approval', 'adopted'] as const) {
			const no = transition(task(s), 'cancel', { reason: '   ' });
			expect(no.ok).toBe(false);
			if (!no.ok) expect(no.code).toBe('reason_required');
			const yes = transition(task(s), 'cancel', { reason: 'Акт отменён' });
			expect(yes.ok).toBe(true);
			if (yes.ok) {
				expect(yes.patch.cancelReason).toBe('Акт отменён');
				expect(yes.event.comment).toBe('Акт отменён');
			}
		}
	});

	it('«исполнено» needs a positive closure verdict; its reasons are shown when refused', () => {
		const unknown = transition(task('adopted'), 'complete', {});
		expect(unknown.ok).toBe(false);
		if (!unknown.ok) expect(unknown.code).toBe('closure_unknown');
		const blocked = transition(task('adopted'), 'complete', { closure: { allowed: false, reasons: ['п. 2: нарушение сохраняется.'] } });
		expect(blocked.ok).toBe(false);
		if (!blocked.ok) {
			expect(blocked.code).toBe('closure_blocked');
			expect(blocked.message).toContain('п. 2: нарушение сохраняется.');
		}
	});

	it('продление срока: new later date and a reason; the baseline (first) date is kept over several extensions', () => {
		const t = task('in_work', { dueDate: '2026-06-01', baselineDate: null });
		const first = extendDeadline(t, '2026-07-01', 'Длительное согласование с прокуратурой');
		expect(first.ok).toBe(true);
		if (!first.ok) return;
		expect(first.patch).toEqual({ dueDate: '2026-07-01', baselineDate: '2026-06-01' });
		expect(first.event).toEqual({ type: 'extend', fromValue: '2026-06-01', toValue: '2026-07-01', comment: 'Длительное согласование с прокуратурой' });
		const second = extendDeadline({ ...t, ...first.patch }, '2026-08-15', 'Повторное согласование');
		expect(second.ok).toBe(true);
		if (second.ok) expect(second.patch).toEqual({ dueDate: '2026-08-15', baselineDate: '2026-06-01' });
	});

	it('продление срока is refused without a reason, with an earlier or invalid date, and in final statuses', () => {
		const t = task('control', { dueDate: '2026-06-01' });
		const r1 = extendDeadline(t, '2026-07-01', '');
		const r2 = extendDeadline(t, '2026-05-01', 'причина');
		const r3 = extendDeadline(t, '2026-06-01', 'причина');
		const r4 = extendDeadline(t, '01.07.2026', 'причина');
		const r5 = extendDeadline(task('done'), '2027-01-01', 'причина');
		const r6 = extendDeadline(task('cancelled'), '2027-01-01', 'причина');
		expect([r1, r2, r3, r4, r5, r6].map((r) => (r.ok ? 'ok' : r.code))).toEqual([
			'reason_required',
			'date_not_later',
			'date_not_later',
			'date_invalid',
			'extend_forbidden',
			'extend_forbidden'
		]);
		expect(canExtend('adopted')).toBe(true);
	});

	it('a task without a deadline can get one through продление and the baseline becomes that date', () => {
		const r = extendDeadline(task('control', { dueDate: null, baselineDate: null }), '2026-09-01', 'Срок установлен поручением');
		expect(r.ok).toBe(true);
		if (r.ok) expect(r.patch).toEqual({ dueDate: '2026-09-01', baselineDate: '2026-09-01' });
	});
});

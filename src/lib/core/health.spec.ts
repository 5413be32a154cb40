import { describe, expect, it } from 'vitest';
import {
	HEALTH_ORDER,
	HEALTH_RU,
	daysBetween,
	effectiveExtensions,
	explainTaskHealth,
	itemHealth,
	requiredReserve,
	taskHealth,
	toIsoDate,
	type HealthTask
} from './health';

const task = (over: Partial<HealthTask> = {}): HealthTask => ({
	status: 'control',
	dueDate: '2025-08-31',
	baselineDate: '2025-08-31',
	createdAt: '2025-06-01T09:00:00.000Z',
	extensions: 0,
	...over
});

describe('dates', () => {
	it('normalises dd.mm.yyyy, ISO timestamps and dates', () => {
		expect(toIsoDate('31.08.2025')).toBe('2025-08-31');
		expect(toIsoDate('1.9.2025')).toBe('2025-09-01');
		expect(toIsoDate('2025-06-01T09:00:00.000Z')).toBe('2025-06-01');
		expect(toIsoDate('')).toBeNull();
		expect(toIsoDate('завтра')).toBeNull();
	});
	it('counts days across months and leap years', () => {
		expect(daysBetween('2025-08-31', '2025-09-01')).toBe(1);
		expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
		expect(daysBetween('2025-02-28', '2025-03-01')).toBe(1);
		expect(daysBetween('2025-09-01', '2025-08-31')).toBe(-1);
	});
});

describe('taskHealth', () => {
	it('done and cancelled win over any date', () => {
		expect(taskHealth(task({ status: 'done', dueDate: '2020-01-01' }), '2025-09-01')).toBe('done');
		expect(taskHealth(task({ status: 'cancelled', dueDate: '2020-01-01' }), '2025-09-01')).toBe('cancelled');
	});
	it('the last day of the term is still in time, the next day is overdue', () => {
		// term 91 days, at status adopted only max(10% → 10, 3) days are needed; on the day itself 0 left → at risk, not overdue
		expect(taskHealth(task({ status: 'adopted' }), '2025-08-31')).toBe('at_risk');
		expect(taskHealth(task({ status: 'adopted' }), '2025-09-01')).toBe('overdue');
		expect(taskHealth(task({ status: 'approval' }), '2025-12-31')).toBe('overdue');
	});
	it('without a deadline a task is on track', () => {
		expect(taskHealth(task({ dueDate: null, baselineDate: null }), '2030-01-01')).toBe('on_track');
	});
	it('early statuses need a larger share of the term to remain', () => {
		// term 2025-06-01 → 2025-08-31 = 91 days; on 2025-07-20, 42 days are left (46 %)
		const today = '2025-07-20';
		expect(daysBetween(today, '2025-08-31')).toBe(42);
		expect(taskHealth(task({ status: 'control' }), today)).toBe('at_risk'); // needs 50 % = 46 days
		expect(taskHealth(task({ status: 'in_work' }), today)).toBe('on_track'); // needs 35 % = 32 days
		expect(taskHealth(task({ status: 'approval' }), today)).toBe('on_track');
		expect(taskHealth(task({ status: 'adopted' }), today)).toBe('on_track');
	});
	it('the threshold day switches exactly', () => {
		// control needs ceil(0.5 × 91) = 46 days: 46 left is on track, 45 left is at risk
		expect(requiredReserve('control', 91, 0)).toBe(46);
		expect(taskHealth(task(), '2025-07-16')).toBe('on_track'); // 46 left
		expect(taskHealth(task(), '2025-07-17')).toBe('at_risk'); // 45 left
	});
	it('short terms are governed by the minimum days per status', () => {
		// created 10 days before the deadline: 10 days left, but «на контроле» needs at least 14
		const short = task({ createdAt: '2025-08-21', dueDate: '2025-08-31', baselineDate: '2025-08-31' });
		expect(taskHealth(short, '2025-08-21')).toBe('at_risk');
		expect(taskHealth({ ...short, status: 'approval' }, '2025-08-21')).toBe('on_track'); // needs max(2, 7)
		expect(taskHealth({ ...short, status: 'approval' }, '2025-08-26')).toBe('at_risk'); // 5 left < 7
	});
	it('an extended task is at risk sooner', () => {
		// on 2025-07-20: 42 days left of 91 — in work needs 32; after one extension 35+15=50 % → 46
		const today = '2025-07-20';
		expect(taskHealth(task({ status: 'in_work' }), today)).toBe('on_track');
		expect(taskHealth(task({ status: 'in_work', extensions: 1 }), today)).toBe('at_risk');
		expect(taskHealth(task({ status: 'in_work', extensions: 0, baselineDate: '2025-07-31' }), '2025-07-20')).toBe(
			'at_risk'
		);
		expect(taskHealth(task({ status: 'in_work', extensions: 0, baselineDate: '2025-07-31' }), '2025-06-10')).toBe(
			'on_track'
		);
	});
	it('a moved deadline counts as an extension even without events', () => {
		expect(effectiveExtensions({ dueDate: '2025-09-30', baselineDate: '2025-08-31', extensions: 0 })).toBe(1);
		expect(effectiveExtensions({ dueDate: '2025-09-30', baselineDate: '2025-08-31', extensions: 2 })).toBe(2);
		expect(effectiveExtensions({ dueDate: '2025-08-31', baselineDate: '2025-08-31', extensions: 0 })).toBe(0);
	});
	it('the share is capped so a many-times extended task is not at risk from day one of a long term', () => {
		expect(requiredReserve('control', 100, 10)).toBe(Math.max(90, 14 + 70));
	});
	it('an unknown status is judged like «на контроле»', () => {
		expect(taskHealth(task({ status: 'draft' }), '2025-07-17')).toBe('at_risk');
		expect(taskHealth(task({ status: 'draft' }), '2025-07-16')).toBe('on_track');
	});
	it('explains the verdict in Russian', () => {
		const v = explainTaskHealth(task(), '2025-09-03');
		expect(v.health).toBe('overdue');
		expect(v.daysLeft).toBe(-3);
		expect(v.reason).toContain('3 дн.');
		expect(explainTaskHealth(task({ extensions: 1 }), '2025-08-20').reason).toContain('продлевался');
	});
	it('labels and order', () => {
		expect(HEALTH_RU.at_risk).toBe('под угрозой');
		expect(HEALTH_RU.overdue).toBe('просрочено');
		expect(HEALTH_ORDER.overdue).toBeLessThan(HEALTH_ORDER.at_risk);
		expect(HEALTH_ORDER.at_risk).toBeLessThan(HEALTH_ORDER.on_track);
	});
});

describe('itemHealth', () => {
	const item = { dueDate: '2025-08-31', baselineDate: '2025-08-31', start: '2025-06-01' };
	it('an item without tasks is judged by its own term', () => {
		expect(itemHealth(item, [], '2025-06-15')).toBe('on_track');
		expect(itemHealth(item, [], '2025-08-10')).toBe('at_risk');
		expect(itemHealth(item, [], '2025-09-01')).toBe('overdue');
	});
	it('done when all tasks are done or cancelled; cancelled when all are cancelled', () => {
		expect(itemHealth(item, [task({ status: 'done' }), task({ status: 'cancelled' })], '2025-10-01')).toBe('done');
		expect(itemHealth(item, [task({ status: 'cancelled' })], '2025-06-15')).toBe('cancelled');
	});
	it('an overdue task makes the item overdue, an at-risk task makes it at risk', () => {
		const late = task({ dueDate: '2025-06-30', baselineDate: '2025-06-30', status: 'in_work' });
		expect(itemHealth(item, [late, task({ status: 'done' })], '2025-07-01')).toBe('overdue');
		expect(itemHealth(item, [task({ status: 'control' })], '2025-07-20')).toBe('at_risk');
	});
	it('the slowest open task sets the reserve the item needs', () => {
		// 2025-07-25: 37 days left of 91; tasks far along → fine; a task still «на контроле» → at risk
		const fast = task({ status: 'approval', dueDate: '2025-08-31' });
		expect(itemHealth(item, [fast], '2025-07-25')).toBe('on_track');
		expect(itemHealth(item, [fast, task({ status: 'control', dueDate: '2025-12-31', baselineDate: '2025-12-31' })], '2025-07-25')).toBe(
			'at_risk'
		);
	});
	it('an item without a deadline is on track unless its tasks say otherwise', () => {
		expect(itemHealth({ dueDate: null, baselineDate: null }, [], '2025-07-01')).toBe('on_track');
	});
});

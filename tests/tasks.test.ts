import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../src/lib/core/errors';
import { taskScope } from '../src/lib/server/auth/scope';
import type { SessionUser } from '../src/lib/server/auth/roles';
import { openDb, type Db } from '../src/lib/server/db/client';
import { roadmap, roadmapItem } from '../src/lib/server/db/schema';
import { compareEditions, importEdition, laterEditions, latestEdition, previousEditions } from '../src/lib/server/editions';
import { confirmFinding } from '../src/lib/server/findings';
import { importFiles } from '../src/lib/server/import';
import { initServices } from '../src/lib/server/services';
import {
	applyAction,
	closureOf,
	confirmedFindingsForTask,
	createTask,
	editTask,
	extendTask,
	getTask,
	getTaskRow,
	justifyClause,
	listTasks,
	noteNewEdition
} from '../src/lib/server/tasks';
import { SHARED_ACTS } from './paths';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'popravka-tasks-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The real act: a fragment of a regional регламент whose п. 3.1.1, абз. 2 excludes electronic appointment. */
const ACT = 'frag-cntd-561442499-no-e-appointment.txt';
const RESTRICTION = 'Запись на прием в министерство для подачи запроса о предоставлении государственной услуги через Региональный портал, Единый портал, официальный сайт не осуществляется.';
const FIXED = 'Запись на прием в министерство для подачи запроса о предоставлении государственной услуги осуществляется, в том числе через Региональный портал, Единый портал, официальный сайт.';
const NEW_PARAGRAPH = 'Заявление может быть также подано через Единый портал государственных и муниципальных услуг.';

function actText(): string {
	const raw = fs.readFileSync(path.join(SHARED_ACTS, ACT), 'utf8');
	return raw.slice(raw.indexOf('----- ТЕКСТ -----') + '----- ТЕКСТ -----'.length).trim();
}
const bytes = (s: string) => new TextEncoder().encode(s);

function expectUserError(fn: () => unknown, code: string): UserError {
	try {
		fn();
	} catch (e) {
		expect(e).toBeInstanceOf(UserError);
		expect((e as UserError).code).toBe(code);
		expect((e as UserError).message).toMatch(/[а-яё]/i);
		return e as UserError;
	}
	throw new Error(`expected UserError ${code}`);
}

describe('amendment tasks on a real SQLite file with real imports', () => {
	let db: Db;
	let actId: number;
	let findingId: number;
	let itemId: number;
	let taskId: number;
	const flaggedPath = 'p-3.1.1.abz-2';

	beforeAll(async () => {
		db = openDb(path.join(tmp, 'tasks.db'));
		await initServices(db);
		const text = actText();
		expect(text).toContain(RESTRICTION);
		const r = await importFiles(db, [{ name: ACT, bytes: bytes(text) }]);
		expect(r.files[0].status).toBe('imported');
		actId = r.files[0].actId!;
		const rm = db.insert(roadmap).values({ title: 'План мероприятий по переходу на национальный мессенджер' }).returning().get();
		itemId = db
			.insert(roadmapItem)
			.values({ roadmapId: rm.id, ord: 1, number: '1.2', title: 'Внесение изменений в административные регламенты', responsible: 'Министерство цифрового развития', dueDate: '2026-12-01', baselineDate: '2026-12-01' })
			.returning()
			.get().id;
	});

	it('the import flagged the restricting clause (the packs ran in the import transaction)', () => {
		const rows = db.$client
			.prepare('select f.id, f.status, f.rule_id, u.path from finding f join unit u on u.id = f.unit_id where f.act_id = ?')
			.all(actId) as { id: number; status: string; rule_id: string; path: string }[];
		const hit = rows.find((r) => r.path === flaggedPath);
		expect(hit).toBeDefined();
		expect(hit!.status).toBe('open');
		findingId = hit!.id;
	});

	it('refuses a task from an unconfirmed finding, then creates one from the confirmed finding with the roadmap deadline', () => {
		expectUserError(() => createTask(db, { findingIds: [findingId] }, 'Иванова'), 'finding_not_confirmed');
		confirmFinding(db, findingId, 'Иванова');
		expect(confirmedFindingsForTask(db, actId).map((f) => [f.unitPath, f.taskId])).toEqual([[flaggedPath, null]]);
		taskId = createTask(
			db,
			{ findingIds: [findingId], roadmapItemId: itemId, responsibleBody: 'Министерство цифрового развития', responsiblePerson: 'Петров П. П.', description: 'Разрешить запись на приём через ЕПГУ' },
			'Иванова',
			'2026-09-01T10:00:00.000Z'
		);
		const v = getTask(db, taskId, '2026-09-01');
		expect(v.task).toMatchObject({ status: 'control', actId, dueDate: '2026-12-01', baselineDate: '2026-12-01', roadmapItemId: itemId });
		expect(v.task.title).toContain('п. 3.1.1, абз. 2');
		expect(v.clauses.map((c) => [c.unitPath, c.findingId, c.ruleId])).toEqual([[flaggedPath, findingId, 'RC-006']]);
		expect(v.events.map((e) => [e.type, e.who, e.toValue])).toEqual([['created', 'Иванова', 'control']]);
		expect(v.actions).toEqual(['start', 'cancel']);
		expect(v.health.health).toBe('on_track');
		// The same finding cannot go into a second open task.
		expectUserError(() => createTask(db, { findingIds: [findingId] }, 'Иванова'), 'finding_in_task');
		expect(confirmedFindingsForTask(db, actId)[0].taskId).toBe(taskId);
	});

	it('moves through the workflow with history; «принят» needs the amending act; forbidden steps are refused', () => {
		expectUserError(() => applyAction(db, taskId, 'submit', {}, 'Петров'), 'transition_forbidden');
		applyAction(db, taskId, 'start', { comment: 'Готовим проект' }, 'Петров', '2026-09-02T09:00:00.000Z');
		applyAction(db, taskId, 'submit', {}, 'Петров', '2026-09-10T09:00:00.000Z');
		expectUserError(() => applyAction(db, taskId, 'adopt', { amendKind: 'приказ' }, 'Петров'), 'amend_requisites_required');
		applyAction(db, taskId, 'rework', { comment: 'Замечания прокуратуры' }, 'Сидоров', '2026-09-12T09:00:00.000Z');
		applyAction(db, taskId, 'submit', {}, 'Петров', '2026-09-15T09:00:00.000Z');
		const t = applyAction(db, taskId, 'adopt', { amendKind: 'приказ', amendDate: '2026-10-01', amendNumber: '45-од' }, 'Петров', '2026-10-02T09:00:00.000Z');
		expect(t).toMatchObject({ status: 'adopted', amendKind: 'приказ', amendDate: '2026-10-01', amendNumber: '45-од' });
		const v = getTask(db, taskId, '2026-10-02');
		expect(v.events.filter((e) => e.type === 'status').map((e) => `${e.fromValue}→${e.toValue}`).reverse()).toEqual([
			'control→in_work',
			'in_work→approval',
			'approval→in_work',
			'in_work→approval',
			'approval→adopted'
		]);
		expect(v.events.find((e) => e.fromValue === 'approval' && e.toValue === 'in_work')).toMatchObject({ who: 'Сидоров', comment: 'Замечания прокуратуры' });
		expect(v.events[0].comment).toContain('приказ от 01.10.2026 № 45-од');
	});

	it('продление keeps the baseline and is recorded with the reason', () => {
		expectUserError(() => extendTask(db, taskId, '2026-11-01', 'раньше срока', 'Петров'), 'date_not_later');
		extendTask(db, taskId, '2027-01-15', 'Ожидается опубликование', 'Петров', '2026-10-03T09:00:00.000Z');
		const t = getTaskRow(db, taskId);
		expect([t.dueDate, t.baselineDate]).toEqual(['2027-01-15', '2026-12-01']);
		const v = getTask(db, taskId, '2026-10-03');
		expect(v.extensions).toBe(1);
		expect(v.events[0]).toMatchObject({ type: 'extend', fromValue: '2026-12-01', toValue: '2027-01-15', comment: 'Ожидается опубликование', who: 'Петров' });
	});

	it('closure is refused without a new редакция', () => {
		const c = closureOf(db, getTaskRow(db, taskId));
		expect(c.allowed).toBe(false);
		expect(c.reasons[0]).toMatch(/Не загружена новая редакция/);
		expectUserError(() => applyAction(db, taskId, 'complete', {}, 'Петров'), 'closure_blocked');
	});

	let v2: number;
	it('a new редакция where the restriction only moved (renumbered) still blocks: the diff mapping finds it', async () => {
		const text = actText().replace(RESTRICTION, `${NEW_PARAGRAPH}\n${RESTRICTION}`);
		const r = await importEdition(db, actId, { name: 'редакция-2.txt', bytes: bytes(text) });
		v2 = r.actId!;
		expect(previousEditions(db, v2).map((a) => a.id)).toEqual([actId]);
		expect(latestEdition(db, actId)?.id).toBe(v2);
		expect(noteNewEdition(db, v2, 'Петров', '2026-10-04T09:00:00.000Z')).toEqual([taskId]);
		expect(getTask(db, taskId).events[0]).toMatchObject({ type: 'edition', toValue: String(v2) });

		const cmp = compareEditions(db, actId, v2);
		expect(cmp.mapping[flaggedPath]).toBe('p-3.1.1.abz-3');
		expect(cmp.counts.added).toBe(1);
		const moved = cmp.entries.find((e) => e.old?.path === flaggedPath)!;
		expect(moved).toMatchObject({ kind: 'unchanged', renumbered: true });
		expect(moved.findings.still).toEqual(['RC-006']);

		const c = closureOf(db, getTaskRow(db, taskId));
		expect(c.allowed).toBe(false);
		expect(c.editionActId).toBe(v2);
		expect(c.clauses[0]).toMatchObject({ verdict: 'flagged', newPath: 'p-3.1.1.abz-3' });
		expect(c.reasons[0]).toContain('теперь');
		const err = expectUserError(() => applyAction(db, taskId, 'complete', {}, 'Петров'), 'closure_blocked');
		expect(err.message).toContain('п. 3.1.1, абз. 2');
		expect(getTaskRow(db, taskId).status).toBe('adopted');
	});

	it('a justification for the still flagged clause allows the closure; clearing it blocks again', () => {
		const clauseId = getTask(db, taskId).clauses[0].id;
		justifyClause(db, taskId, clauseId, 'Запись на приём в министерство не предусмотрена федеральным регламентом', 'Иванова', '2026-10-05T09:00:00.000Z');
		const ok = closureOf(db, getTaskRow(db, taskId));
		expect(ok.allowed).toBe(true);
		expect(ok.clauses[0].verdict).toBe('justified');
		justifyClause(db, taskId, clauseId, '', 'Иванова', '2026-10-06T09:00:00.000Z');
		expect(closureOf(db, getTaskRow(db, taskId)).allowed).toBe(false);
		const ev = getTask(db, taskId).events.filter((e) => e.type === 'justify');
		expect(ev.map((e) => e.toValue)).toEqual([null, 'Запись на приём в министерство не предусмотрена федеральным регламентом']);
	});

	it('a later редакция without the restriction closes the task as «исполнено» with the evidence', async () => {
		await expect(importEdition(db, v2, { name: 'та же.txt', bytes: bytes(actText().replace(RESTRICTION, `${NEW_PARAGRAPH}\n${RESTRICTION}`)) })).rejects.toThrow(/совпадает с текущей редакцией/);
		const text = actText().replace(RESTRICTION, `${NEW_PARAGRAPH}\n${FIXED}`);
		const r = await importEdition(db, v2, { name: 'редакция-3.txt', bytes: bytes(text) });
		const v3 = r.actId!;
		expect(laterEditions(db, actId).map((a) => a.id)).toEqual([v2, v3]);

		const cmp = compareEditions(db, v2, v3);
		const fixed = cmp.entries.find((e) => e.old?.path === 'p-3.1.1.abz-3')!;
		expect(fixed.kind).toBe('changed');
		expect(fixed.findings).toEqual({ resolved: ['RC-006'], added: [], still: [] });
		expect(fixed.segments.some((s) => s.op === 'del' && s.text.includes('не осуществляется'))).toBe(true);
		expect(cmp.findingTotals.resolved).toBe(1);

		const c = closureOf(db, getTaskRow(db, taskId));
		expect(c).toMatchObject({ allowed: true, editionActId: v3 });
		expect(c.clauses[0]).toMatchObject({ verdict: 'fixed', newPath: 'p-3.1.1.abz-3' });
		const t = applyAction(db, taskId, 'complete', { comment: 'Изменения внесены' }, 'Иванова', '2026-10-20T09:00:00.000Z');
		expect(t).toMatchObject({ status: 'done', newEditionActId: v3 });
		const v = getTask(db, taskId, '2026-10-20');
		expect(v.actions).toEqual([]);
		expect(v.canExtend).toBe(false);
		expect(v.health.health).toBe('done');
		expect(v.events[0]).toMatchObject({ type: 'status', fromValue: 'adopted', toValue: 'done', who: 'Иванова' });
		expect(v.events[0].comment).toContain(`№ ${v3}`);
		expectUserError(() => extendTask(db, taskId, '2028-01-01', 'поздно', 'Иванова'), 'extend_forbidden');
		expectUserError(() => applyAction(db, taskId, 'cancel', { reason: 'x' }, 'Иванова'), 'transition_forbidden');
	});

	it('a task by hand on a clause; edits and cancellation are recorded; the list shows overdue first and filters', () => {
		expectUserError(() => createTask(db, { actId, unitPaths: [] }, 'Иванова'), 'clauses_required');
		expectUserError(() => createTask(db, { actId, unitPaths: ['p-99'] }, 'Иванова'), 'unit_not_found');
		const manual = createTask(db, { actId, unitPaths: ['p-3.1.3'], dueDate: '2026-09-30', responsibleBody: 'Администрация' }, 'Иванова', '2026-09-01T00:00:00.000Z');
		const late = createTask(db, { actId, unitPaths: ['p-3.1.2'], dueDate: '2026-10-10', responsibleBody: 'Министерство цифрового развития' }, 'Иванова', '2026-09-01T00:00:00.000Z');
		expect(editTask(db, manual, { responsiblePerson: 'Кузнецова', title: 'Уточнить требования к документам' }, 'Иванова')).toBe(2);
		expect(getTask(db, manual).events.filter((e) => e.type === 'edit').map((e) => e.comment).sort()).toEqual(['Наименование', 'Ответственное лицо']);

		const list = listTasks(db, {}, '2026-10-05');
		expect(list.map((t) => [t.id, t.health])).toEqual([
			[manual, 'overdue'],
			[late, 'at_risk'],
			[taskId, 'done']
		]);
		// Every row names its act (also an act whose requisites were not recognised).
		for (const row of list) expect(row.actRef).not.toBe('Акт удалён');
		expect(listTasks(db, { health: 'overdue' }, '2026-10-05').map((t) => t.id)).toEqual([manual]);
		expect(listTasks(db, { body: 'Администрация' }, '2026-10-05').map((t) => t.id)).toEqual([manual]);
		expect(listTasks(db, { status: 'done' }, '2026-10-05').map((t) => t.id)).toEqual([taskId]);

		expectUserError(() => applyAction(db, manual, 'cancel', {}, 'Иванова'), 'reason_required');
		applyAction(db, manual, 'cancel', { reason: 'Пункт утратил силу' }, 'Иванова');
		expect(getTaskRow(db, manual)).toMatchObject({ status: 'cancelled', cancelReason: 'Пункт утратил силу' });
		expect(listTasks(db, {}, '2026-10-05').map((t) => t.health)).toEqual(['at_risk', 'done', 'cancelled']);
	});

	it('the list is limited to the user\'s regions (the access scope of the task\'s act)', () => {
		const region = (db.$client.prepare('select scope_region r from act where id = ?').get(actId) as { r: string }).r;
		const user = (regions: string[]) => ({ role: 'lawyer', regions }) as unknown as SessionUser;
		const all = listTasks(db, {}, '2026-10-05').map((t) => t.id);
		expect(all.length).toBe(3);
		expect(listTasks(db, {}, '2026-10-05', taskScope(user([region]))).map((t) => t.id)).toEqual(all);
		expect(listTasks(db, {}, '2026-10-05', taskScope(user(['Регион, где нет задач'])))).toEqual([]);
	});
});

/**
 * Amendment tasks (контроль исполнения): creation from confirmed findings, status changes with history, продление
 * срока, justifications, and closure by evidence (a new редакция in which the clauses are no longer flagged).
 */
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { UserError } from '../core/errors';
import { explainTaskHealth, HEALTH_ORDER, todayIso, type Health, type HealthVerdict } from '../core/health';
import { checkClosure, type ClosureClause, type ClosureResult } from '../core/tasks/closure';
import {
	allowedActions,
	canExtend,
	extendDeadline,
	isIsoDate,
	isTaskStatus,
	transition,
	type TaskAction,
	type TaskEventDraft,
	type TaskPatch,
	type TaskStatus,
	type TransitionInput
} from '../core/tasks/workflow';
import type { Cookies } from '@sveltejs/kit';
import type { Db } from './db/client';
import { act, finding, roadmap, roadmapItem, task, taskClause, taskEvent, unit, type Task, type TaskEvent } from './db/schema';
import { currentReviewer } from './findings/reviewer';
import { actSummary, editionMapping, flaggingFindings, latestEdition, previousEditions, type ActSummary } from './editions';

/**
 * Who acts on a task: the signed-in account's name when the app has accounts (locals.user, read structurally),
 * else the reviewer name kept in the `reviewer` cookie (default «юрист»), shared with the findings triage.
 */
export function currentUser(cookies: Cookies, locals?: object): string {
	const u = (locals as { user?: { name?: string | null; login?: string | null } | null } | undefined)?.user;
	const fromAccount = u?.name?.trim() || u?.login?.trim();
	return fromAccount ? fromAccount.slice(0, 200) : currentReviewer(cookies);
}

const SEVERITY_RANK: Record<string, number> = { high: 0, medium: 1, low: 2 };

function clean(s: string | null | undefined, max = 2000): string | null {
	const v = (s ?? '').trim();
	return v ? v.slice(0, max) : null;
}

function whoOf(name: string): string {
	return clean(name, 200) ?? 'юрист';
}

function fail(code: string, message: string, detail?: string): never {
	throw new UserError(code, message, detail ?? code);
}

/** "Постановление от 07.12.2022 № 1150" (server-side copy of the page helper's wording). */
function actRefOf(a: { kind: string | null; date: string | null; number: string | null; fileName?: string | null }): string {
	if (!a.kind && !a.date && !a.number && a.fileName) return `Акт «${a.fileName}»`;
	const kind = a.kind ? a.kind[0].toUpperCase() + a.kind.slice(1) : 'Акт';
	const date = a.date ? ` от ${a.date.split('-').reverse().join('.')}` : '';
	return `${kind}${date}${a.number ? ` № ${a.number}` : ''}`;
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Creation                                                                                                     */
/* ------------------------------------------------------------------------------------------------------------ */

export interface NewTaskInput {
	/** Confirmed findings of one act: the task covers their clauses. */
	findingIds?: number[];
	/** Or, by hand: the act and the paths of its clauses. */
	actId?: number | null;
	unitPaths?: string[];
	title?: string | null;
	description?: string | null;
	responsibleBody?: string | null;
	responsiblePerson?: string | null;
	roadmapItemId?: number | null;
	/** Defaults to the roadmap item's deadline. */
	dueDate?: string | null;
}

interface ClauseDraft {
	unitPath: string;
	unitLabel: string;
	findingId: number | null;
	ruleIds: string[];
}

/** Non-final tasks that already cover these findings: finding id → task id. */
function findingsInActiveTasks(db: Db, findingIds: number[]): Map<number, number> {
	if (!findingIds.length) return new Map();
	const rows = db
		.select({ findingId: taskClause.findingId, taskId: taskClause.taskId })
		.from(taskClause)
		.innerJoin(task, eq(task.id, taskClause.taskId))
		.where(and(inArray(taskClause.findingId, findingIds), inArray(task.status, ['control', 'in_work', 'approval', 'adopted'])))
		.all();
	return new Map(rows.map((r) => [r.findingId!, r.taskId]));
}

function clausesFromFindings(db: Db, ids: number[]): { actId: number; clauses: ClauseDraft[] } {
	const unique = [...new Set(ids)];
	const rows = db
		.select({
			id: finding.id,
			actId: finding.actId,
			status: finding.status,
			ruleId: finding.ruleId,
			severity: finding.severity,
			path: unit.path,
			label: unit.label,
			ord: unit.ord
		})
		.from(finding)
		.innerJoin(unit, eq(unit.id, finding.unitId))
		.where(inArray(finding.id, unique))
		.all();
	if (rows.length !== unique.length) fail('finding_not_found', 'Некоторые находки не найдены: возможно, акт был удалён. Обновите страницу.');
	const acts = new Set(rows.map((r) => r.actId));
	if (acts.size > 1) fail('findings_mixed_acts', 'Одна задача охватывает пункты одного акта. Выберите находки одного акта или создайте несколько задач.');
	const notConfirmed = rows.filter((r) => r.status !== 'confirmed');
	if (notConfirmed.length)
		fail(
			'finding_not_confirmed',
			`Задачу можно создать только по подтверждённым находкам («Требует изменения»). Не подтверждены: ${notConfirmed.map((r) => r.label).join(', ')}.`
		);
	const busy = findingsInActiveTasks(db, unique);
	if (busy.size) {
		const [fid, tid] = [...busy][0];
		const label = rows.find((r) => r.id === fid)?.label ?? '';
		fail('finding_in_task', `Находка по ${label} уже включена в задачу № ${tid}. Откройте её: /tasks/${tid}.`);
	}
	// One clause per unit; the most severe finding motivates it, all its rules are listed.
	const byPath = new Map<string, (typeof rows)[number][]>();
	for (const r of rows.sort((a, b) => a.ord - b.ord || (SEVERITY_RANK[a.severity] ?? 9) - (SEVERITY_RANK[b.severity] ?? 9))) {
		const list = byPath.get(r.path) ?? [];
		list.push(r);
		byPath.set(r.path, list);
	}
	const clauses = [...byPath.values()].map((list) => ({
		unitPath: list[0].path,
		unitLabel: list[0].label,
		findingId: list[0].id,
		ruleIds: [...new Set(list.map((r) => r.ruleId))]
	}));
	return { actId: rows[0].actId, clauses };
}

function clausesByHand(db: Db, actId: number, paths: string[]): ClauseDraft[] {
	const unique = [...new Set(paths.map((p) => p.trim()).filter(Boolean))];
	if (!unique.length) return [];
	const units = db
		.select({ path: unit.path, label: unit.label, ord: unit.ord })
		.from(unit)
		.where(and(eq(unit.actId, actId), inArray(unit.path, unique)))
		.orderBy(asc(unit.ord))
		.all();
	const missing = unique.filter((p) => !units.some((u) => u.path === p));
	if (missing.length) fail('unit_not_found', `В акте нет пунктов: ${missing.join(', ')}.`);
	// Attach the act's confirmed findings on these clauses, if any.
	const found = db
		.select({ id: finding.id, ruleId: finding.ruleId, path: unit.path })
		.from(finding)
		.innerJoin(unit, eq(unit.id, finding.unitId))
		.where(and(eq(finding.actId, actId), eq(finding.status, 'confirmed'), inArray(unit.path, unique)))
		.all();
	return units.map((u) => {
		const fs = found.filter((f) => f.path === u.path);
		return { unitPath: u.path, unitLabel: u.label, findingId: fs[0]?.id ?? null, ruleIds: [...new Set(fs.map((f) => f.ruleId))] };
	});
}

/** Creates a task; returns its id. Throws UserError with a Russian message when the input is not acceptable. */
export function createTask(db: Db, input: NewTaskInput, who: string, now = new Date().toISOString()): number {
	let actId: number;
	let clauses: ClauseDraft[];
	if (input.findingIds?.length) {
		({ actId, clauses } = clausesFromFindings(db, input.findingIds));
		if (input.actId && input.actId !== actId) fail('findings_mixed_acts', 'Выбранные находки относятся к другому акту.');
		if (input.unitPaths?.length) {
			const extra = clausesByHand(db, actId, input.unitPaths.filter((p) => !clauses.some((c) => c.unitPath === p)));
			clauses.push(...extra);
		}
	} else {
		if (!input.actId) fail('act_required', 'Выберите акт, в который нужно внести изменения.');
		if (!actSummary(db, input.actId)) fail('act_not_found', 'Акт не найден: возможно, он был удалён.');
		actId = input.actId;
		clauses = clausesByHand(db, actId, input.unitPaths ?? []);
	}
	if (!clauses.length) fail('clauses_required', 'Отметьте хотя бы один пункт акта, который нужно изменить.');

	let dueDate = clean(input.dueDate, 10);
	if (dueDate && !isIsoDate(dueDate)) fail('date_invalid', 'Срок должен быть датой в формате ГГГГ-ММ-ДД.');
	let roadmapItemId: number | null = null;
	if (input.roadmapItemId) {
		const item = db.select().from(roadmapItem).where(eq(roadmapItem.id, input.roadmapItemId)).get();
		if (!item) fail('roadmap_item_not_found', 'Мероприятие дорожной карты не найдено.');
		roadmapItemId = item.id;
		if (!dueDate && item.dueDate && isIsoDate(item.dueDate)) dueDate = item.dueDate;
	}
	const a = actSummary(db, actId)!;
	const labels = clauses.map((c) => c.unitLabel).join(', ');
	const title = clean(input.title, 300) ?? `Внести изменения в ${actRefOf(a)}: ${labels}`.slice(0, 300);
	const user = whoOf(who);
	return db.transaction((tx) => {
		const row = tx
			.insert(task)
			.values({
				actId,
				title,
				description: clean(input.description, 5000),
				responsibleBody: clean(input.responsibleBody, 300),
				responsiblePerson: clean(input.responsiblePerson, 300),
				roadmapItemId,
				dueDate,
				baselineDate: dueDate,
				status: 'control',
				createdAt: now,
				updatedAt: now
			})
			.returning({ id: task.id })
			.get();
		for (const c of clauses)
			tx.insert(taskClause)
				.values({ taskId: row.id, unitPath: c.unitPath, unitLabel: c.unitLabel, findingId: c.findingId, ruleId: c.ruleIds.join(', ') || null })
				.run();
		tx.insert(taskEvent)
			.values({ taskId: row.id, at: now, who: user, type: 'created', fromValue: null, toValue: 'control', comment: `Пункты: ${labels}` })
			.run();
		return row.id;
	});
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Reading                                                                                                      */
/* ------------------------------------------------------------------------------------------------------------ */

export type TaskClauseRow = typeof taskClause.$inferSelect;

function extensionsOf(db: Db, taskIds: number[]): Map<number, number> {
	if (!taskIds.length) return new Map();
	const rows = db
		.select({ taskId: taskEvent.taskId, n: sql<number>`count(*)` })
		.from(taskEvent)
		.where(and(inArray(taskEvent.taskId, taskIds), eq(taskEvent.type, 'extend')))
		.groupBy(taskEvent.taskId)
		.all();
	return new Map(rows.map((r) => [r.taskId, r.n]));
}

function healthOf(t: Task, extensions: number, today: string): HealthVerdict {
	return explainTaskHealth({ status: t.status, dueDate: t.dueDate, baselineDate: t.baselineDate, createdAt: t.createdAt, extensions }, today);
}

export interface TaskFilters {
	status?: string | null;
	body?: string | null;
	actId?: number | null;
	health?: string | null;
}

export function taskFiltersFromUrl(params: URLSearchParams): TaskFilters {
	const get = (k: string) => params.get(k)?.trim() || null;
	const actId = Number(get('act'));
	return { status: get('status'), body: get('body'), actId: Number.isInteger(actId) && actId > 0 ? actId : null, health: get('health') };
}

export interface TaskListRow {
	id: number;
	title: string;
	status: TaskStatus;
	actId: number | null;
	actRef: string;
	actTitle: string | null;
	responsibleBody: string | null;
	responsiblePerson: string | null;
	dueDate: string | null;
	baselineDate: string | null;
	extensions: number;
	health: Health;
	healthReason: string;
	daysLeft: number | null;
	clauses: string[];
	roadmapItemId: number | null;
	roadmapNumber: string | null;
	updatedAt: string | null;
}

/**
 * Tasks matching the filters: overdue first, then at risk, on track, done, cancelled; then by deadline.
 * `scope` is the access condition on `task` rows (the user's regions), undefined for all.
 */
export function listTasks(db: Db, f: TaskFilters = {}, today = todayIso(), scope?: SQL): TaskListRow[] {
	const where: SQL[] = [];
	if (scope) where.push(scope);
	if (f.status && isTaskStatus(f.status)) where.push(eq(task.status, f.status));
	if (f.body) where.push(eq(task.responsibleBody, f.body));
	if (f.actId) where.push(eq(task.actId, f.actId));
	const rows = db
		// act.id keeps the joined object non-null for acts without requisites (drizzle nulls an all-null nested object).
		.select({ t: task, a: { id: act.id, kind: act.kind, date: act.date, number: act.number, title: act.title, fileName: act.fileName }, itemNumber: roadmapItem.number })
		.from(task)
		.leftJoin(act, eq(act.id, task.actId))
		.leftJoin(roadmapItem, eq(roadmapItem.id, task.roadmapItemId))
		.where(where.length ? and(...where) : undefined)
		.orderBy(asc(task.dueDate), asc(task.id))
		.all();
	const ids = rows.map((r) => r.t.id);
	const ext = extensionsOf(db, ids);
	const clauseRows = ids.length
		? db.select({ taskId: taskClause.taskId, label: taskClause.unitLabel }).from(taskClause).where(inArray(taskClause.taskId, ids)).orderBy(asc(taskClause.id)).all()
		: [];
	const out = rows.map(({ t, a, itemNumber }) => {
		const n = ext.get(t.id) ?? 0;
		const h = healthOf(t, n, today);
		return {
			id: t.id,
			title: t.title,
			status: t.status as TaskStatus,
			actId: t.actId,
			actRef: a ? actRefOf(a) : 'Акт удалён',
			actTitle: a?.title ?? null,
			responsibleBody: t.responsibleBody,
			responsiblePerson: t.responsiblePerson,
			dueDate: t.dueDate,
			baselineDate: t.baselineDate,
			extensions: n,
			health: h.health,
			healthReason: h.reason,
			daysLeft: h.daysLeft,
			clauses: clauseRows.filter((c) => c.taskId === t.id).map((c) => c.label),
			roadmapItemId: t.roadmapItemId,
			roadmapNumber: itemNumber ?? null,
			updatedAt: t.updatedAt
		};
	});
	const filtered = f.health ? out.filter((r) => r.health === f.health) : out;
	return filtered.sort(
		(x, y) => HEALTH_ORDER[x.health] - HEALTH_ORDER[y.health] || (x.dueDate ?? '9999').localeCompare(y.dueDate ?? '9999') || x.id - y.id
	);
}

/** Distinct values for the list's filters (within `scope`, the access condition on `task` rows). */
export function taskFacets(db: Db, scope?: SQL) {
	const bodies = db
		.selectDistinct({ v: task.responsibleBody })
		.from(task)
		.where(scope)
		.orderBy(asc(task.responsibleBody))
		.all()
		.map((r) => r.v)
		.filter((v): v is string => !!v);
	const acts = db
		.selectDistinct({ id: act.id, kind: act.kind, date: act.date, number: act.number, fileName: act.fileName })
		.from(task)
		.innerJoin(act, eq(act.id, task.actId))
		.where(scope)
		.orderBy(asc(act.id))
		.all()
		.map((a) => ({ id: a.id, ref: actRefOf(a) }));
	return { bodies, acts };
}

export interface TaskView {
	task: Task & { status: TaskStatus };
	act: ActSummary | null;
	clauses: TaskClauseRow[];
	events: TaskEvent[];
	roadmapItem: { id: number; number: string; title: string; dueDate: string | null; roadmapId: number } | null;
	health: HealthVerdict;
	extensions: number;
	actions: TaskAction[];
	canExtend: boolean;
	closure: ClosureResult;
	/** The newest редакция of the act, if one was imported. */
	edition: ActSummary | null;
}

export function getTaskRow(db: Db, id: number): Task {
	const t = db.select().from(task).where(eq(task.id, id)).get();
	if (!t) fail('task_not_found', 'Задача не найдена: возможно, она была удалена.', `task ${id}`);
	return t;
}

/** The closure check of a task against the newest редакция of its act. */
export function closureOf(db: Db, t: Task, clauses?: TaskClauseRow[]): ClosureResult {
	const cl = clauses ?? db.select().from(taskClause).where(eq(taskClause.taskId, t.id)).orderBy(asc(taskClause.id)).all();
	const input: ClosureClause[] = [];
	for (const c of cl) {
		// Several rows may name the same clause: one check per clause; any justification counts.
		const prev = input.find((x) => x.unitPath === c.unitPath);
		if (prev) prev.justification ??= c.justification;
		else input.push({ unitPath: c.unitPath, unitLabel: c.unitLabel, ruleId: c.ruleId, justification: c.justification });
	}
	const edition = t.actId ? latestEdition(db, t.actId) : null;
	if (!t.actId || !edition) return checkClosure(input, null);
	const units = db.select({ path: unit.path, label: unit.label }).from(unit).where(eq(unit.actId, edition.id)).all();
	const diff = editionMapping(db, t.actId, edition.id);
	return checkClosure(input, {
		actId: edition.id,
		unitPaths: units.map((u) => u.path),
		labels: Object.fromEntries(units.map((u) => [u.path, u.label])),
		findings: flaggingFindings(db, edition.id).filter((f) => f.status === 'open' || f.status === 'confirmed'),
		mapping: diff.mapping
	});
}

export function getTask(db: Db, id: number, today = todayIso()): TaskView {
	const t = getTaskRow(db, id);
	const clauses = db.select().from(taskClause).where(eq(taskClause.taskId, id)).orderBy(asc(taskClause.id)).all();
	const events = db.select().from(taskEvent).where(eq(taskEvent.taskId, id)).orderBy(desc(taskEvent.at), desc(taskEvent.id)).all();
	const extensions = events.filter((e) => e.type === 'extend').length;
	const item = t.roadmapItemId
		? (db
				.select({ id: roadmapItem.id, number: roadmapItem.number, title: roadmapItem.title, dueDate: roadmapItem.dueDate, roadmapId: roadmapItem.roadmapId })
				.from(roadmapItem)
				.where(eq(roadmapItem.id, t.roadmapItemId))
				.get() ?? null)
		: null;
	const status = (isTaskStatus(t.status) ? t.status : 'control') as TaskStatus;
	return {
		task: { ...t, status },
		act: t.actId ? actSummary(db, t.actId) : null,
		clauses,
		events,
		roadmapItem: item,
		health: healthOf(t, extensions, today),
		extensions,
		actions: allowedActions(status),
		canExtend: canExtend(status),
		closure: closureOf(db, t, clauses),
		edition: t.actId ? latestEdition(db, t.actId) : null
	};
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Changes                                                                                                      */
/* ------------------------------------------------------------------------------------------------------------ */

function save(db: Db, id: number, patch: TaskPatch & { newEditionActId?: number | null }, event: TaskEventDraft, who: string, now: string): void {
	db.transaction((tx) => {
		tx.update(task).set({ ...patch, updatedAt: now }).where(eq(task.id, id)).run();
		tx.insert(taskEvent).values({ taskId: id, at: now, who: whoOf(who), ...event }).run();
	});
}

/** Changes the status by an action of the workflow; «исполнено» is checked against the newest редакция. */
export function applyAction(db: Db, id: number, action: TaskAction, input: TransitionInput, who: string, now = new Date().toISOString()): Task {
	const t = getTaskRow(db, id);
	if (!isTaskStatus(t.status)) fail('status_unknown', 'У задачи неизвестный статус. Сообщите администратору.', t.status);
	let closure: ClosureResult | null = null;
	if (action === 'complete') closure = closureOf(db, t);
	const r = transition({ ...t, status: t.status }, action, { ...input, closure });
	if (!r.ok) fail(r.code, r.message, `task ${id}: ${action} from ${t.status}`);
	const patch: TaskPatch & { newEditionActId?: number | null } = { ...r.patch };
	let event = r.event;
	if (closure?.editionActId) {
		patch.newEditionActId = closure.editionActId;
		const evidence = `Основание: новая редакция акта (№ ${closure.editionActId} в системе).`;
		event = { ...event, comment: event.comment ? `${event.comment}. ${evidence}` : evidence };
	}
	save(db, id, patch, event, who, now);
	return getTaskRow(db, id);
}

/** Продление срока with a reason; the baseline date is kept. */
export function extendTask(db: Db, id: number, newDate: string, reason: string, who: string, now = new Date().toISOString()): Task {
	const t = getTaskRow(db, id);
	if (!isTaskStatus(t.status)) fail('status_unknown', 'У задачи неизвестный статус.', t.status);
	const r = extendDeadline({ ...t, status: t.status }, newDate, reason);
	if (!r.ok) fail(r.code, r.message, `task ${id}: extend to ${newDate}`);
	save(db, id, r.patch, r.event, who, now);
	return getTaskRow(db, id);
}

/** Records (or clears, with an empty text) why a clause may stay as it is although still flagged. */
export function justifyClause(db: Db, taskId: number, clauseId: number, text: string, who: string, now = new Date().toISOString()): void {
	const t = getTaskRow(db, taskId);
	if (t.status === 'done' || t.status === 'cancelled') fail('task_final', 'Задача завершена: обоснования больше не меняются.');
	const c = db.select().from(taskClause).where(and(eq(taskClause.id, clauseId), eq(taskClause.taskId, taskId))).get();
	if (!c) fail('clause_not_found', 'Пункт задачи не найден.');
	const value = clean(text, 3000);
	db.transaction((tx) => {
		tx.update(taskClause).set({ justification: value }).where(eq(taskClause.id, clauseId)).run();
		tx.update(task).set({ updatedAt: now }).where(eq(task.id, taskId)).run();
		tx.insert(taskEvent)
			.values({ taskId, at: now, who: whoOf(who), type: 'justify', fromValue: c.justification, toValue: value, comment: `${c.unitLabel}: ${value ?? 'обоснование снято'}` })
			.run();
	});
}

const EDITABLE = { title: 'Наименование', description: 'Описание', responsibleBody: 'Ответственный орган', responsiblePerson: 'Ответственное лицо' } as const;
export type EditableField = keyof typeof EDITABLE;

/** Edits descriptive fields; each changed field is a history event. The deadline changes only through продление. */
export function editTask(db: Db, id: number, values: Partial<Record<EditableField, string | null>>, who: string, now = new Date().toISOString()): number {
	const t = getTaskRow(db, id);
	if (t.status === 'done' || t.status === 'cancelled') fail('task_final', 'Задача завершена: её поля больше не меняются.');
	let changed = 0;
	db.transaction((tx) => {
		for (const key of Object.keys(EDITABLE) as EditableField[]) {
			if (!(key in values)) continue;
			const next = clean(values[key], key === 'description' ? 5000 : 300);
			if (key === 'title' && !next) fail('title_required', 'Наименование задачи не может быть пустым.');
			if (next === t[key]) continue;
			tx.update(task).set({ [key]: next, updatedAt: now }).where(eq(task.id, id)).run();
			tx.insert(taskEvent).values({ taskId: id, at: now, who: whoOf(who), type: 'edit', fromValue: t[key], toValue: next, comment: EDITABLE[key] }).run();
			changed++;
		}
	});
	return changed;
}

/** Notes a newly imported редакция in the history of the open tasks of its earlier редакции. Returns their ids. */
export function noteNewEdition(db: Db, newActId: number, who: string, now = new Date().toISOString()): number[] {
	const earlier = previousEditions(db, newActId).map((a) => a.id);
	if (!earlier.length) return [];
	const open = db
		.select({ id: task.id })
		.from(task)
		.where(and(inArray(task.actId, earlier), inArray(task.status, ['control', 'in_work', 'approval', 'adopted'])))
		.all();
	for (const { id } of open)
		db.insert(taskEvent)
			.values({ taskId: id, at: now, who: whoOf(who), type: 'edition', fromValue: null, toValue: String(newActId), comment: 'Загружена новая редакция акта' })
			.run();
	return open.map((r) => r.id);
}

/** Confirmed findings of an act that no open task covers yet (for «Создать задачу»). */
export function confirmedFindingsForTask(db: Db, actId: number) {
	const rows = db
		.select({ id: finding.id, ruleId: finding.ruleId, message: finding.message, severity: finding.severity, unitPath: unit.path, unitLabel: unit.label, unitText: unit.text })
		.from(finding)
		.innerJoin(unit, eq(unit.id, finding.unitId))
		.where(and(eq(finding.actId, actId), eq(finding.status, 'confirmed')))
		.orderBy(asc(unit.ord), asc(finding.ruleId))
		.all();
	const busy = findingsInActiveTasks(db, rows.map((r) => r.id));
	return rows.map((r) => ({ ...r, taskId: busy.get(r.id) ?? null }));
}

/** Roadmap items to link a task to (number, title, deadline); `scope` is the access condition on `roadmap` rows. */
export function roadmapItemsForSelect(db: Db, scope?: SQL) {
	return db
		.select({ id: roadmapItem.id, number: roadmapItem.number, title: roadmapItem.title, dueDate: roadmapItem.dueDate, responsible: roadmapItem.responsible })
		.from(roadmapItem)
		.innerJoin(roadmap, eq(roadmap.id, roadmapItem.roadmapId))
		.where(scope)
		.orderBy(asc(roadmapItem.roadmapId), asc(roadmapItem.ord))
		.all();
}

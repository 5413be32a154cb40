/** Queries shared by the exports and the dashboard: tasks with their health, findings of acts in clause order. */
import { and, asc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { explainTaskHealth, type Health } from '../../core/health';
import type { Db } from '../db/client';
import { act, finding, roadmapItem, task, unit } from '../db/schema';
import { actScope, findingScope, roadmapScope, taskScope } from '../auth/scope';
import type { SessionUser } from '../auth/roles';
import { ruleTitles } from '../findings';
import { extensionCounts } from '../roadmap';

/**
 * Region scope of a reader: SQL conditions on act, finding, task and roadmap rows (undefined = no limit).
 * The CLI and tests pass no user (everything); pages and exports pass the signed-in user.
 */
export interface Scope {
	act?: SQL;
	finding?: SQL;
	task?: SQL;
	roadmap?: SQL;
}

export function scopeOf(user: SessionUser | null | undefined): Scope {
	if (!user) return {};
	return { act: actScope(user), finding: findingScope(user), task: taskScope(user), roadmap: roadmapScope(user) };
}

export interface TaskRow {
	id: number;
	title: string;
	actId: number | null;
	actKind: string | null;
	actDate: string | null;
	actNumber: string | null;
	actTitle: string | null;
	actBody: string | null;
	responsibleBody: string | null;
	responsiblePerson: string | null;
	roadmapItemId: number | null;
	roadmapItemNumber: string | null;
	roadmapItemTitle: string | null;
	status: string;
	dueDate: string | null;
	baselineDate: string | null;
	createdAt: string;
	extensions: number;
	health: Health;
	healthReason: string;
	daysLeft: number | null;
}

/** All tasks with act, roadmap item, extensions and derived health on `today`. */
export function tasksWithHealth(db: Db, today: string, scope: Scope = {}): TaskRow[] {
	const rows = db
		.select({
			id: task.id,
			title: task.title,
			actId: task.actId,
			actKind: act.kind,
			actDate: act.date,
			actNumber: act.number,
			actTitle: act.title,
			actBody: act.body,
			responsibleBody: task.responsibleBody,
			responsiblePerson: task.responsiblePerson,
			roadmapItemId: task.roadmapItemId,
			roadmapItemNumber: roadmapItem.number,
			roadmapItemTitle: roadmapItem.title,
			status: task.status,
			dueDate: task.dueDate,
			baselineDate: task.baselineDate,
			createdAt: task.createdAt
		})
		.from(task)
		.leftJoin(act, eq(act.id, task.actId))
		.leftJoin(roadmapItem, eq(roadmapItem.id, task.roadmapItemId))
		.where(scope.task)
		.orderBy(asc(task.dueDate), asc(task.id))
		.all();
	const ext = extensionCounts(db);
	return rows.map((r) => {
		const extensions = ext.get(r.id) ?? 0;
		const v = explainTaskHealth({ ...r, extensions }, today);
		return { ...r, extensions, health: v.health, healthReason: v.reason, daysLeft: v.daysLeft };
	});
}

export interface AuditRow {
	findingId: number;
	actId: number;
	actKind: string | null;
	actDate: string | null;
	actNumber: string | null;
	actTitle: string | null;
	actBody: string | null;
	unitId: number;
	unitOrd: number;
	unitPath: string;
	unitLabel: string;
	unitText: string;
	ruleId: string;
	ruleTitle: string;
	category: string;
	severity: string;
	status: string;
	reason: string | null;
	message: string;
	legalBasis: string;
	suggestedWording: string;
}

/** Findings of one act (or of all acts) in act and clause order; `statuses` limits them (default: all). */
export function auditRows(db: Db, opts: { actId?: number | null; statuses?: string[]; scope?: Scope } = {}): AuditRow[] {
	const titles = ruleTitles();
	const where = [];
	if (opts.actId) where.push(eq(finding.actId, opts.actId));
	if (opts.statuses?.length) where.push(inArray(finding.status, opts.statuses));
	if (opts.scope?.finding) where.push(opts.scope.finding);
	return db
		.select({
			findingId: finding.id,
			actId: finding.actId,
			actKind: act.kind,
			actDate: act.date,
			actNumber: act.number,
			actTitle: act.title,
			actBody: act.body,
			unitId: unit.id,
			unitOrd: unit.ord,
			unitPath: unit.path,
			unitLabel: unit.label,
			unitText: unit.text,
			ruleId: finding.ruleId,
			category: finding.category,
			severity: finding.severity,
			status: finding.status,
			reason: finding.reason,
			message: finding.message,
			legalBasis: finding.legalBasis,
			suggestedWording: finding.suggestedWording
		})
		.from(finding)
		.innerJoin(unit, eq(unit.id, finding.unitId))
		.innerJoin(act, eq(act.id, finding.actId))
		.where(where.length ? and(...where) : undefined)
		.orderBy(asc(act.id), asc(unit.ord), asc(finding.ruleId))
		.all()
		.map((r) => ({ ...r, ruleTitle: titles.get(r.ruleId) ?? r.ruleId }));
}

/** Count of findings per act that are not dismissed/resolved (for links and checks). */
export function openFindingCount(db: Db, actId: number): number {
	const r = db
		.select({ n: sql<number>`count(*)` })
		.from(finding)
		.where(and(eq(finding.actId, actId), ne(finding.status, 'dismissed'), ne(finding.status, 'resolved')))
		.get();
	return Number(r?.n ?? 0);
}

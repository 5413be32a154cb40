/** The dashboard `/`: audit coverage, open findings, tasks by status and health, near deadlines, the heatmap. */
import { and, sql } from 'drizzle-orm';
import { HEALTH_ORDER, daysBetween, type Health } from '../core/health';
import type { Db } from './db/client';
import { act, finding } from './db/schema';
import { tasksWithHealth, type Scope, type TaskRow } from './exports/data';
import { ruleTitles } from './findings';
import { listRoadmaps, roadmapView } from './roadmap';

export interface Deadline {
	kind: 'task' | 'item';
	id: number;
	title: string;
	dueDate: string;
	daysLeft: number;
	health: Health;
	href: string;
	who: string | null;
}

export interface Heatmap {
	bodies: string[];
	rules: { id: string; title: string }[];
	/** cells[body][rule] = open findings */
	cells: Record<string, Record<string, number>>;
	max: number;
}

export interface Dashboard {
	today: string;
	acts: number;
	actsWithFindings: number;
	findingsByStatus: Record<string, number>;
	openByCategory: { category: string; count: number }[];
	tasksByStatus: Record<string, number>;
	tasksByHealth: Record<Health, number>;
	/** Open tasks, overdue first, then at risk, then by deadline. */
	attention: TaskRow[];
	upcoming: Deadline[];
	heatmap: Heatmap;
	roadmaps: { id: number; title: string; items: number; overdue: number; atRisk: number; done: number }[];
}

const NO_BODY = '(орган не указан)';
export const UPCOMING_DAYS = 14;

export function dashboard(db: Db, today: string, scope: Scope = {}): Dashboard {
	const acts = Number(db.select({ n: sql<number>`count(*)` }).from(act).where(scope.act).get()?.n ?? 0);
	const actsWithFindings = Number(
		db.select({ n: sql<number>`count(distinct ${finding.actId})` }).from(finding).where(scope.finding).get()?.n ?? 0
	);
	const findingsByStatus = Object.fromEntries(
		db
			.select({ status: finding.status, n: sql<number>`count(*)` })
			.from(finding)
			.where(scope.finding)
			.groupBy(finding.status)
			.all()
			.map((r) => [r.status, Number(r.n)])
	);
	const openByCategory = db
		.select({ category: finding.category, count: sql<number>`count(*)` })
		.from(finding)
		.where(and(sql`${finding.status} = 'open'`, scope.finding))
		.groupBy(finding.category)
		.orderBy(sql`count(*) desc`)
		.all()
		.map((r) => ({ category: r.category, count: Number(r.count) }));

	const tasks = tasksWithHealth(db, today, scope);
	const tasksByStatus: Record<string, number> = {};
	const tasksByHealth: Record<Health, number> = { overdue: 0, at_risk: 0, on_track: 0, done: 0, cancelled: 0 };
	for (const t of tasks) {
		tasksByStatus[t.status] = (tasksByStatus[t.status] ?? 0) + 1;
		tasksByHealth[t.health]++;
	}
	const attention = tasks
		.filter((t) => t.health !== 'done' && t.health !== 'cancelled')
		.sort((a, b) => HEALTH_ORDER[a.health] - HEALTH_ORDER[b.health] || (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999'))
		.slice(0, 12);

	const upcoming: Deadline[] = [];
	const soon = (d: string | null) => d !== null && daysBetween(today, d) >= 0 && daysBetween(today, d) <= UPCOMING_DAYS;
	for (const t of tasks)
		if (t.health !== 'done' && t.health !== 'cancelled' && soon(t.dueDate))
			upcoming.push({ kind: 'task', id: t.id, title: t.title, dueDate: t.dueDate!, daysLeft: daysBetween(today, t.dueDate!), health: t.health, href: `/tasks/${t.id}`, who: t.responsibleBody });
	const roadmaps: Dashboard['roadmaps'] = [];
	for (const r of listRoadmaps(db, scope.roadmap)) {
		const view = roadmapView(db, r.id, today, scope.task)!;
		roadmaps.push({
			id: r.id,
			title: r.title,
			items: view.items.length,
			overdue: view.items.filter((i) => i.health === 'overdue').length,
			atRisk: view.items.filter((i) => i.health === 'at_risk').length,
			done: view.items.filter((i) => i.health === 'done').length
		});
		for (const it of view.items)
			if (it.health !== 'done' && it.health !== 'cancelled' && soon(it.dueDate))
				upcoming.push({ kind: 'item', id: it.id, title: `п. ${it.number}. ${it.title}`, dueDate: it.dueDate!, daysLeft: daysBetween(today, it.dueDate!), health: it.health, href: `/roadmap?id=${r.id}#item-${it.id}`, who: it.responsible });
	}
	upcoming.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.title.localeCompare(b.title));

	return {
		today,
		acts,
		actsWithFindings,
		findingsByStatus,
		openByCategory,
		tasksByStatus,
		tasksByHealth,
		attention,
		upcoming,
		heatmap: heatmap(db, scope),
		roadmaps
	};
}

/** Open findings by issuing body (орган) × rule. */
export function heatmap(db: Db, scope: Scope = {}): Heatmap {
	const rows = db
		.select({ body: act.body, ruleId: finding.ruleId, n: sql<number>`count(*)` })
		.from(finding)
		.innerJoin(act, sql`${act.id} = ${finding.actId}`)
		.where(and(sql`${finding.status} = 'open'`, scope.finding))
		.groupBy(act.body, finding.ruleId)
		.all();
	const cells: Record<string, Record<string, number>> = {};
	const bodyTotals = new Map<string, number>();
	const ruleTotals = new Map<string, number>();
	let max = 0;
	for (const r of rows) {
		const body = r.body?.trim() || NO_BODY;
		const n = Number(r.n);
		(cells[body] ??= {})[r.ruleId] = (cells[body]?.[r.ruleId] ?? 0) + n;
		max = Math.max(max, cells[body][r.ruleId]);
		bodyTotals.set(body, (bodyTotals.get(body) ?? 0) + n);
		ruleTotals.set(r.ruleId, (ruleTotals.get(r.ruleId) ?? 0) + n);
	}
	const titles = ruleTitles();
	return {
		bodies: [...bodyTotals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([b]) => b),
		rules: [...ruleTotals.keys()].sort().map((id) => ({ id, title: titles.get(id) ?? id })),
		cells,
		max
	};
}

export const NO_BODY_LABEL = NO_BODY;

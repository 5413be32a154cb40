/**
 * Редакции of an act: the chain through act.previousEditionId, import of a new редакция, and the clause-by-clause
 * comparison of two редакции with the findings delta per clause.
 */
import { and, asc, eq, inArray, notInArray } from 'drizzle-orm';
import { diffEditions, findingsDelta, type DiffEntry, type EditionDiff, type FindingsDelta } from '../core/diff';
import { UserError } from '../core/errors';
import type { Db } from './db/client';
import { act, finding, unit, type Act } from './db/schema';
import { importFiles, type ImportFileReport, type ImportInput } from './import';

/** Finding statuses that still flag a clause (dismissed = false positive, resolved = no longer produced). */
export const FLAGGING_STATUSES = ['open', 'confirmed'] as const;

export type ActSummary = Pick<Act, 'id' | 'kind' | 'date' | 'number' | 'title' | 'fileName' | 'importedAt' | 'previousEditionId'>;

const summaryCols = {
	id: act.id,
	kind: act.kind,
	date: act.date,
	number: act.number,
	title: act.title,
	fileName: act.fileName,
	importedAt: act.importedAt,
	previousEditionId: act.previousEditionId
};

export function actSummary(db: Db, id: number): ActSummary | null {
	return db.select(summaryCols).from(act).where(eq(act.id, id)).get() ?? null;
}

/** Earlier редакции of an act, nearest first (follows previousEditionId; stops on a cycle). */
export function previousEditions(db: Db, actId: number): ActSummary[] {
	const out: ActSummary[] = [];
	const seen = new Set([actId]);
	let cur = actSummary(db, actId);
	while (cur?.previousEditionId && !seen.has(cur.previousEditionId)) {
		seen.add(cur.previousEditionId);
		cur = actSummary(db, cur.previousEditionId);
		if (cur) out.push(cur);
	}
	return out;
}

/** Later редакции whose previousEditionId chain leads to the act, in chain order (breadth first, oldest first). */
export function laterEditions(db: Db, actId: number): ActSummary[] {
	const out: ActSummary[] = [];
	const seen = new Set([actId]);
	let frontier = [actId];
	while (frontier.length) {
		const next = db
			.select(summaryCols)
			.from(act)
			.where(inArray(act.previousEditionId, frontier))
			.orderBy(asc(act.importedAt), asc(act.id))
			.all()
			.filter((a) => !seen.has(a.id));
		for (const a of next) seen.add(a.id);
		out.push(...next);
		frontier = next.map((a) => a.id);
	}
	return out;
}

/** The newest редакция derived from the act (the last in the chain), or null when there is none. */
export function latestEdition(db: Db, actId: number): ActSummary | null {
	const later = laterEditions(db, actId);
	return later.length ? later[later.length - 1] : null;
}

/** Imports a file as a new редакция of `oldActId`. A file identical to an existing act is refused. */
export async function importEdition(db: Db, oldActId: number, file: ImportInput): Promise<ImportFileReport> {
	if (!actSummary(db, oldActId)) throw new UserError('act_not_found', 'Акт не найден: возможно, он был удалён.', `act ${oldActId}`);
	const report = await importFiles(db, [file], { previousEditionId: oldActId });
	const r = report.files[0];
	if (r.status === 'duplicate') {
		throw new UserError(
			'edition_duplicate',
			r.actId === oldActId
				? 'Этот файл совпадает с текущей редакцией акта: изменений нет. Загрузите файл новой редакции.'
				: `Этот файл уже загружен ранее как акт № ${r.actId}. Новая редакция должна отличаться от загруженных файлов.`,
			`duplicate of act ${r.actId}`
		);
	}
	if (r.status === 'rejected') throw new UserError('edition_rejected', r.message ?? 'Файл не удалось импортировать.', r.path);
	return r;
}

interface UnitWithRules {
	id: number;
	path: string;
	label: string;
	text: string;
	kind: string;
}

function unitsOf(db: Db, actId: number): UnitWithRules[] {
	return db
		.select({ id: unit.id, path: unit.path, label: unit.label, text: unit.text, kind: unit.kind })
		.from(unit)
		.where(eq(unit.actId, actId))
		.orderBy(asc(unit.ord))
		.all();
}

/** Rule ids of findings that still flag each unit of an act, by unit path. */
export function flaggingRulesByPath(db: Db, actId: number): Map<string, string[]> {
	const rows = db
		.select({ path: unit.path, ruleId: finding.ruleId })
		.from(finding)
		.innerJoin(unit, eq(unit.id, finding.unitId))
		.where(and(eq(finding.actId, actId), inArray(finding.status, [...FLAGGING_STATUSES])))
		.orderBy(asc(unit.ord), asc(finding.ruleId))
		.all();
	const m = new Map<string, string[]>();
	for (const r of rows) {
		const list = m.get(r.path) ?? [];
		if (!list.includes(r.ruleId)) list.push(r.ruleId);
		m.set(r.path, list);
	}
	return m;
}

/** Findings that flag units of an act (open/confirmed), with their unit paths and messages. */
export function flaggingFindings(db: Db, actId: number) {
	return db
		.select({ id: finding.id, unitPath: unit.path, ruleId: finding.ruleId, message: finding.message, status: finding.status })
		.from(finding)
		.innerJoin(unit, eq(unit.id, finding.unitId))
		.where(and(eq(finding.actId, actId), notInArray(finding.status, ['dismissed', 'resolved'])))
		.orderBy(asc(unit.ord))
		.all();
}

export interface ComparedEntry extends DiffEntry {
	findings: FindingsDelta;
}

export interface EditionComparison {
	oldAct: ActSummary;
	newAct: ActSummary;
	entries: ComparedEntry[];
	mapping: EditionDiff['mapping'];
	counts: EditionDiff['counts'];
	/** Totals of the findings delta over all clauses. */
	findingTotals: { resolved: number; added: number; still: number };
}

/** Pairs old and new units (by path and by text similarity) without the findings: for the closure check. */
export function editionMapping(db: Db, oldActId: number, newActId: number): EditionDiff {
	return diffEditions(unitsOf(db, oldActId), unitsOf(db, newActId));
}

/** The clause-by-clause comparison of two редакции with the findings delta per clause. */
export function compareEditions(db: Db, oldActId: number, newActId: number): EditionComparison {
	const oldAct = actSummary(db, oldActId);
	const newAct = actSummary(db, newActId);
	if (!oldAct || !newAct) throw new UserError('act_not_found', 'Одна из редакций акта не найдена: возможно, она была удалена.', `${oldActId} → ${newActId}`);
	const diff = editionMapping(db, oldActId, newActId);
	const oldRules = flaggingRulesByPath(db, oldActId);
	const newRules = flaggingRulesByPath(db, newActId);
	const totals = { resolved: 0, added: 0, still: 0 };
	const entries = diff.entries.map((e) => {
		const f = findingsDelta(e.old ? (oldRules.get(e.old.path) ?? []) : [], e.new ? (newRules.get(e.new.path) ?? []) : []);
		totals.resolved += f.resolved.length;
		totals.added += f.added.length;
		totals.still += f.still.length;
		return { ...e, findings: f };
	});
	return { oldAct, newAct, entries, mapping: diff.mapping, counts: diff.counts, findingTotals: totals };
}

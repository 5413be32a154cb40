/**
 * Closure by evidence: an amendment task may become «исполнено» only when a new редакция of the act has been imported
 * and, in it, the rule packs no longer flag the task's clauses — or a justification is recorded for every clause that is
 * still flagged. Pure: the caller gathers the new edition's findings and the diff's path mapping.
 */

export interface ClosureClause {
	/** Path of the clause in the task's (old) редакция. */
	unitPath: string;
	unitLabel: string;
	/** The rule of the finding that motivated the clause, if any. */
	ruleId: string | null;
	justification: string | null;
}

/** A finding that still flags a unit of the new редакция (open or confirmed; dismissed/resolved do not count). */
export interface EditionFinding {
	unitPath: string;
	ruleId: string;
	message?: string;
}

export interface NewEditionEvidence {
	actId: number;
	/** Paths of all units of the new редакция. */
	unitPaths: string[];
	/** Unit labels of the new редакция by path (for messages). */
	labels?: Record<string, string>;
	/** Findings that still flag units of the new редакция. */
	findings: EditionFinding[];
	/**
	 * The diff's mapping from old paths to new paths (renumbered units); null for units removed in the new редакция.
	 * Paths absent from the mapping are matched by the same path.
	 */
	mapping?: Record<string, string | null>;
}

export type ClauseVerdict =
	/** The clause is in the new редакция and no rule flags it. */
	| 'fixed'
	/** The clause was removed (исключён) from the new редакция. */
	| 'removed'
	/** Still flagged, but a justification is recorded. */
	| 'justified'
	/** Still flagged without a justification: blocks the closure. */
	| 'flagged'
	/** No new редакция yet. */
	| 'no_edition';

export interface ClauseCheck {
	unitPath: string;
	unitLabel: string;
	/** Where the clause is in the new редакция, or null. */
	newPath: string | null;
	newLabel: string | null;
	verdict: ClauseVerdict;
	/** Rules still flagging the clause in the new редакция. */
	ruleIds: string[];
	/** A Russian explanation for the page. */
	reason: string;
}

export interface ClosureResult {
	allowed: boolean;
	/** Russian reasons why the closure is refused (empty when allowed). */
	reasons: string[];
	clauses: ClauseCheck[];
	/** The new редакция used as evidence, or null. */
	editionActId: number | null;
}

export const CLAUSE_VERDICT_RU: Record<ClauseVerdict, string> = {
	fixed: 'устранено',
	removed: 'пункт исключён',
	justified: 'оставлено с обоснованием',
	flagged: 'нарушение сохраняется',
	no_edition: 'нет новой редакции'
};

/** Where a clause of the old редакция is in the new one: the diff's mapping first, then the same path. */
export function locateClause(unitPath: string, edition: NewEditionEvidence): string | null {
	if (edition.mapping && unitPath in edition.mapping) return edition.mapping[unitPath];
	return edition.unitPaths.includes(unitPath) ? unitPath : null;
}

/** Decides whether the task may be closed as «исполнено». */
export function checkClosure(clauses: ClosureClause[], edition: NewEditionEvidence | null): ClosureResult {
	if (!edition) {
		return {
			allowed: false,
			reasons: [
				'Не загружена новая редакция акта. Загрузите её на странице акта («Загрузить новую редакцию»), чтобы подтвердить исполнение.'
			],
			clauses: clauses.map((c) => ({
				unitPath: c.unitPath,
				unitLabel: c.unitLabel,
				newPath: null,
				newLabel: null,
				verdict: 'no_edition',
				ruleIds: [],
				reason: 'Новая редакция акта не загружена.'
			})),
			editionActId: null
		};
	}
	const byPath = new Map<string, EditionFinding[]>();
	for (const f of edition.findings) {
		const list = byPath.get(f.unitPath) ?? [];
		list.push(f);
		byPath.set(f.unitPath, list);
	}
	const checks: ClauseCheck[] = clauses.map((c) => {
		const newPath = locateClause(c.unitPath, edition);
		const newLabel = newPath ? (edition.labels?.[newPath] ?? newPath) : null;
		const base = { unitPath: c.unitPath, unitLabel: c.unitLabel, newPath, newLabel };
		if (!newPath) return { ...base, verdict: 'removed', ruleIds: [], reason: 'В новой редакции пункт исключён.' };
		const ruleIds = [...new Set((byPath.get(newPath) ?? []).map((f) => f.ruleId))].sort();
		const where = newPath === c.unitPath ? '' : ` (теперь ${newLabel})`;
		if (ruleIds.length === 0)
			return { ...base, verdict: 'fixed', ruleIds, reason: `В новой редакции${where} ограничение не выявляется.` };
		const justification = (c.justification ?? '').trim();
		if (justification)
			return { ...base, verdict: 'justified', ruleIds, reason: `Нарушение выявляется и в новой редакции${where}, но записано обоснование: ${justification}` };
		return {
			...base,
			verdict: 'flagged',
			ruleIds,
			reason: `В новой редакции${where} правила по-прежнему выявляют ограничение (${ruleIds.join(', ')}). Измените пункт или запишите обоснование, почему он может остаться.`
		};
	});
	const blocking = checks.filter((c) => c.verdict === 'flagged');
	const reasons = blocking.map((c) => `${c.unitLabel}: ${c.reason}`);
	if (clauses.length === 0) reasons.push('В задаче нет пунктов акта, исполнение которых можно проверить.');
	return { allowed: reasons.length === 0, reasons, clauses: checks, editionActId: edition.actId };
}

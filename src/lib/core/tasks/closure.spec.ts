import { describe, expect, it } from 'vitest';
import { checkClosure, type ClosureClause, type NewEditionEvidence } from './closure';

const clauses: ClosureClause[] = [
	{ unitPath: 'doc-1/p-2', unitLabel: 'п. 2', ruleId: 'RC-001', justification: null },
	{ unitPath: 'doc-1/p-5', unitLabel: 'п. 5', ruleId: 'FM-002', justification: null }
];

const edition = (over: Partial<NewEditionEvidence> = {}): NewEditionEvidence => ({
	actId: 42,
	unitPaths: ['doc-1/p-1', 'doc-1/p-2', 'doc-1/p-3', 'doc-1/p-4', 'doc-1/p-5'],
	labels: { 'doc-1/p-2': 'п. 2', 'doc-1/p-4': 'п. 4', 'doc-1/p-5': 'п. 5' },
	findings: [],
	...over
});

describe('closure by evidence', () => {
	it('is refused without a new редакция, naming what to do', () => {
		const r = checkClosure(clauses, null);
		expect(r.allowed).toBe(false);
		expect(r.reasons.join(' ')).toMatch(/Не загружена новая редакция/);
		expect(r.clauses.map((c) => c.verdict)).toEqual(['no_edition', 'no_edition']);
		expect(r.editionActId).toBeNull();
	});

	it('is allowed when no rule flags the clauses in the new редакция', () => {
		const r = checkClosure(clauses, edition({ findings: [{ unitPath: 'doc-1/p-1', ruleId: 'RC-009' }] }));
		expect(r.allowed).toBe(true);
		expect(r.reasons).toEqual([]);
		expect(r.clauses.map((c) => c.verdict)).toEqual(['fixed', 'fixed']);
		expect(r.editionActId).toBe(42);
	});

	it('is refused while a clause is still flagged (by any rule), listing the blocking clause with a reason', () => {
		const r = checkClosure(clauses, edition({ findings: [{ unitPath: 'doc-1/p-5', ruleId: 'FM-002' }, { unitPath: 'doc-1/p-5', ruleId: 'FM-003' }] }));
		expect(r.allowed).toBe(false);
		expect(r.reasons).toHaveLength(1);
		expect(r.reasons[0]).toMatch(/^п\. 5: .*по-прежнему выявляют ограничение \(FM-002, FM-003\)/);
		expect(r.clauses[1]).toMatchObject({ verdict: 'flagged', ruleIds: ['FM-002', 'FM-003'] });
		expect(r.clauses[0].verdict).toBe('fixed');
	});

	it('is allowed when every still flagged clause has a justification', () => {
		const justified = clauses.map((c) => (c.unitPath === 'doc-1/p-5' ? { ...c, justification: 'Требование федерального закона' } : c));
		const r = checkClosure(justified, edition({ findings: [{ unitPath: 'doc-1/p-5', ruleId: 'FM-002' }] }));
		expect(r.allowed).toBe(true);
		expect(r.clauses[1].verdict).toBe('justified');
		expect(r.clauses[1].reason).toContain('Требование федерального закона');
		// A blank justification does not count.
		const blank = clauses.map((c) => ({ ...c, justification: '  ' }));
		expect(checkClosure(blank, edition({ findings: [{ unitPath: 'doc-1/p-5', ruleId: 'FM-002' }] })).allowed).toBe(false);
	});

	it('follows the diff mapping for renumbered clauses before matching by path', () => {
		// п. 5 became п. 4 and is still flagged there; the new п. 5 is another clause that is clean.
		const ed = edition({ mapping: { 'doc-1/p-2': 'doc-1/p-2', 'doc-1/p-5': 'doc-1/p-4' }, findings: [{ unitPath: 'doc-1/p-4', ruleId: 'FM-002' }] });
		const r = checkClosure(clauses, ed);
		expect(r.allowed).toBe(false);
		expect(r.clauses[1]).toMatchObject({ newPath: 'doc-1/p-4', verdict: 'flagged' });
		expect(r.clauses[1].reason).toContain('теперь п. 4');
		// The same findings without the mapping would wrongly look clean by path.
		expect(checkClosure(clauses, { ...ed, mapping: undefined }).allowed).toBe(true);
	});

	it('treats a clause removed from the new редакция as resolved', () => {
		const r = checkClosure(clauses, edition({ mapping: { 'doc-1/p-5': null }, findings: [{ unitPath: 'doc-1/p-5', ruleId: 'FM-002' }] }));
		expect(r.allowed).toBe(true);
		expect(r.clauses[1]).toMatchObject({ verdict: 'removed', newPath: null });
		const gone = checkClosure(clauses, edition({ unitPaths: ['doc-1/p-1', 'doc-1/p-2'] }));
		expect(gone.clauses[1].verdict).toBe('removed');
	});

	it('refuses a task without clauses: nothing can prove it', () => {
		const r = checkClosure([], edition());
		expect(r.allowed).toBe(false);
		expect(r.reasons[0]).toMatch(/нет пунктов/);
	});
});

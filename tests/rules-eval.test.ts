/** Done-when of the rule packs: on the labelled dev clauses recall ≥ 0.97 and precision ≥ 0.92 per category. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, readClauses } from '../src/cli/commands/eval';
import { loadPacks } from '../src/lib/server/rules/load';
import { ROOT, SHARED_CLAUSES } from './paths';

describe('dev-set targets', () => {
	const { compiled } = loadPacks(path.join(ROOT, 'rules'));
	const clauses = readClauses(SHARED_CLAUSES);
	const result = evaluate(compiled, clauses);

	it('evaluates the non-low clauses', () => {
		expect(result.evaluated).toBe(clauses.filter((c) => c.confidence !== 'low').length);
		expect(result.scores.find((s) => s.category === 'remote-channel-restriction')!.tp).toBeGreaterThan(0);
	});

	for (const cat of ['remote-channel-restriction', 'foreign-messenger', 'personal-data', 'national-messenger-mandatory'])
		it(`${cat}: recall ≥ 0.97, precision ≥ 0.92`, () => {
			const s = result.scores.find((x) => x.category === cat)!;
			expect(s.recall ?? 1).toBeGreaterThanOrEqual(0.97);
			expect(s.precision ?? 1).toBeGreaterThanOrEqual(0.92);
		});
});

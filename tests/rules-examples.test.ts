/**
 * Every rule of every shipped pack against its own examples: each `flag` example yields that rule, no `ok` does.
 * A clause-level rule is checked on the example alone; an act_only rule on the example as a one-clause act.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditText } from '../src/lib/core/rules/engine';
import { loadPacks } from '../src/lib/server/rules/load';
import { ROOT } from './paths';

const loaded = loadPacks(path.join(ROOT, 'rules'));

describe('shipped rule packs', () => {
	it('include the four categories and semver versions', () => {
		const cats = new Set(loaded.packs.flatMap((p) => p.rules.map((r) => r.category)));
		expect([...cats].sort()).toEqual(
			['foreign-messenger', 'national-messenger-mandatory', 'personal-data', 'remote-channel-restriction'].sort()
		);
		for (const p of loaded.packs) expect(p.version).toMatch(/^\d+\.\d+\.\d+/);
	});

	for (const pack of loaded.packs)
		for (const r of pack.rules)
			describe(`${pack.id} / ${r.id}`, () => {
				const ctx = r.act_only ? { signals: [] } : undefined;
				it.each(r.examples.flag)('flags: %s', (text) => {
					const ids = auditText(loaded.compiled, text, ctx).map((f) => f.rule);
					expect(ids).toContain(r.id);
				});
				it.each(r.examples.ok)('does not flag: %s', (text) => {
					const ids = auditText(loaded.compiled, text, ctx).map((f) => f.rule);
					expect(ids).not.toContain(r.id);
				});
			});
});

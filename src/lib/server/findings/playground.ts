/** The /rules playground: run the packs on pasted text, and check each rule against its own examples. */
import { auditText, auditUnits, type CompiledRules } from '../../core/rules/engine';
import type { RuleDef } from '../../core/rules/types';
import { segment } from '../../core/segment';
import type { LoadedPacks } from '../rules/load';

export const PLAYGROUND_MAX = 200_000;

export interface PlaygroundFinding {
	ruleId: string;
	title: string;
	category: string;
	severity: string;
	spans: [number, number][];
	message: string;
	legalBasis: string;
	suggestedWording: string;
	packId: string;
	packVersion: string;
}

export interface PlaygroundResult {
	units: number;
	signals: string[];
	clauses: { label: string; text: string; findings: PlaygroundFinding[] }[];
}

/**
 * Segments the pasted text like an imported act (пункты, подпункты …; each non-empty line is a paragraph) and
 * audits the units with the act-level signals. Text without recognisable structure is audited paragraph by paragraph.
 */
export function runPlayground(loaded: LoadedPacks, text: string): PlaygroundResult {
	const blocks = text
		.replace(/\r\n?/g, '\n')
		.split('\n')
		.map((t) => t.trim())
		.filter(Boolean)
		.map((t) => ({ text: t, page: null }));
	let units: { path: string; label: string; text: string }[] = segment(blocks).units.filter((u) => u.text.trim());
	if (units.length === 0) units = blocks.map((b, i) => ({ path: `abz-${i + 1}`, label: `абзац ${i + 1}`, text: b.text }));
	const titles = new Map(loaded.packs.flatMap((p) => p.rules.map((r) => [r.id, r.title] as const)));
	const audit = auditUnits(loaded.compiled, units);
	return {
		units: units.length,
		signals: audit.signals,
		clauses: audit.units
			.filter((u) => u.findings.length > 0)
			.map((u) => ({
				label: u.unit.label,
				text: u.unit.text,
				findings: u.findings.map((f) => ({
					ruleId: f.rule,
					title: titles.get(f.rule) ?? f.title,
					category: f.category,
					severity: f.severity,
					spans: f.spans,
					message: f.message,
					legalBasis: f.legalBasis,
					suggestedWording: f.suggestedWording,
					packId: f.packId,
					packVersion: f.packVersion
				}))
			}))
	};
}

export interface ExampleCheck {
	text: string;
	/** The rule behaves as the example says (flags a `flag` example, stays silent on an `ok` one). */
	ok: boolean;
	spans: [number, number][];
}

/** Runs a rule's own examples through the compiled packs (each example as a standalone clause; act_only rules' as a one-clause act). */
export function examplesCheck(compiled: CompiledRules, rule: RuleDef): { flag: ExampleCheck[]; ok: ExampleCheck[] } {
	const ctx = rule.act_only ? { signals: [] } : undefined;
	const run = (text: string) => auditText(compiled, text, ctx).find((f) => f.rule === rule.id);
	return {
		flag: rule.examples.flag.map((text) => {
			const f = run(text);
			return { text, ok: !!f, spans: f?.spans ?? [] };
		}),
		ok: rule.examples.ok.map((text) => {
			const f = run(text);
			return { text, ok: !f, spans: f?.spans ?? [] };
		})
	};
}

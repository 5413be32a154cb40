/**
 * Types of rule packs (as validated by src/lib/server/rules) and of the engine's findings. Pure data.
 */

export const CATEGORIES = [
	'remote-channel-restriction',
	'foreign-messenger',
	'personal-data',
	'national-messenger-mandatory'
] as const;
export type Category = (typeof CATEGORIES)[number];

export const SEVERITIES = ['high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * Pattern language over a clause's words.
 * - a string is a term: a word or a phrase of consecutive words, matched by Russian stems; a word ending in `*` is a
 *   prefix of the lower-cased, ё-folded form ("электрон*"); a word starting with `=` must equal that form
 *   exactly ("=лично", so that «личный кабинет» does not match); a term starting with "^ " matches only at the start
 *   of a sentence (after numbering such as "3.2.1."): "^ при подач*"; "@name" refers to a vocabulary (a list of terms).
 * - a list is a shorthand for `any`.
 * - `any` / `all`: disjunction / conjunction over the scope (the clause, or one sentence inside `sentence`).
 * - `near`: every sub-pattern has a hit within `within` words of the first one's hit, not sharing its words, in the
 *   same sentence (unless `cross_sentences: true`, e.g. for a list «может быть подано:\n- лично;»).
 * - `sentence`: the inner pattern must match inside a single sentence.
 * - `not`: matches (with no spans) when the inner pattern does not match in the scope.
 * - `negated`: hits of `pattern` that have a negation cue (`cues`) within `within` words in the same sentence with
 *   no `blockers` word between cue and hit ("не допускается отказ в приеме … в электронной форме" is blocked by
 *   «отказ»). With `invert: true`, the hits that are NOT so negated.
 */
export type Pattern =
	| string
	| Pattern[]
	| { any: Pattern[] }
	| { all: Pattern[] }
	| { near: Pattern[]; within?: number; cross_sentences?: boolean }
	| { sentence: Pattern }
	| { not: Pattern }
	| { negated: Pattern; cues: Pattern; within?: number; blockers?: Pattern; invert?: boolean };

export interface RuleExamples {
	flag: string[];
	ok: string[];
}

export interface RuleDef {
	id: string;
	title: string;
	category: Category;
	severity: Severity;
	legal_basis: string;
	message: string;
	suggested_wording: string;
	match: Pattern;
	/** Clause-level antipatterns: any of them matching suppresses the finding. */
	unless?: Pattern[];
	/** Act-level signals (ids of `contexts`) that suppress the finding when present in the act. */
	unless_context?: string[];
	/**
	 * The rule needs the whole act to judge (e.g. in-person filing at an МФЦ is lawful when the act offers an
	 * electronic channel elsewhere): it runs when an act is audited (or a clause with an act context), not on a
	 * clause alone. Its examples are checked as one-clause acts.
	 */
	act_only?: boolean;
	examples: RuleExamples;
	note?: string;
}

/** An act-level signal: true when any unit of the act matches `match`. */
export interface ContextDef {
	id: string;
	description: string;
	match: Pattern;
}

export interface PackDef {
	id: string;
	title: string;
	version: string;
	description?: string;
	contexts?: ContextDef[];
	rules: RuleDef[];
}

/** Shared vocabularies: name → list of terms (which may reference other vocabularies with "@name"). */
export type Vocabularies = Record<string, string[]>;

export interface Finding {
	rule: string;
	category: Category;
	severity: Severity;
	/** Character offsets [start, end) of the matched words in the audited text (JS string indices). */
	spans: [number, number][];
	packId: string;
	packVersion: string;
	title: string;
	message: string;
	legalBasis: string;
	suggestedWording: string;
}

/** Act-level context for auditing one clause. */
export interface AuditContext {
	/** Ids of act-level signals present in the act (see ContextDef). */
	signals?: Iterable<string>;
}

export interface UnitInput {
	path: string;
	label: string;
	text: string;
	[key: string]: unknown;
}

export interface UnitFindings<U extends UnitInput = UnitInput> {
	unit: U;
	findings: Finding[];
}

export interface ActAudit<U extends UnitInput = UnitInput> {
	/** Act-level signals found in the act. */
	signals: string[];
	units: UnitFindings<U>[];
}

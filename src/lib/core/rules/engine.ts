/**
 * The rule engine: compiles validated rule packs once (terms → stems, an index from stems and prefixes to terms)
 * and audits texts. Pure: no I/O.
 */
import { foldCase, stem, tokenize, type Token } from '../analysis';
import type {
	ActAudit,
	AuditContext,
	Category,
	Finding,
	PackDef,
	Pattern,
	Severity,
	UnitFindings,
	UnitInput,
	Vocabularies
} from './types';

/** One word of a term: an exact stem or a prefix of the folded form. */
interface TermWord {
	stem?: string;
	prefix?: string;
	exact?: string;
}
interface Term {
	text: string;
	words: TermWord[];
	/** "^ при подаче": only at the start of a sentence (after a leading number such as "3.2.1"). */
	anchored: boolean;
}

type Node =
	| { k: 'term'; ids: number[] }
	| { k: 'any'; c: Node[] }
	| { k: 'all'; c: Node[] }
	| { k: 'near'; c: Node[]; within: number; cross: boolean }
	| { k: 'sent'; c: Node }
	| { k: 'not'; c: Node }
	| { k: 'neg'; c: Node; cues: Node; blockers: Node | null; within: number; invert: boolean };

interface CompiledRule {
	id: string;
	category: Category;
	severity: Severity;
	packId: string;
	packVersion: string;
	title: string;
	message: string;
	legalBasis: string;
	suggestedWording: string;
	match: Node;
	unless: Node[];
	/** The `unless` patterns as written in the pack (for explanations). */
	unlessSource: string[];
	unlessContext: string[];
	/** Runs only when a whole act (or an act context) is audited. */
	actOnly: boolean;
}

export interface CompiledRules {
	rules: CompiledRule[];
	contexts: { id: string; match: Node }[];
	terms: Term[];
	/** First-word stem → term ids. */
	byStem: Map<string, number[]>;
	/** First-word exact folded form ("=лично") → term ids. */
	byNorm: Map<string, number[]>;
	/** First three characters of a first-word prefix → term ids (prefixes shorter than 3 are keyed as is). */
	byPrefix: Map<string, number[]>;
	shortPrefixes: number[];
	packs: { id: string; version: string; title: string }[];
}

export class PatternError extends Error {}

/**
 * Version of the matching semantics (not of any pack). Bump it when the same pack can give other findings (e.g. 2:
 * list пункты audited with their подпункты), so stored findings are re-audited at the next start.
 */
export const ENGINE_VERSION = 2;

const PREFIX_KEY = 3;

/** Compiles packs and vocabularies. Throws PatternError on an unknown vocabulary or an empty term. */
export function compileRules(packs: PackDef[], vocabularies: Vocabularies = {}): CompiledRules {
	const terms: Term[] = [];
	const termIds = new Map<string, number>();
	const byStem = new Map<string, number[]>();
	const byPrefix = new Map<string, number[]>();
	const byNorm = new Map<string, number[]>();
	const shortPrefixes: number[] = [];

	const addTerm = (text: string): number => {
		const parts = text.trim().split(/\s+/);
		const anchored = parts[0] === '^';
		if (anchored) parts.shift();
		const words: TermWord[] = parts
			.filter(Boolean)
			.map((w) => {
				const f = foldCase(w);
				if (f.startsWith('=') && f.length > 1) return { exact: f.slice(1) };
				return f.endsWith('*') && f.length > 1 ? { prefix: f.slice(0, -1) } : { stem: stem(f.replace(/\*$/, '')) };
			});
		if (words.length === 0) throw new PatternError(`пустой термин`);
		const key = (anchored ? '^ ' : '') + words
			.map((w) => (w.prefix !== undefined ? w.prefix + '*' : w.exact !== undefined ? '=' + w.exact : w.stem))
			.join(' ');
		const known = termIds.get(key);
		if (known !== undefined) return known;
		const id = terms.length;
		terms.push({ text, words, anchored });
		termIds.set(key, id);
		const first = words[0];
		if (first.prefix !== undefined) {
			if (first.prefix.length < PREFIX_KEY) shortPrefixes.push(id);
			else push(byPrefix, first.prefix.slice(0, PREFIX_KEY), id);
		} else if (first.exact !== undefined) push(byNorm, first.exact, id);
		else push(byStem, first.stem!, id);
		return id;
	};

	const expand = (ref: string, seen: Set<string>): string[] => {
		const name = ref.slice(1);
		const list = vocabularies[name];
		if (!list) throw new PatternError(`неизвестный словарь «${name}»`);
		if (seen.has(name)) throw new PatternError(`циклическая ссылка на словарь «${name}»`);
		const next = new Set(seen).add(name);
		return list.flatMap((t) => (t.startsWith('@') ? expand(t, next) : [t]));
	};

	const compile = (p: Pattern): Node => {
		if (typeof p === 'string') {
			const texts = p.startsWith('@') ? expand(p, new Set()) : [p];
			return { k: 'term', ids: [...new Set(texts.map(addTerm))] };
		}
		if (Array.isArray(p)) return { k: 'any', c: p.map(compile) };
		if ('any' in p) return { k: 'any', c: p.any.map(compile) };
		if ('all' in p) return { k: 'all', c: p.all.map(compile) };
		if ('near' in p)
			return { k: 'near', c: p.near.map(compile), within: p.within ?? 5, cross: p.cross_sentences ?? false };
		if ('sentence' in p) return { k: 'sent', c: compile(p.sentence) };
		if ('not' in p) return { k: 'not', c: compile(p.not) };
		if ('negated' in p)
			return {
				k: 'neg',
				c: compile(p.negated),
				cues: compile(p.cues),
				blockers: p.blockers ? compile(p.blockers) : null,
				within: p.within ?? 6,
				invert: p.invert ?? false
			};
		throw new PatternError('неизвестный вид шаблона');
	};

	const rules: CompiledRule[] = [];
	const contexts: { id: string; match: Node }[] = [];
	for (const pack of packs) {
		for (const c of pack.contexts ?? []) contexts.push({ id: c.id, match: compile(c.match) });
		for (const r of pack.rules) {
			const wrap = (what: string, f: () => Node): Node => {
				try {
					return f();
				} catch (e) {
					throw new PatternError(`пакет ${pack.id}, правило ${r.id}, ${what}: ${(e as Error).message}`);
				}
			};
			rules.push({
				id: r.id,
				category: r.category,
				severity: r.severity,
				packId: pack.id,
				packVersion: pack.version,
				title: r.title,
				message: r.message,
				legalBasis: r.legal_basis,
				suggestedWording: r.suggested_wording,
				match: wrap('match', () => compile(r.match)),
				unless: (r.unless ?? []).map((u, i) => wrap(`unless[${i}]`, () => compile(u))),
				unlessSource: (r.unless ?? []).map((u) => JSON.stringify(u)),
				unlessContext: r.unless_context ?? [],
				actOnly: r.act_only === true
			});
		}
	}
	return {
		rules,
		contexts,
		terms,
		byStem,
		byPrefix,
		byNorm,
		shortPrefixes,
		packs: packs.map((p) => ({ id: p.id, version: p.version, title: p.title }))
	};
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V) {
	const a = m.get(k);
	if (a) a.push(v);
	else m.set(k, [v]);
}

/** A matched run of tokens [s, e] (inclusive token indices). */
interface Hit {
	s: number;
	e: number;
	sent: number;
}

interface Prepared {
	tokens: Token[];
	hits: Map<number, Hit[]>;
	/** sentence → [first token, last token + 1] */
	sentences: [number, number][];
}

function wordMatches(w: TermWord, t: Token): boolean {
	if (w.prefix !== undefined) return t.norm.startsWith(w.prefix);
	if (w.exact !== undefined) return t.norm === w.exact;
	return t.stem === w.stem;
}

const NUMBERING = /^(?:\d+(?:\.\d+)*|[а-я]|[ivxlc]+)$/;

/** True if token i opens its sentence, possibly after numbering tokens ("3.2.1.", "а)", "12)"). */
function atSentenceStart(tokens: Token[], i: number): boolean {
	for (let j = i - 1; j >= 0; j--) {
		if (tokens[j].sentence !== tokens[i].sentence) return true;
		if (!NUMBERING.test(tokens[j].norm)) return false;
	}
	return true;
}

function prepare(cr: CompiledRules, text: string): Prepared {
	const tokens = tokenize(text);
	const hits = new Map<number, Hit[]>();
	const tryTerm = (id: number, i: number) => {
		const term = cr.terms[id];
		if (i + term.words.length > tokens.length) return;
		if (term.anchored && !atSentenceStart(tokens, i)) return;
		for (let j = 0; j < term.words.length; j++) if (!wordMatches(term.words[j], tokens[i + j])) return;
		const e = i + term.words.length - 1;
		// a phrase may not cross a sentence boundary
		if (tokens[e].sentence !== tokens[i].sentence) return;
		push(hits, id, { s: i, e, sent: tokens[i].sentence });
	};
	const sentences: [number, number][] = [];
	for (let i = 0; i < tokens.length; i++) {
		const t = tokens[i];
		if (sentences.length <= t.sentence) sentences[t.sentence] = [i, i + 1];
		else sentences[t.sentence][1] = i + 1;
		const a = cr.byStem.get(t.stem);
		if (a) for (const id of a) tryTerm(id, i);
		const b = cr.byPrefix.get(t.norm.slice(0, PREFIX_KEY));
		if (b) for (const id of b) tryTerm(id, i);
		const c = cr.byNorm.get(t.norm);
		if (c) for (const id of c) tryTerm(id, i);
		for (const id of cr.shortPrefixes) tryTerm(id, i);
	}
	return { tokens, hits, sentences };
}

interface Scope {
	from: number;
	to: number;
}

/** Token gap between two hits (0 when adjacent or overlapping). */
function gap(a: Hit, b: Hit): number {
	if (b.s > a.e) return b.s - a.e - 1;
	if (a.s > b.e) return a.s - b.e - 1;
	return 0;
}

function evalNode(n: Node, p: Prepared, sc: Scope): Hit[] | null {
	switch (n.k) {
		case 'term': {
			let out: Hit[] | null = null;
			for (const id of n.ids) {
				const hs = p.hits.get(id);
				if (!hs) continue;
				for (const h of hs) {
					if (h.s >= sc.from && h.e < sc.to) (out ??= []).push(h);
				}
			}
			return out;
		}
		case 'any': {
			let out: Hit[] | null = null;
			for (const c of n.c) {
				const r = evalNode(c, p, sc);
				if (r) out = out ? out.concat(r) : r.slice();
			}
			return out;
		}
		case 'all': {
			const out: Hit[] = [];
			for (const c of n.c) {
				const r = evalNode(c, p, sc);
				if (!r) return null;
				out.push(...r);
			}
			return out;
		}
		case 'sent': {
			let out: Hit[] | null = null;
			for (const [from, to] of p.sentences) {
				if (to <= sc.from || from >= sc.to) continue;
				const r = evalNode(n.c, p, { from: Math.max(from, sc.from), to: Math.min(to, sc.to) });
				if (r) out = out ? out.concat(r) : r.slice();
			}
			return out;
		}
		case 'not':
			return evalNode(n.c, p, sc) ? null : [];
		case 'near': {
			const lists = n.c.map((c) => evalNode(c, p, sc));
			if (lists.some((l) => !l || l.length === 0)) return null;
			const [first, ...rest] = lists as Hit[][];
			const out: Hit[] = [];
			for (const h0 of first) {
				const picked: Hit[] = [];
				let ok = true;
				for (const l of rest) {
					// hits must not share words (e.g. «личном обращении заявителя» is not both channel and action)
					const close = l.filter(
						(h) => (n.cross || h.sent === h0.sent) && !(h.s <= h0.e && h0.s <= h.e) && gap(h0, h) <= n.within
					);
					if (close.length === 0) {
						ok = false;
						break;
					}
					picked.push(...close);
				}
				if (ok) out.push(h0, ...picked);
			}
			return out.length ? out : null;
		}
		case 'neg': {
			const targets = evalNode(n.c, p, sc);
			if (!targets) return null;
			const cues = evalNode(n.cues, p, sc) ?? [];
			const blockers = n.blockers ? (evalNode(n.blockers, p, sc) ?? []) : [];
			const out: Hit[] = [];
			for (const h of targets) {
				const cue = cues.find((c) => {
					if (c.sent !== h.sent || gap(c, h) > n.within) return false;
					if (c.s <= h.e && h.s <= c.e) return false; // overlapping: the cue is the target itself
					const lo = Math.min(c.e, h.e);
					const hi = Math.max(c.s, h.s);
					return !blockers.some((b) => b.s > lo && b.e < hi);
				});
				if (n.invert ? !cue : cue) {
					out.push(h);
					if (cue && !n.invert) out.push(cue);
				}
			}
			return out.length ? out : null;
		}
	}
}

const EMPTY_SIGNALS: ReadonlySet<string> = new Set();

/** The act-level signals of an audit context; null for a clause audited on its own (no act). */
function contextSignals(context?: AuditContext): ReadonlySet<string> | null {
	return context ? (context.signals ? new Set(context.signals) : EMPTY_SIGNALS) : null;
}

function auditPrepared(cr: CompiledRules, p: Prepared, signals: ReadonlySet<string> | null): Finding[] {
	const findings: Finding[] = [];
	if (p.tokens.length === 0) return findings;
	const all: Scope = { from: 0, to: p.tokens.length };
	for (const r of cr.rules) {
		// signals === null: a clause on its own, without its act — rules that need the act stay silent
		if (signals === null ? r.actOnly : r.unlessContext.some((s) => signals.has(s))) continue;
		const hits = evalNode(r.match, p, all);
		if (!hits) continue;
		if (r.unless.some((u) => evalNode(u, p, all) !== null)) continue;
		findings.push({
			rule: r.id,
			category: r.category,
			severity: r.severity,
			spans: spansOf(hits, p.tokens),
			packId: r.packId,
			packVersion: r.packVersion,
			title: r.title,
			message: r.message,
			legalBasis: r.legalBasis,
			suggestedWording: r.suggestedWording
		});
	}
	return findings;
}

/** Character spans of the hits, in order; overlapping or nested hits («Единый портал» and «портал») merge into one. */
function spansOf(hits: Hit[], tokens: Token[]): [number, number][] {
	const sorted = [...hits].sort((a, b) => a.s - b.s || b.e - a.e);
	const out: [number, number][] = [];
	let lastTok = -1;
	for (const h of sorted) {
		if (out.length && h.s <= lastTok) {
			if (h.e > lastTok) {
				out[out.length - 1][1] = tokens[h.e].end;
				lastTok = h.e;
			}
			continue;
		}
		out.push([tokens[h.s].start, tokens[h.e].end]);
		lastTok = h.e;
	}
	return out;
}

/**
 * Audits one clause. Without `context` the clause stands alone (rules marked act_only do not run); with it, the
 * clause is audited as part of an act whose act-level signals are `context.signals` (see auditUnits).
 */
export function auditText(cr: CompiledRules, text: string, context?: AuditContext): Finding[] {
	return auditPrepared(cr, prepare(cr, text), contextSignals(context));
}

/** The act-level signals (ids of pack `contexts`) present in any of the texts. */
export function actSignals(cr: CompiledRules, texts: string[]): string[] {
	return signalsOf(
		cr,
		texts.map((t) => prepare(cr, t))
	);
}

function signalsOf(cr: CompiledRules, prepared: Prepared[]): string[] {
	const out: string[] = [];
	for (const c of cr.contexts) {
		if (out.includes(c.id)) continue;
		if (prepared.some((p) => p.tokens.length > 0 && evalNode(c.match, p, { from: 0, to: p.tokens.length })))
			out.push(c.id);
	}
	return out;
}

/**
 * Audits the units of one act: first computes the act-level signals over all units (e.g. "the act offers an
 * electronic channel somewhere"), then audits every unit with them. Units keep their order.
 */
export function auditUnits<U extends UnitInput>(cr: CompiledRules, units: U[]): ActAudit<U> {
	const prepared = units.map((u) => prepare(cr, u.text));
	const signals = signalsOf(cr, prepared);
	const set = new Set(signals);
	const out: UnitFindings<U>[] = units.map((unit, i) => ({ unit, findings: auditPrepared(cr, prepared[i], set) }));
	// A пункт that opens a list («…может быть представлено:» + подпункты «а) лично; б) по почте») is one clause:
	// audited together with its items, so a closed list split over подпункты is found, and an electronic item
	// elsewhere in the list still counts. Its findings go to the opening пункт, unless a part already has them.
	for (const g of listGroups(units)) {
		const parts = [g.parent, ...g.items];
		const text = parts.map((i) => units[i].text).join('\n');
		const known = new Set(parts.flatMap((i) => out[i].findings.map((f) => f.rule)));
		const own = units[g.parent].text.length;
		const lead = Math.max(0, units[g.parent].text.search(/\S/));
		for (const f of auditPrepared(cr, prepare(cr, text), set)) {
			if (known.has(f.rule)) continue;
			const inParent = f.spans.filter(([, e]) => e <= own);
			out[g.parent].findings.push({ ...f, spans: inParent.length ? inParent : [[lead, own]] });
		}
	}
	return { signals, units: out };
}

/** Path segments of list items under a пункт: подпункты «а)» / «1)» and абзацы (not numbered sub-пункты). */
const LIST_ITEM = /^(?:[a-z]{1,4}|sp-\d+|abz-\d+)(?:[.~]|$)/;

/** Units whose text ends with «:» followed by their list items (consecutive units under the same path). */
function listGroups(units: UnitInput[]): { parent: number; items: number[] }[] {
	const groups: { parent: number; items: number[] }[] = [];
	for (let i = 0; i < units.length; i++) {
		if (!/:\s*$/.test(units[i].text)) continue;
		const prefix = units[i].path + '.';
		const items: number[] = [];
		for (let j = i + 1; j < units.length && units[j].path.startsWith(prefix) && LIST_ITEM.test(units[j].path.slice(prefix.length)); j++)
			items.push(j);
		if (items.length) groups.push({ parent: i, items });
	}
	return groups;
}

/** A rule whose match fired on a text, and which `unless` patterns or act contexts suppressed it (none: it flagged). */
export interface RuleExplanation {
	rule: string;
	category: Category;
	/** `unless` patterns (as written in the pack) that fired and so suppressed the finding. */
	suppressedBy: string[];
	/** Act-level contexts that switched the rule off. */
	suppressedByContext: string[];
}

/** Explains every rule whose match fires on the text (for rule authors: eval output, the playground). */
export function explainText(cr: CompiledRules, text: string, context?: AuditContext): RuleExplanation[] {
	const signals = contextSignals(context);
	const p = prepare(cr, text);
	if (p.tokens.length === 0) return [];
	const all: Scope = { from: 0, to: p.tokens.length };
	const out: RuleExplanation[] = [];
	for (const r of cr.rules) {
		if (signals === null && r.actOnly) continue;
		if (!evalNode(r.match, p, all)) continue;
		out.push({
			rule: r.id,
			category: r.category,
			suppressedBy: r.unless.flatMap((u, i) => (evalNode(u, p, all) !== null ? [r.unlessSource[i]] : [])),
			suppressedByContext: signals ? r.unlessContext.filter((c) => signals.has(c)) : []
		});
	}
	return out;
}

/** Helper for tests and UIs: the matched text of each span. */
export function spanTexts(text: string, f: Finding): string[] {
	return f.spans.map(([s, e]) => text.slice(s, e));
}

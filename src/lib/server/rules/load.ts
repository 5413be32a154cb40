/**
 * Loads rule packs and shared vocabularies from YAML files, validates them with zod (strict objects) and compiles
 * them. Errors are UserError('rules_invalid', …) naming the file and, where known, the rule id.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { z } from 'zod';
import { UserError } from '$lib/core/errors';
import { compileRules, PatternError, type CompiledRules } from '$lib/core/rules/engine';
import { CATEGORIES, SEVERITIES, type PackDef, type Pattern, type Vocabularies } from '$lib/core/rules/types';

const nonEmpty = z.string().trim().min(1);

export const PatternSchema: z.ZodType<Pattern> = z.lazy(() =>
	z.union([
		nonEmpty,
		z.array(PatternSchema).min(1),
		z.object({ any: z.array(PatternSchema).min(1) }).strict(),
		z.object({ all: z.array(PatternSchema).min(1) }).strict(),
		z
			.object({
				near: z.array(PatternSchema).min(2),
				within: z.number().int().min(0).max(50).optional(),
				cross_sentences: z.boolean().optional()
			})
			.strict(),
		z.object({ sentence: PatternSchema }).strict(),
		z.object({ not: PatternSchema }).strict(),
		z
			.object({
				negated: PatternSchema,
				cues: PatternSchema,
				within: z.number().int().min(0).max(50).optional(),
				blockers: PatternSchema.optional(),
				invert: z.boolean().optional()
			})
			.strict()
	])
);

const RuleSchema = z
	.object({
		id: z.string().regex(/^[A-Z]+-[A-Z0-9-]+$/, 'идентификатор правила вида «RC-001»'),
		title: nonEmpty,
		category: z.enum(CATEGORIES),
		severity: z.enum(SEVERITIES),
		legal_basis: nonEmpty,
		message: nonEmpty,
		suggested_wording: nonEmpty,
		match: PatternSchema,
		unless: z.array(PatternSchema).optional(),
		unless_context: z.array(nonEmpty).optional(),
		act_only: z.boolean().optional(),
		examples: z
			.object({
				flag: z.array(nonEmpty).min(1, 'нужен хотя бы один пример flag'),
				ok: z.array(nonEmpty).min(1, 'нужен хотя бы один пример ok')
			})
			.strict(),
		note: z.string().optional()
	})
	.strict();

const ContextSchema = z.object({ id: nonEmpty, description: nonEmpty, match: PatternSchema }).strict();

const PackSchema = z
	.object({
		id: z.string().regex(/^[a-z0-9-]+$/),
		title: nonEmpty,
		version: z.string().regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/, 'версия в формате semver (1.2.3)'),
		description: z.string().optional(),
		contexts: z.array(ContextSchema).optional(),
		rules: z.array(z.unknown()).min(1)
	})
	.strict();

const VocabSchema = z
	.object({
		version: z.string().optional(),
		vocabularies: z.record(z.string().regex(/^[a-z0-9_]+$/), z.array(nonEmpty).min(1))
	})
	.strict();

export const VOCABULARY_FILE = 'vocabularies.yaml';

function invalid(file: string, what: string, detail?: string): UserError {
	return new UserError('rules_invalid', `Ошибка в наборе правил ${file}: ${what}`, detail ?? what);
}

function formatIssues(err: z.ZodError): string {
	return err.issues
		.map((i) => {
			const where = i.path.length ? i.path.join('.') : '(корень)';
			return `${where}: ${i.message}`;
		})
		.join('; ');
}

function parseYaml(file: string, source: string): unknown {
	try {
		return YAML.parse(source);
	} catch (e) {
		throw invalid(file, 'файл не является корректным YAML', (e as Error).message);
	}
}

/** Validates one pack's parsed YAML. `file` is used in error messages. */
export function validatePack(file: string, data: unknown): PackDef {
	const head = PackSchema.safeParse(data);
	if (!head.success) throw invalid(file, formatIssues(head.error));
	const rules = head.data.rules.map((raw, i) => {
		const rid =
			raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string'
				? (raw as { id: string }).id
				: `№${i + 1}`;
		const r = RuleSchema.safeParse(raw);
		if (!r.success) throw invalid(file, `правило ${rid}: ${formatIssues(r.error)}`);
		return r.data;
	});
	const seen = new Set<string>();
	for (const r of rules) {
		if (seen.has(r.id)) throw invalid(file, `правило ${r.id}: идентификатор повторяется`);
		seen.add(r.id);
	}
	return { ...head.data, rules } as PackDef;
}

export function validateVocabularies(file: string, data: unknown): Vocabularies {
	const v = VocabSchema.safeParse(data);
	if (!v.success) throw invalid(file, formatIssues(v.error));
	return v.data.vocabularies;
}

export interface LoadedPacks {
	dir: string;
	files: string[];
	packs: PackDef[];
	vocabularies: Vocabularies;
	compiled: CompiledRules;
}

/** Finds the repository's rules/ directory: $POPRAVKA_RULES, then upwards from this module, then ./rules. */
export function defaultRulesDir(): string {
	if (process.env.POPRAVKA_RULES) return path.resolve(process.env.POPRAVKA_RULES);
	let dir = path.dirname(fileURLToPath(import.meta.url));
	for (let i = 0; i < 8; i++) {
		const candidate = path.join(dir, 'rules');
		if (fs.existsSync(path.join(candidate, VOCABULARY_FILE))) return candidate;
		const up = path.dirname(dir);
		if (up === dir) break;
		dir = up;
	}
	return path.resolve(process.cwd(), 'rules');
}

/** Loads, validates and compiles every *.yaml pack in `dir` (plus vocabularies.yaml). */
export function loadPacks(dir: string = defaultRulesDir()): LoadedPacks {
	if (!fs.existsSync(dir)) throw new UserError('rules_missing', `Не найдена папка с наборами правил: ${dir}`);
	const names = fs
		.readdirSync(dir)
		.filter((f) => /\.ya?ml$/.test(f))
		.sort();
	let vocabularies: Vocabularies = {};
	if (names.includes(VOCABULARY_FILE)) {
		const file = path.join(dir, VOCABULARY_FILE);
		vocabularies = validateVocabularies(file, parseYaml(file, fs.readFileSync(file, 'utf8')));
	}
	const files: string[] = [];
	const packs: PackDef[] = [];
	const ruleFile = new Map<string, string>();
	const packIds = new Set<string>();
	for (const name of names) {
		if (name === VOCABULARY_FILE) continue;
		const file = path.join(dir, name);
		const pack = validatePack(file, parseYaml(file, fs.readFileSync(file, 'utf8')));
		if (packIds.has(pack.id)) throw invalid(file, `набор ${pack.id} уже загружен из другого файла`);
		packIds.add(pack.id);
		for (const r of pack.rules) {
			const other = ruleFile.get(r.id);
			if (other) throw invalid(file, `правило ${r.id}: идентификатор уже используется в ${other}`);
			ruleFile.set(r.id, file);
		}
		files.push(file);
		packs.push(pack);
	}
	if (packs.length === 0) throw new UserError('rules_missing', `В папке ${dir} нет наборов правил`);
	return { dir, files, packs, vocabularies, compiled: compilePacks(packs, vocabularies, files) };
}

/** Compiles packs, turning pattern errors into UserError naming the file and rule. */
export function compilePacks(packs: PackDef[], vocabularies: Vocabularies, files?: string[]): CompiledRules {
	const contextIds = new Set(packs.flatMap((p) => (p.contexts ?? []).map((c) => c.id)));
	packs.forEach((p, i) => {
		for (const r of p.rules)
			for (const c of r.unless_context ?? [])
				if (!contextIds.has(c))
					throw invalid(files?.[i] ?? p.id, `правило ${r.id}: неизвестный контекст акта «${c}»`);
	});
	try {
		return compileRules(packs, vocabularies);
	} catch (e) {
		if (e instanceof PatternError) {
			const m = /пакет ([^,]+),/.exec(e.message);
			const i = m ? packs.findIndex((p) => p.id === m[1]) : -1;
			throw invalid(i >= 0 && files ? files[i] : 'rules', e.message);
		}
		throw e;
	}
}

let cached: LoadedPacks | null = null;
/** Loads the default packs once per process. */
export function defaultRules(): LoadedPacks {
	return (cached ??= loadPacks());
}

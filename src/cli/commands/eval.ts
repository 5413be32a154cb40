/**
 * `npm run eval [-- --json] [--all] [--file <clauses.jsonl>]`: precision and recall of the rule packs per
 * category on the labelled dev clauses (shared/corpus/clauses-dev.jsonl). `low` confidence clauses are ignored
 * unless --all. Exit 0 (the table is a report, not a verdict), 2 on a usage or input error.
 */
import fs from 'node:fs';
import { SHARED_CLAUSES } from '../../../tests/paths';
import { UserError } from '$lib/core/errors';
import { auditText, CATEGORIES, explainText, type Category, type CompiledRules, type Finding } from '$lib/core/rules';
import { defaultRules } from '$lib/server/rules/load';

export const usage = 'eval [--json] [--all] [--file <clauses.jsonl>] — точность и полнота правил на размеченных пунктах';

/** Label of clauses-dev.jsonl → rule category. */
export const LABEL_CATEGORY: Record<string, Category | null> = {
	personal_appearance_only: 'remote-channel-restriction',
	paper_only: 'remote-channel-restriction',
	electronic_channel_forbidden: 'remote-channel-restriction',
	foreign_messenger_named: 'foreign-messenger',
	foreign_messenger_required: 'foreign-messenger',
	personal_data_transfer: 'personal-data',
	national_messenger_mandatory: 'national-messenger-mandatory',
	none: null
};

export interface LabelledClause {
	id: string;
	text: string;
	labels: string[];
	confidence?: string;
}

export interface CategoryScore {
	category: Category;
	tp: number;
	fp: number;
	fn: number;
	/** null when nothing was flagged (no denominator). */
	precision: number | null;
	/** null when there is no labelled positive. */
	recall: number | null;
}

export interface EvalResult {
	total: number;
	evaluated: number;
	scores: CategoryScore[];
	/** `suppressed`: rules of the category whose match fired but an `unless` pattern (shown) suppressed it. */
	misses: { id: string; category: Category; text: string; suppressed: { rule: string; by: string[] }[] }[];
	falseAlarms: { id: string; category: Category; rules: string[]; text: string }[];
}

export function readClauses(file: string): LabelledClause[] {
	const out: LabelledClause[] = [];
	fs.readFileSync(file, 'utf8')
		.split('\n')
		.forEach((line, i) => {
			if (!line.trim()) return;
			let o: LabelledClause;
			try {
				o = JSON.parse(line);
			} catch {
				throw new UserError('bad_jsonl', `Строка ${i + 1} файла ${file} не является корректным JSON`);
			}
			if (typeof o.text !== 'string' || !Array.isArray(o.labels))
				throw new UserError('bad_jsonl', `В строке ${i + 1} файла ${file} нет полей text и labels`);
			out.push(o);
		});
	return out;
}

export function evaluate(cr: CompiledRules, clauses: LabelledClause[], includeLow = false): EvalResult {
	const counts = new Map<Category, { tp: number; fp: number; fn: number }>(
		CATEGORIES.map((c) => [c, { tp: 0, fp: 0, fn: 0 }])
	);
	const misses: EvalResult['misses'] = [];
	const falseAlarms: EvalResult['falseAlarms'] = [];
	let evaluated = 0;
	for (const c of clauses) {
		if (!includeLow && c.confidence === 'low') continue;
		evaluated++;
		const gold = new Set<Category>();
		for (const l of c.labels) {
			const cat = LABEL_CATEGORY[l];
			if (cat) gold.add(cat);
		}
		const findings: Finding[] = auditText(cr, c.text);
		const predicted = new Set(findings.map((f) => f.category));
		for (const cat of CATEGORIES) {
			const k = counts.get(cat)!;
			const g = gold.has(cat);
			const p = predicted.has(cat);
			if (g && p) k.tp++;
			else if (p) {
				k.fp++;
				falseAlarms.push({
					id: c.id,
					category: cat,
					rules: findings.filter((f) => f.category === cat).map((f) => f.rule),
					text: c.text
				});
			} else if (g) {
				k.fn++;
				const suppressed = explainText(cr, c.text)
					.filter((x) => x.category === cat)
					.map((x) => ({ rule: x.rule, by: x.suppressedBy }));
				misses.push({ id: c.id, category: cat, text: c.text, suppressed });
			}
		}
	}
	const scores = CATEGORIES.map((category) => {
		const { tp, fp, fn } = counts.get(category)!;
		return {
			category,
			tp,
			fp,
			fn,
			precision: tp + fp ? tp / (tp + fp) : null,
			recall: tp + fn ? tp / (tp + fn) : null
		};
	});
	return { total: clauses.length, evaluated, scores, misses, falseAlarms };
}

const fmt = (x: number | null) => (x === null ? '  —  ' : x.toFixed(3));
const short = (s: string) => (s.length > 110 ? s.slice(0, 107).replace(/\s+/g, ' ') + '…' : s.replace(/\s+/g, ' '));

export async function run(args: string[]): Promise<number> {
	let json = false;
	let all = false;
	let file = SHARED_CLAUSES;
	for (let i = 0; i < args.length; i++) {
		const a = args[i];
		if (a === '--json') json = true;
		else if (a === '--all') all = true;
		else if (a === '--file' && args[i + 1]) file = args[++i];
		else {
			console.error(`Неизвестный аргумент: ${a}\nИспользование: npm run eval -- ${usage}`);
			return 2;
		}
	}
	try {
		if (!fs.existsSync(file)) throw new UserError('not_found', `Не найден файл с размеченными пунктами: ${file}`);
		const { compiled } = defaultRules();
		const result = evaluate(compiled, readClauses(file), all);
		if (json) {
			process.stdout.write(JSON.stringify(result, null, 2) + '\n');
			return 0;
		}
		const out: string[] = [];
		out.push(
			`Пунктов: ${result.total}, оценено: ${result.evaluated}${all ? ' (включая low)' : ' (метки low не учитываются)'}`
		);
		out.push('');
		out.push('категория                        TP  FP  FN  точность  полнота');
		for (const s of result.scores)
			out.push(
				`${s.category.padEnd(32)} ${String(s.tp).padStart(3)} ${String(s.fp).padStart(3)} ${String(s.fn).padStart(3)}   ${fmt(s.precision)}    ${fmt(s.recall)}`
			);
		out.push('');
		out.push(`Пропуски (${result.misses.length}):`);
		for (const m of result.misses) {
			out.push(`  ${m.id}  ${m.category}  ${short(m.text)}`);
			for (const x of m.suppressed) out.push(`      ${x.rule} сработало, но подавлено: ${x.by.join('; ')}`);
		}
		out.push(`Ложные срабатывания (${result.falseAlarms.length}):`);
		for (const f of result.falseAlarms) out.push(`  ${f.id}  ${f.category} [${f.rules.join(', ')}]  ${short(f.text)}`);
		console.log(out.join('\n'));
		return 0;
	} catch (e) {
		if (e instanceof UserError) {
			console.error(e.message);
			return 2;
		}
		throw e;
	}
}

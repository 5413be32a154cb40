/**
 * `audit <files…> [--format text|json]`: audits PDF/DOCX/TXT acts with the rule packs, without the database
 * (a linter for draft acts). `audit --jsonl <file|->`: one clause per input line {"id","text"} → exactly one
 * output line per non-empty input line {"id","findings":[{"rule","category","severity","spans"}]}.
 * Exit codes: 0 no findings, 1 findings, 2 error (missing/unreadable file, invalid line, usage).
 * Only results go to stdout; diagnostics go to stderr.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { UserError } from '$lib/core/errors';
import { auditText, auditUnits, type CompiledRules, type Finding, type UnitInput } from '$lib/core/rules';
import { segment } from '$lib/core/segment';
import type { Block } from '$lib/core/types';
import { extract } from '$lib/server/extract';
import { defaultRules } from '$lib/server/rules/load';

export const usage =
	'audit <файлы…> [--format text|json] | audit --jsonl <файл|-> — проверка актов (PDF, DOCX, TXT) или пунктов по правилам';

const HELP = `Использование:
  npm run cli -- audit <файлы…> [--format text|json]
  npm run cli -- audit --jsonl <файл.jsonl|->   (каждая строка: {"id": "...", "text": "..."}; «-» — стандартный ввод)
Код выхода: 0 — замечаний нет, 1 — есть замечания, 2 — ошибка.`;

/** Marker used by the shared corpus files between the description header and the act text. */
const TEXT_MARKER = /^-{3,}\s*ТЕКСТ\s*-{3,}$/;

export async function run(args: string[]): Promise<number> {
	let format: 'text' | 'json' = 'text';
	let jsonl: string | null = null;
	const files: string[] = [];
	for (let i = 0; i < args.length; i++) {
		const a = args[i];
		if (a === '--format' || a.startsWith('--format=')) {
			const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
			if (v !== 'text' && v !== 'json') {
				console.error(`Неизвестный формат вывода: ${v ?? '(не указан)'}. Допустимо: text или json.\n${HELP}`);
				return 2;
			}
			format = v;
		} else if (a === '--jsonl') {
			const v = args[++i];
			if (v === undefined) {
				console.error(`После --jsonl укажите файл или «-» для стандартного ввода.\n${HELP}`);
				return 2;
			}
			jsonl = v;
		} else if (a === '-h' || a === '--help') {
			console.error(HELP);
			return 0;
		} else if (a.startsWith('--')) {
			console.error(`Неизвестный параметр: ${a}\n${HELP}`);
			return 2;
		} else files.push(a);
	}
	let compiled: CompiledRules;
	try {
		compiled = defaultRules().compiled;
	} catch (e) {
		console.error(e instanceof UserError ? e.message : String(e));
		return 2;
	}
	if (jsonl !== null) {
		if (files.length > 0) {
			console.error(`С параметром --jsonl не указываются другие файлы: ${files.join(' ')}\n${HELP}`);
			return 2;
		}
		return auditJsonl(compiled, jsonl);
	}
	if (files.length === 0) {
		console.error(`Не указаны файлы для проверки.\n${HELP}`);
		return 2;
	}
	return auditFiles(compiled, files, format);
}

// ---------------------------------------------------------------------------------------------------------------
// --jsonl

interface JsonlOut {
	id: unknown;
	findings?: { rule: string; category: string; severity: string; spans: [number, number][] }[];
	error?: string;
}

/** Audits one JSONL line; returns the output object (never throws). */
export function auditJsonlLine(compiled: CompiledRules, line: string): { out: JsonlOut; findings: number } {
	let obj: unknown;
	try {
		obj = JSON.parse(line);
	} catch (e) {
		return { out: { id: null, error: `Строка не является корректным JSON: ${(e as Error).message}` }, findings: 0 };
	}
	if (!obj || typeof obj !== 'object' || Array.isArray(obj))
		return { out: { id: null, error: 'Строка должна быть JSON-объектом вида {"id": "...", "text": "..."}' }, findings: 0 };
	const rec = obj as { id?: unknown; text?: unknown };
	const id = rec.id === undefined ? null : rec.id;
	if (typeof rec.text !== 'string')
		return { out: { id, error: 'В объекте нет текстового поля "text"' }, findings: 0 };
	const findings = auditText(compiled, rec.text).map((f) => ({
		rule: f.rule,
		category: f.category,
		severity: f.severity,
		spans: f.spans
	}));
	return { out: { id, findings }, findings: findings.length };
}

async function auditJsonl(compiled: CompiledRules, file: string): Promise<number> {
	let input: NodeJS.ReadableStream;
	if (file === '-') input = process.stdin;
	else {
		if (!fs.existsSync(file)) {
			console.error(`Файл не найден: ${file}`);
			return 2;
		}
		try {
			input = fs.createReadStream(file, { encoding: 'utf8' });
		} catch (e) {
			console.error(`Не удалось прочитать файл ${file}: ${(e as Error).message}`);
			return 2;
		}
	}
	let anyFindings = false;
	let anyError = false;
	let buf: string[] = [];
	const flush = async () => {
		if (buf.length === 0) return;
		const chunk = buf.join('');
		buf = [];
		if (!process.stdout.write(chunk)) await new Promise<void>((r) => process.stdout.once('drain', () => r()));
	};
	try {
		const rl = readline.createInterface({ input, crlfDelay: Infinity });
		let n = 0;
		for await (const raw of rl) {
			n++;
			const line = n === 1 ? raw.replace(/^\uFEFF/, '') : raw;
			if (line.trim() === '') continue;
			const { out, findings } = auditJsonlLine(compiled, line);
			if (out.error) {
				anyError = true;
				console.error(`Строка ${n}: ${out.error}`);
			}
			if (findings > 0) anyFindings = true;
			buf.push(JSON.stringify(out) + '\n');
			if (buf.length >= 512) await flush();
		}
	} catch (e) {
		await flush();
		console.error(`Не удалось прочитать ${file === '-' ? 'стандартный ввод' : `файл ${file}`}: ${(e as Error).message}`);
		return 2;
	}
	await flush();
	return anyError ? 2 : anyFindings ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------------------------
// files

interface AuditUnit extends UnitInput {
	page: number | null;
}

interface FileReport {
	file: string;
	error?: string;
	signals?: string[];
	units: { path: string; label: string; page: number | null; text: string; findings: Finding[] }[];
}

/** Units of a document: segment()'s units, or one unit per paragraph if segmentation yields none. */
export function unitsOf(blocks: Block[]): AuditUnit[] {
	const marker = blocks.findIndex((b) => TEXT_MARKER.test(b.text.trim()));
	const body = marker >= 0 ? blocks.slice(marker + 1) : blocks;
	const seg = segment(body);
	if (seg.units.length > 0)
		return seg.units.map((u) => ({ path: u.path, label: u.label, text: u.text, page: u.page }));
	return body
		.map((b, i) => ({ path: `par-${i + 1}`, label: `абз. ${i + 1}`, text: b.text, page: b.page }))
		.filter((u) => u.text.trim() !== '');
}

export async function auditFile(compiled: CompiledRules, file: string): Promise<FileReport> {
	if (!fs.existsSync(file)) return { file, error: 'Файл не найден.', units: [] };
	let bytes: Uint8Array;
	try {
		if (fs.statSync(file).isDirectory()) return { file, error: 'Это папка, а не файл.', units: [] };
		bytes = new Uint8Array(fs.readFileSync(file));
	} catch (e) {
		return { file, error: `Не удалось прочитать файл: ${(e as Error).message}`, units: [] };
	}
	try {
		const doc = await extract(bytes, file);
		const audit = auditUnits(compiled, unitsOf(doc.blocks));
		return {
			file,
			signals: audit.signals,
			units: audit.units
				.filter((u) => u.findings.length > 0)
				.map((u) => ({ path: u.unit.path, label: u.unit.label, page: u.unit.page, text: u.unit.text, findings: u.findings }))
		};
	} catch (e) {
		if (e instanceof UserError) return { file, error: e.message, units: [] };
		return { file, error: `Не удалось извлечь текст: ${(e as Error).message}`, units: [] };
	}
}

async function auditFiles(compiled: CompiledRules, files: string[], format: 'text' | 'json'): Promise<number> {
	const reports: FileReport[] = [];
	for (const f of files) reports.push(await auditFile(compiled, f));
	const anyError = reports.some((r) => r.error);
	const total = reports.reduce((n, r) => n + r.units.reduce((m, u) => m + u.findings.length, 0), 0);
	if (format === 'json') {
		const out = {
			files: reports.map((r) => ({
				file: r.file,
				...(r.error ? { error: r.error } : {}),
				signals: r.signals ?? [],
				units: r.units.map((u) => ({
					path: u.path,
					label: u.label,
					page: u.page,
					findings: u.findings.map((f) => ({
						rule: f.rule,
						category: f.category,
						severity: f.severity,
						title: f.title,
						message: f.message,
						legalBasis: f.legalBasis,
						suggestedWording: f.suggestedWording,
						packId: f.packId,
						packVersion: f.packVersion,
						spans: f.spans,
						matched: f.spans.map(([s, e]) => u.text.slice(s, e))
					}))
				}))
			})),
			summary: { files: reports.length, errors: reports.filter((r) => r.error).length, findings: total }
		};
		process.stdout.write(JSON.stringify(out, null, 2) + '\n');
	} else {
		const lines: string[] = [];
		for (const r of reports) {
			if (r.error) {
				console.error(`${r.file}: ошибка — ${r.error}`);
				continue;
			}
			for (const u of r.units)
				for (const f of u.findings) {
					const words = f.spans.map(([s, e]) => `«${u.text.slice(s, e).replace(/\s+/g, ' ')}»`).join(', ');
					lines.push(`${r.file}: ${u.label}: [${f.severity}] ${f.rule} — ${f.message} Совпадения: ${words}`);
				}
		}
		if (lines.length) process.stdout.write(lines.join('\n') + '\n');
		console.error(
			`Проверено файлов: ${reports.length}, замечаний: ${total}` +
				(anyError ? `, ошибок: ${reports.filter((r) => r.error).length}` : '')
		);
	}
	return anyError ? 2 : total > 0 ? 1 : 0;
}

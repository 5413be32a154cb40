/** The `audit` CLI contract, run as a subprocess: --jsonl (file and stdin) and file audits. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, SHARED_ACTS, SHARED_CLAUSES } from './paths';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'popravka-audit-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function cli(args: string[], input?: string) {
	const r = spawnSync('npx', ['tsx', 'src/cli/main.ts', 'audit', ...args], {
		cwd: ROOT,
		input,
		encoding: 'utf8',
		timeout: 120_000
	});
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const devLines = fs
	.readFileSync(SHARED_CLAUSES, 'utf8')
	.split('\n')
	.filter((l) => l.trim());

describe('audit --jsonl', () => {
	it('prints exactly one line per non-empty input line, in order, with exactly the contract keys', () => {
		const input = devLines.map((l) => {
			const o = JSON.parse(l);
			return JSON.stringify({ id: o.id, text: o.text });
		});
		const file = path.join(tmp, 'dev.jsonl');
		fs.writeFileSync(file, input.join('\n') + '\n\n');
		const r = cli(['--jsonl', file]);
		expect(r.code).toBe(1);
		const out = r.stdout.trimEnd().split('\n');
		expect(out.length).toBe(input.length);
		let flagged = 0;
		out.forEach((line, i) => {
			const o = JSON.parse(line);
			expect(Object.keys(o)).toEqual(['id', 'findings']);
			expect(o.id).toBe(JSON.parse(input[i]).id);
			const text: string = JSON.parse(input[i]).text;
			for (const f of o.findings) {
				expect(Object.keys(f)).toEqual(['rule', 'category', 'severity', 'spans']);
				expect(f.spans.length).toBeGreaterThan(0);
				for (const [s, e] of f.spans) {
					expect(s).toBeGreaterThanOrEqual(0);
					expect(e).toBeLessThanOrEqual(text.length);
					expect(text.slice(s, e).trim().length).toBeGreaterThan(0);
				}
			}
			if (o.findings.length) flagged++;
		});
		expect(flagged).toBeGreaterThan(5);
	});

	it('reads stdin with «-», reports invalid JSON lines as {"id": null, "error"} and exits 2', () => {
		const input = [
			JSON.stringify({ id: 'a', text: 'Заявление подается только лично.' }),
			'{не json',
			'',
			JSON.stringify({ id: 'b', text: 'Заявление подается через Единый портал.' })
		].join('\n');
		const r = cli(['--jsonl', '-'], input);
		expect(r.code).toBe(2);
		const out = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
		expect(out.length).toBe(3);
		expect(out[0].id).toBe('a');
		expect(out[0].findings.map((f: { category: string }) => f.category)).toContain('remote-channel-restriction');
		expect(out[1]).toEqual({ id: null, error: expect.any(String) });
		expect(out[2]).toEqual({ id: 'b', findings: [] });
	});

	it('exits 0 when nothing is found', () => {
		const r = cli(['--jsonl', '-'], JSON.stringify({ id: 1, text: 'Заявление подается через Единый портал.' }) + '\n');
		expect(r.code).toBe(0);
		expect(JSON.parse(r.stdout)).toEqual({ id: 1, findings: [] });
	});

	it('missing file is an error with exit 2 and nothing on stdout', () => {
		const r = cli(['--jsonl', path.join(tmp, 'missing.jsonl')]);
		expect(r.code).toBe(2);
		expect(r.stdout).toBe('');
		expect(r.stderr).toMatch(/не найден/);
	});
});

describe('audit <files>', () => {
	const luza = path.join(SHARED_ACTS, 'kirov-luza-postanovlenie-323-2022-official-accounts.txt');
	it('text format: file: label: [severity] rule — message, exit 1', () => {
		const r = cli([luza]);
		expect(r.code).toBe(1);
		expect(r.stdout).toMatch(/official-accounts\.txt: .+: \[high\] FM-001 — .*«Телеграмм»/);
	});
	it('json format: files → units → findings', () => {
		const r = cli([luza, '--format', 'json']);
		expect(r.code).toBe(1);
		const o = JSON.parse(r.stdout);
		const units = o.files[0].units;
		expect(units.some((u: { findings: { rule: string }[] }) => u.findings.some((f) => f.rule === 'FM-001'))).toBe(true);
	});
	it('missing file and bad usage exit 2', () => {
		expect(cli([path.join(tmp, 'nope.pdf')]).code).toBe(2);
		expect(cli([]).code).toBe(2);
		expect(cli([luza, '--format', 'xml']).code).toBe(2);
	});
});

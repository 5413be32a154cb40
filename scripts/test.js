#!/usr/bin/env node
/**
 * `npm test`: unit and integration tests (vitest), then end-to-end tests in Chromium against the built app.
 * Prints a closing line "N passed, N failed" that CI reads.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'popravka-test-'));
const extra = process.argv.slice(2);

function suite(name, args) {
	const report = path.join(out, `${name}.json`);
	const r = spawnSync(process.execPath, [vitest, 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra], {
		stdio: 'inherit',
		env: { ...process.env, POPRAVKA_LOG: process.env.POPRAVKA_LOG ?? 'silent' }
	});
	let passed = 0;
	let failed = 0;
	if (fs.existsSync(report)) {
		const j = JSON.parse(fs.readFileSync(report, 'utf8'));
		passed = j.numPassedTests ?? 0;
		failed = (j.numFailedTests ?? 0) + (j.numRuntimeErrorTestSuites ?? 0);
		if (r.status !== 0 && failed === 0) failed = 1;
	} else if (r.status !== 0) failed = 1;
	return { passed, failed };
}

const results = [suite('unit', []), suite('e2e', ['--config', 'vitest.e2e.config.ts'])];
const passed = results.reduce((s, r) => s + r.passed, 0);
const failed = results.reduce((s, r) => s + r.failed, 0);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

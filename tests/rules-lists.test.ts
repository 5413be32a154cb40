/**
 * A пункт that opens a list («Заявление … может быть предоставлено:» + подпункты «а) лично…; б) по почте…»)
 * is audited together with its items: a closed list split over подпункты is found, an electronic item anywhere
 * in the list keeps it lawful. Checked on a real act from ../shared/corpus (channels list of 27-р) as published
 * and with its electronic подпункт «в» struck out, segmented exactly as an import does.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditUnits } from '../src/lib/core/rules';
import { segment } from '../src/lib/core/segment';
import { loadPacks } from '../src/lib/server/rules/load';
import { ROOT, SHARED_ACTS } from './paths';

const { compiled } = loadPacks(path.join(ROOT, 'rules'));
const raw = fs.readFileSync(path.join(SHARED_ACTS, 'frag-cntd-406832892-channels-list.txt'), 'utf8');
const text = raw.split('----- ТЕКСТ -----\n')[1];

function audit(t: string) {
	const units = segment(t.split('\n').map((line) => ({ text: line, page: null }))).units.map((u) => ({ path: u.path, label: u.label, text: u.text }));
	return auditUnits(compiled, units).units;
}
const findingsAt = (units: ReturnType<typeof audit>, p: string) => units.find((u) => u.unit.path === p)?.findings ?? [];

describe('list пункты are audited with their подпункты', () => {
	it('the real list with an electronic item (п. 37 «в») is not flagged, and п. 37 has its items as units', () => {
		const units = audit(text);
		expect(units.map((u) => u.unit.path)).toEqual(expect.arrayContaining(['p-37', 'p-37.a', 'p-37.b', 'p-37.v']));
		expect(units.flatMap((u) => u.findings)).toEqual([]);
	});

	it('the same list without its electronic item is a closed list: RC-003 on п. 37, highlighted in its own text', () => {
		const struck = text.replace(/^в\) в форме электронного документа.*\n/m, '');
		expect(struck).not.toEqual(text);
		const units = audit(struck);
		const f = findingsAt(units, 'p-37');
		expect(f.map((x) => x.rule)).toEqual(['RC-003']);
		const own = units.find((u) => u.unit.path === 'p-37')!.unit.text;
		for (const [s, e] of f[0].spans) expect(e).toBeLessThanOrEqual(own.length);
		expect(f[0].spans.map(([s, e]) => own.slice(s, e))).toContain('предоставлено');
		// the items alone carry no finding, so the clause is counted once
		expect(findingsAt(units, 'p-37.a')).toEqual([]);
		expect(findingsAt(units, 'p-37.b')).toEqual([]);
	});

	it('a numbered sub-пункт is not a list item: п. 3.1.1 and п. 3.1.2 are separate clauses', () => {
		const act = fs.readFileSync(path.join(SHARED_ACTS, 'frag-cntd-561442499-no-e-appointment.txt'), 'utf8').split('----- ТЕКСТ -----\n')[1];
		const units = audit(act);
		// the refusal of electronic booking stays on its own абзац, not on a neighbour
		const flagged = units.filter((u) => u.findings.length).map((u) => `${u.unit.path}:${u.findings.map((f) => f.rule).join(',')}`);
		expect(flagged).toEqual(['p-3.1.1.abz-2:RC-006']);
	});
});

/**
 * Held-out evaluation: real clauses from acts that were not used to write the packs (tests/data/clauses-heldout.jsonl).
 * The first 36 were labelled before the packs were run on them; the «ho2-» clauses (115, collected from stored copies
 * of regional, municipal and institutional acts) were labelled before their first run, which found recall 0.73 and
 * precision 0.80 for remote channels and 0/7 for personal data; the packs were then generalised (enumerated channel
 * lists, rights declarations, personal data in contest and registration forms, foreign social networks as foreign
 * services); the «ho3-» clauses (42, a second round) found recall 0.50 / precision 0.75 for remote channels on their first
 * run, after which «способом, указанным в заявлении, а именно: лично; почтой» became a closed list and physical
 * credentials handed over against signature a lawful exception; the «ho4-» clauses (60, admission rules, appeals, archive
 * and housing services, several from newspaper notices) found recall 0.41 / precision 0.78 on their first run, after
 * which a processing or time-limit sentence no longer hides a channel sentence of the same clause, «приходить за
 * направлением» and «при себе иметь» count as personal appearance, and in-person filing at an МФЦ alone is judged with
 * the act (act_only RC-002). Asserted: precision ≥ 0.92 wherever there are ≥ 10 non-low positives, and no false alarm
 * or miss except the known ones listed with their reasons.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, LABEL_CATEGORY, readClauses } from '../src/cli/commands/eval';
import { CATEGORIES } from '../src/lib/core/rules';
import { loadPacks } from '../src/lib/server/rules/load';
import { ROOT } from './paths';

const FILE = path.join(ROOT, 'tests/data/clauses-heldout.jsonl');
/** Below this many non-low positives a ratio says little; the achieved counts are asserted instead. */
const MIN_POSITIVES = 10;

describe('held-out clauses', () => {
	const { compiled } = loadPacks(path.join(ROOT, 'rules'));
	const clauses = readClauses(FILE);
	const result = evaluate(compiled, clauses);

	it('is a well-formed labelled set with a source for every clause', () => {
		expect(clauses.length).toBeGreaterThanOrEqual(30);
		const ids = new Set(clauses.map((c) => c.id));
		expect(ids.size).toBe(clauses.length);
		for (const c of clauses as (typeof clauses[number] & { source?: string; note?: string })[]) {
			expect(c.source, c.id).toMatch(/^https?:\/\//);
			expect(c.note, c.id).toBeTruthy();
			for (const l of c.labels) expect(Object.keys(LABEL_CATEGORY), `${c.id}: ${l}`).toContain(l);
		}
	});

	/** Positives the packs cannot find from the clause alone, with the reason. */
	const KNOWN_MISSES: Record<string, string> = {
		'ho2-fm-006/personal-data': 'the personal data are implied by what the contest works are (recitations by children), the clause names none',
		'ho2-fm-009/foreign-messenger': 'the platform is only identifiable from the handle «@dpcykt» that another clause defines as Instagram',
		'ho2-fm-009/personal-data': 'as above, and the personal data are implied by the works published',
		'ho3-rc-002/remote-channel-restriction': 'a paper-only hand-over is implied only by «в 1 экземпляре … не подлежат передаче другим лицам» and a journal of issue',
		'ho4-rc-005/remote-channel-restriction': 'answers by post to internet appeals: the clause names e-mail as an option, the restriction is that e-mail is the exception',
		'ho4-rc-007/remote-channel-restriction': 'a newspaper notice: bringing originals to one office is implied by the address and reception hours only',
		'ho4-rc-009/remote-channel-restriction': 'a newspaper notice: «сбор заявок осуществляется в учреждении» names the place, not a channel',
		'ho4-rc-012/remote-channel-restriction': 'personal collection of the result is implied by «информирует о необходимости их получения»',
		'ho4-rc-017/remote-channel-restriction': 'a newspaper notice: collecting the referral in person is implied by the schedule and «забрать … в приемный день»'
	};
	/** Negatives the packs flag, with the reason the flag is defensible from the clause alone. */
	const KNOWN_FALSE_ALARMS: Record<string, string> = {
		'ho4-neg-041/remote-channel-restriction': 'a university FAQ: «подача документов осуществляется … лично и только при предъявлении документа» reads as in-person only; the FAQ accepts post elsewhere'
	};

	for (const cat of CATEGORIES)
		it(`${cat}: precision target, no false alarm and no miss but the known ones`, () => {
			const s = result.scores.find((x) => x.category === cat)!;
			for (const f of result.falseAlarms.filter((x) => x.category === cat))
				expect(KNOWN_FALSE_ALARMS, `unexpected false alarm ${f.id}/${cat} [${f.rules.join(', ')}]`).toHaveProperty([`${f.id}/${cat}`]);
			if (s.tp + s.fn >= MIN_POSITIVES) expect(s.precision!).toBeGreaterThanOrEqual(0.92);
			const missed = result.misses.filter((m) => m.category === cat).map((m) => `${m.id}/${cat}`);
			for (const m of missed) expect(KNOWN_MISSES, `unexpected miss ${m}`).toHaveProperty([m]);
			const known = (o: Record<string, string>) => Object.keys(o).filter((k) => k.endsWith(`/${cat}`)).length;
			expect(s.fn).toBe(known(KNOWN_MISSES));
			expect(s.fp).toBe(known(KNOWN_FALSE_ALARMS));
		});

	it('the known misses are still real labelled positives (remove an entry once the packs find it)', () => {
		const missed = new Set(result.misses.map((m) => `${m.id}/${m.category}`));
		for (const k of Object.keys(KNOWN_MISSES)) expect(missed.has(k), `${k} is found now: remove it from KNOWN_MISSES`).toBe(true);
		const alarms = new Set(result.falseAlarms.map((f) => `${f.id}/${f.category}`));
		for (const k of Object.keys(KNOWN_FALSE_ALARMS)) expect(alarms.has(k), `${k} is no longer flagged: remove it from KNOWN_FALSE_ALARMS`).toBe(true);
	});

	it('has enough real positives per category to mean something', () => {
		const pos = (cat: string) => result.scores.find((x) => x.category === cat)!;
		expect(pos('remote-channel-restriction').tp).toBeGreaterThanOrEqual(25);
		expect(pos('foreign-messenger').tp).toBeGreaterThanOrEqual(15);
		expect(pos('personal-data').tp).toBeGreaterThanOrEqual(5);
	});

	it('has real foreign-messenger positives (Telegram channels, foreign social networks) that are found', () => {
		const fm = result.scores.find((x) => x.category === 'foreign-messenger')!;
		expect(fm.tp).toBeGreaterThanOrEqual(2);
	});
});

/** Pack validation (zod, strict) and behaviour of the shipped packs on real wording. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { auditText, auditUnits } from '../src/lib/core/rules/engine';
import { loadPacks } from '../src/lib/server/rules/load';
import { ROOT, SHARED_ACTS } from './paths';

const RULES = path.join(ROOT, 'rules');
const shipped = loadPacks(RULES);
const tmpDirs: string[] = [];
afterAll(() => tmpDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A copy of the shipped rules dir with the first rule of remote-channels.yaml modified. */
function brokenCopy(mutate: (rule: Record<string, unknown>) => void): { dir: string; file: string } {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'popravka-rules-'));
	tmpDirs.push(dir);
	for (const f of fs.readdirSync(RULES)) fs.copyFileSync(path.join(RULES, f), path.join(dir, f));
	const file = path.join(dir, 'remote-channels.yaml');
	const doc = YAML.parse(fs.readFileSync(file, 'utf8'));
	mutate(doc.rules[0]);
	fs.writeFileSync(file, YAML.stringify(doc));
	return { dir, file };
}

describe('pack validation', () => {
	it('rejects an unknown key, naming the file and the rule', () => {
		const { dir } = brokenCopy((r) => (r.severety = 'high'));
		expect(() => loadPacks(dir)).toThrow(/remote-channels\.yaml.*RC-001.*severety/s);
	});
	it('rejects a rule without legal_basis', () => {
		const { dir } = brokenCopy((r) => delete r.legal_basis);
		expect(() => loadPacks(dir)).toThrow(/remote-channels\.yaml.*RC-001.*legal_basis/s);
	});
	it('rejects an empty example list', () => {
		const { dir } = brokenCopy((r) => ((r.examples as { ok: string[] }).ok = []));
		expect(() => loadPacks(dir)).toThrow(/remote-channels\.yaml.*RC-001.*examples\.ok/s);
	});
	it('rejects an unknown vocabulary reference', () => {
		const { dir } = brokenCopy((r) => (r.match = '@no_such_vocabulary'));
		expect(() => loadPacks(dir)).toThrow(/RC-001.*no_such_vocabulary/s);
	});
	it('rejects a duplicate rule id across packs', () => {
		const { dir } = brokenCopy((r) => (r.id = 'FM-001'));
		expect(() => loadPacks(dir)).toThrow(/FM-001/);
	});
	it('errors are Russian user messages', () => {
		const { dir } = brokenCopy((r) => delete r.message);
		expect(() => loadPacks(dir)).toThrow(/Ошибка в наборе правил/);
	});
});

const rulesOf = (text: string) => auditText(shipped.compiled, text).map((f) => f.rule);
const catsOf = (text: string) => [...new Set(auditText(shipped.compiled, text).map((f) => f.category))];

describe('shipped packs on realistic wording', () => {
	it('morphology: different forms of «личное обращение» meet', () => {
		for (const t of [
			'Прием документов осуществляется только при личном обращении заявителя.',
			'Основанием является исключительно личное обращение заявителя.',
			'Документы принимаются только в случае личного обращения.'
		])
			expect(catsOf(t)).toContain('remote-channel-restriction');
	});

	it('implicit exhaustive list of channels without an electronic one is a restriction; with one it is not', () => {
		expect(catsOf('Заявление подается на бумажном носителе лично или почтовым отправлением.')).toEqual([
			'remote-channel-restriction'
		]);
		expect(catsOf('Заявление подается лично, почтовым отправлением или в электронной форме через ЕПГУ.')).toEqual([]);
		expect(catsOf('Заявление подается лично либо посредством национального мессенджера.')).toEqual([]);
	});

	it('negation: a forbidden electronic channel is flagged, a forbidden refusal is not', () => {
		expect(rulesOf('Не допускается направление заявления в электронной форме.')).toContain('RC-006');
		expect(rulesOf('Не допускается отказ в приеме заявления, поданного в электронной форме.')).toEqual([]);
	});

	it('lawful exception: plain e-mail appeals are not considered since 30.03.2025 (59-ФЗ)', () => {
		expect(rulesOf('Обращения, поступившие на адрес электронной почты, не рассматриваются.')).toEqual([]);
	});

	it('foreign messengers: named as a channel vs neutral prohibition, Cyrillic spellings', () => {
		expect(catsOf('Информирование родителей осуществляется в группе Вотсап.')).toEqual(['foreign-messenger']);
		expect(catsOf('Официальный канал учреждения ведется в Телеграме.')).toEqual(['foreign-messenger']);
		expect(catsOf('Запрещается использовать WhatsApp для информирования граждан.')).toEqual([]);
		expect(catsOf('Уведомление направляется телеграммой.')).toEqual([]);
	});

	it('national messenger: mandatory for parents flagged, one channel among others not', () => {
		expect(catsOf('Родители обязаны зарегистрироваться в мессенджере MAX.')).toEqual(['national-messenger-mandatory']);
		expect(catsOf('Родители информируются через МАХ, по телефону или электронной почте.')).toEqual([]);
	});

	it('act-level: in-person-only МФЦ clause is lawful when the act offers ЕПГУ elsewhere', () => {
		const mfc = { path: 'p-5', label: 'п. 5', text: 'В МФЦ предусмотрена только очная форма подачи документов.' };
		const epgu = {
			path: 'p-6',
			label: 'п. 6',
			text: 'Заявление может быть подано в форме электронного документа через Единый портал.'
		};
		expect(auditUnits(shipped.compiled, [mfc]).units[0].findings.map((f) => f.rule)).toContain('RC-002');
		const both = auditUnits(shipped.compiled, [mfc, epgu]);
		expect(both.signals).toContain('act-offers-electronic');
		expect(both.units[0].findings).toEqual([]);
	});

	it('real act: the Luza resolution on official accounts is flagged for «Телеграмм» only in п. 1', () => {
		const raw = fs.readFileSync(path.join(SHARED_ACTS, 'kirov-luza-postanovlenie-323-2022-official-accounts.txt'), 'utf8');
		const body = raw.split(/^-{3,}\s*ТЕКСТ\s*-{3,}$/m)[1];
		const units = body
			.split('\n')
			.filter((l) => l.trim())
			.map((text, i) => ({ path: `par-${i + 1}`, label: `абз. ${i + 1}`, text }));
		const audit = auditUnits(shipped.compiled, units);
		const flagged = audit.units.filter((u) => u.findings.length > 0);
		expect(flagged.length).toBe(1);
		expect(flagged[0].unit.text).toMatch(/Телеграмм/);
		const f = flagged[0].findings[0];
		expect(f.rule).toBe('FM-001');
		expect(flagged[0].unit.text.slice(...f.spans[0])).toBe('Телеграмм');
		expect(f.legalBasis).toMatch(/41-ФЗ/);
	});

	it('is fast enough for bulk audits (precompiled terms)', () => {
		const text =
			'Заявление и документы представляются заявителем лично или направляются почтовым отправлением с описью вложения в администрацию поселения.';
		const t0 = performance.now();
		for (let i = 0; i < 2000; i++) auditText(shipped.compiled, text + i);
		const perClause = (performance.now() - t0) / 2000;
		expect(perClause).toBeLessThan(2);
	});
});

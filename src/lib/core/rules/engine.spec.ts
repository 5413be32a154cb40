import { describe, expect, it } from 'vitest';
import { auditText, auditUnits, compileRules, PatternError, spanTexts } from './engine';
import type { PackDef, Pattern, RuleDef } from './types';

function rule(id: string, match: Pattern, extra: Partial<RuleDef> = {}): RuleDef {
	return {
		id,
		title: id,
		category: 'remote-channel-restriction',
		severity: 'high',
		legal_basis: '210-ФЗ',
		message: 'сообщение',
		suggested_wording: 'редакция',
		match,
		examples: { flag: ['x'], ok: ['y'] },
		...extra
	};
}
function pack(rules: RuleDef[], extra: Partial<PackDef> = {}): PackDef {
	return { id: 'p', title: 'p', version: '1.0.0', rules, ...extra };
}
const ids = (text: string, cr: ReturnType<typeof compileRules>) => auditText(cr, text).map((f) => f.rule);

describe('rule engine', () => {
	it('matches Russian word forms by stems and prefixes', () => {
		const cr = compileRules([pack([rule('RC-1', 'личн* обращ*'), rule('RC-2', 'заявление')])]);
		for (const t of ['при личном обращении', 'в случае личного обращения', 'Личное обращение заявителя'])
			expect(ids(t, cr)).toContain('RC-1');
		expect(ids('лично обратиться', cr)).not.toContain('RC-1');
		expect(ids('Заявления принимаются', cr)).toContain('RC-2');
		expect(ids('заявлением', cr)).toContain('RC-2');
	});

	it('exact words do not match other forms («лично» is not «личный кабинет»)', () => {
		const cr = compileRules([pack([rule('RC-1', '=лично')])]);
		expect(ids('подается лично', cr)).toEqual(['RC-1']);
		expect(ids('через личный кабинет', cr)).toEqual([]);
	});

	it('returns character spans of the matched words in the original text', () => {
		const cr = compileRules([pack([rule('RC-1', { all: ['только', 'личн* обращ*'] })])]);
		const text = 'Прием ведётся только при личном обращении.';
		const [f] = auditText(cr, text);
		expect(spanTexts(text, f)).toEqual(['только', 'личном обращении']);
		expect(f.spans[0]).toEqual([text.indexOf('только'), text.indexOf('только') + 6]);
	});

	it('near: words within N words and in the same sentence', () => {
		const cr = compileRules([pack([rule('RC-1', { near: ['только', '=лично'], within: 2 })])]);
		expect(ids('подается только лично', cr)).toEqual(['RC-1']);
		expect(ids('только в рабочие дни с понедельника подается лично', cr)).toEqual([]);
		expect(ids('Подается только. Лично', cr)).toEqual([]);
	});

	it('sentence scope and not', () => {
		const cr = compileRules([
			pack([rule('FM-1', { sentence: { all: ['whatsapp*', { not: 'запрещ*' }] } }, { category: 'foreign-messenger' })])
		]);
		expect(ids('Информирование через WhatsApp.', cr)).toEqual(['FM-1']);
		expect(ids('Запрещается использовать WhatsApp.', cr)).toEqual([]);
		expect(ids('Запрещается использовать Viber. Информирование через WhatsApp.', cr)).toEqual(['FM-1']);
	});

	it('unless suppresses a match when a remote channel is also offered', () => {
		const cr = compileRules([pack([rule('RC-1', '=лично', { unless: ['электрон* форм*'] })])]);
		expect(ids('Заявление подается лично.', cr)).toEqual(['RC-1']);
		expect(ids('Заявление подается лично либо в электронной форме через ЕПГУ.', cr)).toEqual([]);
	});

	it('negation: a cue governs the channel unless a blocker word stands between', () => {
		const cr = compileRules([
			pack([
				rule('RC-1', {
					negated: 'электрон* форм*',
					cues: ['не допуска*', 'не принима*'],
					blockers: ['отказ*'],
					within: 6
				})
			])
		]);
		expect(ids('Не допускается направление заявления в электронной форме.', cr)).toEqual(['RC-1']);
		expect(ids('В электронной форме заявление не принимается.', cr)).toEqual(['RC-1']);
		expect(ids('Не допускается отказ в приеме заявления, поданного в электронной форме.', cr)).toEqual([]);
		expect(ids('Заявление подается в электронной форме.', cr)).toEqual([]);
	});

	it('overlapping and nested hits merge into one span («Единый портал» and «портал»)', () => {
		const cr = compileRules([pack([rule('RC-1', { all: [['единый портал', 'портал*'], 'не осуществля*'] })])]);
		const t = 'Подача через Единый портал не осуществляется.';
		const [f] = auditText(cr, t);
		expect(spanTexts(t, f)).toEqual(['Единый портал', 'не осуществляется']);
	});

	it('anchored terms match only at the start of a sentence', () => {
		const cr = compileRules([pack([rule('RC-1', '^ при подач*')])]);
		expect(ids('3.2. При подаче заявления специалист проверяет документы.', cr)).toEqual(['RC-1']);
		expect(ids('Специалист проверяет документы при подаче заявления.', cr)).toEqual([]);
	});

	it('act-level context: a rule is suppressed when the act elsewhere offers an electronic channel', () => {
		const p = pack([rule('RC-MFC', { all: ['мфц', 'только', 'очн*'] }, { unless_context: ['e'] })], {
			contexts: [{ id: 'e', description: 'электронный канал', match: { near: ['пода*', 'епгу'], within: 5 } }]
		});
		const cr = compileRules([p]);
		const mfc = { path: 'p-1', label: 'п. 1', text: 'В МФЦ предусмотрена только очная форма подачи документов.' };
		const epgu = { path: 'p-2', label: 'п. 2', text: 'Заявление может быть подано через ЕПГУ.' };
		const alone = auditUnits(cr, [mfc]);
		expect(alone.signals).toEqual([]);
		expect(alone.units[0].findings.map((f) => f.rule)).toEqual(['RC-MFC']);
		const withE = auditUnits(cr, [mfc, epgu]);
		expect(withE.signals).toEqual(['e']);
		expect(withE.units[0].findings).toEqual([]);
		expect(auditText(cr, mfc.text, { signals: ['e'] })).toEqual([]);
	});

	it('an act_only rule is silent on a clause alone and judged with its act', () => {
		const p = pack([rule('RC-MFC', { all: ['мфц', 'личн* обращ*'] }, { act_only: true, unless_context: ['e'] })], {
			contexts: [{ id: 'e', description: 'электронный канал', match: { near: ['пода*', 'епгу'], within: 5 } }]
		});
		const cr = compileRules([p]);
		const mfc = { path: 'p-1', label: 'п. 1', text: 'Основанием является личное обращение заявителя в МФЦ.' };
		const epgu = { path: 'p-2', label: 'п. 2', text: 'Заявление может быть подано через ЕПГУ.' };
		expect(auditText(cr, mfc.text)).toEqual([]);
		expect(auditText(cr, mfc.text, { signals: [] }).map((f) => f.rule)).toEqual(['RC-MFC']);
		expect(auditUnits(cr, [mfc]).units[0].findings.map((f) => f.rule)).toEqual(['RC-MFC']);
		expect(auditUnits(cr, [mfc, epgu]).units[0].findings).toEqual([]);
	});

	it('vocabularies expand, and an unknown vocabulary is an error naming the rule', () => {
		const cr = compileRules([pack([rule('FM-1', '@fm')])], { fm: ['viber*', '@tg'], tg: ['telegram*'] });
		expect(ids('канал в Telegram', cr)).toEqual(['FM-1']);
		expect(() => compileRules([pack([rule('FM-2', '@nope')])])).toThrow(PatternError);
		expect(() => compileRules([pack([rule('FM-2', '@nope')])])).toThrow(/FM-2/);
	});
});

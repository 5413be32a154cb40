import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS } from '../../../../tests/paths';
import { guessMapping, parseRuDate, previewRoadmap, type Table } from './import';

/** A minimal CSV reader for the test (comma, double quotes), independent of the server's csv-parse reader. */
function csvTable(text: string): Table {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let q = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (q) {
			if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
			else if (ch === '"') q = false;
			else cell += ch;
		} else if (ch === '"') q = true;
		else if (ch === ',') row.push(cell), (cell = '');
		else if (ch === '\n') row.push(cell), rows.push(row), (row = []), (cell = '');
		else if (ch !== '\r') cell += ch;
	}
	if (cell || row.length) row.push(cell), rows.push(row);
	return { headers: rows[0], rows: rows.slice(1) };
}

const vladimir = fs.readFileSync(path.join(CORPUS, 'roadmaps', 'vladimir-2025.csv'), 'utf8');

describe('parseRuDate', () => {
	it('accepts dd.mm.yyyy and variants', () => {
		expect(parseRuDate('31.08.2025')).toEqual({ ok: true, iso: '2025-08-31' });
		expect(parseRuDate('1.9.2025')).toEqual({ ok: true, iso: '2025-09-01' });
		expect(parseRuDate('01.10.25')).toEqual({ ok: true, iso: '2025-10-01' });
		expect(parseRuDate('15.09.2025 г.')).toEqual({ ok: true, iso: '2025-09-15' });
		expect(parseRuDate('2025-09-15')).toEqual({ ok: true, iso: '2025-09-15' });
		expect(parseRuDate('29.02.2024')).toEqual({ ok: true, iso: '2024-02-29' });
	});
	it('rejects impossible calendar dates and non-dates with a Russian reason', () => {
		const feb = parseRuDate('31.02.2025');
		expect(feb.ok).toBe(false);
		if (!feb.ok) expect(feb.message).toContain('нет в календаре');
		expect(parseRuDate('29.02.2025').ok).toBe(false);
		expect(parseRuDate('12.13.2025').ok).toBe(false);
		const text = parseRuDate('III квартал 2025');
		expect(text.ok).toBe(false);
		if (!text.ok) expect(text.message).toContain('ДД.ММ.ГГГГ');
	});
});

describe('guessMapping', () => {
	it('maps the Vladimir roadmap headers', () => {
		const t = csvTable(vladimir);
		expect(t.headers).toEqual(['№', 'Мероприятие', 'Ответственный исполнитель', 'Срок', 'Примечание']);
		expect(guessMapping(t.headers)).toEqual({
			number: 0,
			title: 1,
			responsible: 2,
			dueDate: 3,
			baselineDate: null,
			expectedResult: null,
			note: 4
		});
	});
	it('tells the baseline deadline from the current one and tolerates other wording', () => {
		const m = guessMapping(['№ п/п', 'Наименование мероприятия', 'Первоначальный срок', 'Срок исполнения', 'Исполнитель', 'Ожидаемый результат']);
		expect(m).toMatchObject({ number: 0, title: 1, baselineDate: 2, dueDate: 3, responsible: 4, expectedResult: 5, note: null });
	});
});

describe('previewRoadmap', () => {
	it('previews the real Vladimir roadmap: 10 items, no errors, merged-cell notes kept', () => {
		const t = csvTable(vladimir);
		const p = previewRoadmap(t, guessMapping(t.headers));
		expect(p.ok).toBe(true);
		expect(p.valid).toBe(10);
		expect(p.rows.map((r) => r.item.number)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
		expect(p.rows[1].item.title).toBe('Внесение изменений в нормативные правовые акты Владимирской области');
		expect(p.rows[5].item.dueDate).toBe('2025-08-29');
		expect(p.rows[6].item).toMatchObject({ dueDate: '2025-09-15', baselineDate: '2025-09-15' });
		expect(p.rows[6].item.note).toContain('объединённой ячейки');
		expect(p.rows[9].item.responsible).toContain('Министерства здравоохранения');
		expect(p.rows[0].line).toBe(2);
	});
	it('flags a bad date and empty required fields row by row, and is not ok', () => {
		const t = csvTable(vladimir);
		t.rows[2][3] = '31.02.2025';
		t.rows[4][1] = '';
		t.rows[5][2] = '  ';
		t.rows.push(['', '', '', '', '']);
		const p = previewRoadmap(t, guessMapping(t.headers));
		expect(p.ok).toBe(false);
		expect(p.invalid).toBe(3);
		expect(p.valid).toBe(7);
		expect(p.skipped).toBe(1);
		expect(p.rows[2].errors).toEqual([{ field: 'dueDate', message: expect.stringContaining('31.02.2025') }]);
		expect(p.rows[2].item.dueDate).toBeNull();
		expect(p.rows[4].errors[0]).toMatchObject({ field: 'title', message: 'Не заполнено поле «Мероприятие»' });
		expect(p.rows[5].errors[0].field).toBe('responsible');
	});
	it('reports an unmapped required column and a column chosen twice', () => {
		const t = csvTable(vladimir);
		const m = guessMapping(t.headers);
		const p = previewRoadmap(t, { ...m, dueDate: null, note: 1 });
		expect(p.ok).toBe(false);
		expect(p.mappingErrors).toContain('Не выбран столбец для поля «Срок».');
		expect(p.mappingErrors.some((e) => e.includes('«Мероприятие»') && e.includes('«Примечание»'))).toBe(true);
	});
	it('numbers items without a number and rejects duplicate numbers', () => {
		const t = csvTable(vladimir);
		t.rows[0][0] = '';
		t.rows[3][0] = '3';
		const p = previewRoadmap(t, guessMapping(t.headers));
		expect(p.rows[0].item.number).toBe('1');
		expect(p.rows[0].warnings[0].message).toContain('будет присвоен');
		expect(p.rows[3].errors[0].message).toContain('уже встречается в строке 4');
	});
});

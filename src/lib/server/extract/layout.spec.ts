/** Unit tests of the PDF layout helpers and Word number formats. */
import { describe, it, expect } from 'vitest';
import { joinLine, buildLexicon, isHeadingLine, isPageNumberText, startsNewItem, dropPageFurniture, buildParagraphs, type PdfLine } from './pdf';
import { formatNumber } from './numbering';

describe('joinLine: end-of-line hyphens', () => {
	it('joins syllable breaks and keeps real hyphens', () => {
		expect(joinLine('услуги и предостав-', 'ления справок')).toBe('услуги и предоставления справок');
		expect(joinLine('от 27.07.2010 № 210-', 'ФЗ «Об организации»')).toBe('от 27.07.2010 № 210-ФЗ «Об организации»');
		expect(joinLine('создать WhatsApp-', 'чат')).toBe('создать WhatsApp-чат');
		expect(joinLine('если кто-', 'то обратится')).toBe('если кто-то обратится');
		expect(joinLine('в информационно-', 'телекоммуникационной сети')).toBe('в информационно-телекоммуникационной сети');
		expect(joinLine('обычная', 'строка')).toBe('обычная строка');
	});

	it('the document itself decides when it contains the word form', () => {
		const lex = buildLexicon([{ text: 'порядок обеспече-' }, { text: 'ния и обеспечения доступа' }, { text: 'северо-западный' }]);
		expect(joinLine('порядок обеспече-', 'ния', lex)).toBe('порядок обеспечения');
		expect(joinLine('на северо-', 'западный', lex)).toBe('на северо-западный');
	});
});

describe('page numbers and new items', () => {
	it('recognises page-number lines', () => {
		for (const t of ['3', '- 3 -', '— 12 —', 'Страница 3 из 10', 'стр. 4', '5 из 9', '2/7']) expect(isPageNumberText(t), t).toBe(true);
		for (const t of ['3. Общие положения', '2024 год', 'Статья 3', '1)']) expect(isPageNumberText(t), t).toBe(false);
	});

	it('numbered items and headings start paragraphs; wrapped sentence starts do not', () => {
		for (const t of ['1. Утвердить', '2.3.1. Заявление', '2.3 Способы', 'а) при личном', '1) заявление', 'Глава 2. Стандарт', 'РАЗДЕЛ II', 'Статья 5. Срок', 'Приложение № 1', 'Приложение'])
			expect(startsNewItem(t), t).toBe(true);
		for (const t of ['10 рабочих дней', '27.07.2010 № 210-ФЗ', 'статьей 5 закона', 'приложению N 1.', 'главы поселения', 'Правительство области'])
			expect(startsNewItem(t), t).toBe(false);
	});
});

describe('heading lines of an act', () => {
	it('the kind word and the date-and-number line are paragraphs of their own; sentences are not', () => {
		for (const t of ['ПОСТАНОВЛЕНИЕ', 'П О С Т А Н О В Л Е Н И Е', 'Распоряжение', 'от 10 апреля 2020 года N 33', '12.03.2021 № 145-п', '«01» апреля 2011 г. № 8', '№ 71-ПП от 29 января 2008 года'])
			expect(isHeadingLine(t), t).toBe(true);
		for (const t of ['постановление администрации района от 12.03.2021 № 145', 'Постановляю:', 'О внесении изменений в постановление', '10 рабочих дней со дня регистрации заявления'])
			expect(isHeadingLine(t), t).toBe(false);
	});

	it('splits a heading set in equal short lines (plain text printed to PDF) at the kind, date and preamble', () => {
		const at = (i: number, text: string): PdfLine => ({ page: 1, y: 800 - i * 14, text, x0: 57, x1: 57 + text.length * 6, fs: 12, charW: 6 });
		const rows = ['ГУБЕРНАТОР ЗАБАЙКАЛЬСКОГО КРАЯ', 'ПОСТАНОВЛЕНИЕ', 'от 10 апреля 2020 года N 33', 'О внесении изменений в постановление', 'Губернатора Забайкальского края от 8', 'апреля 2020 года N 30 «О введении режима»', 'В соответствии с Уставом края', 'постановляю:'];
		const blocks = buildParagraphs(rows.map((r, i) => at(i, r))).map((b) => b.text);
		expect(blocks).toEqual([
			'ГУБЕРНАТОР ЗАБАЙКАЛЬСКОГО КРАЯ',
			'ПОСТАНОВЛЕНИЕ',
			'от 10 апреля 2020 года N 33',
			'О внесении изменений в постановление Губернатора Забайкальского края от 8 апреля 2020 года N 30 «О введении режима»',
			'В соответствии с Уставом края постановляю:'
		]);
	});
});

describe('dropPageFurniture', () => {
	const line = (page: number, y: number, text: string): PdfLine => ({ page, y, text, x0: 57, x1: 300, fs: 12, charW: 6 });
	it('drops a running header and "Страница N из M" footers, keeps the body', () => {
		const pages = [1, 2, 3, 4].map((p) => [
			line(p, 800, 'Постановление № 123-п от 15.03.2024'),
			line(p, 760, `Текст страницы ${p}, первая строка`),
			line(p, 744, `Текст страницы ${p}, вторая строка`),
			line(p, 30, `Страница ${p} из 4`)
		]);
		const out = dropPageFurniture(pages, [842, 842, 842, 842]);
		expect(out.flat().map((l) => l.text)).toEqual(
			[1, 2, 3, 4].flatMap((p) => [`Текст страницы ${p}, первая строка`, `Текст страницы ${p}, вторая строка`])
		);
	});
	it('keeps a lone number inside the body text', () => {
		const pages = [[line(1, 760, 'Итого:'), line(1, 744, '15'), line(1, 728, 'Конец текста')]];
		expect(dropPageFurniture(pages, [842])[0].map((l) => l.text)).toEqual(['Итого:', '15', 'Конец текста']);
	});
});

describe('formatNumber', () => {
	it('russianLower skips ё, й, ъ, ы, ь', () => {
		const seq = Array.from({ length: 28 }, (_, i) => formatNumber(i + 1, 'russianLower')).join('');
		expect(seq).toBe('абвгдежзиклмнопрстуфхцчшщэюя');
		expect(formatNumber(29, 'russianLower')).toBe('аа');
	});
	it('roman, letters, decimalZero', () => {
		expect(formatNumber(4, 'upperRoman')).toBe('IV');
		expect(formatNumber(14, 'lowerRoman')).toBe('xiv');
		expect(formatNumber(3, 'lowerLetter')).toBe('c');
		expect(formatNumber(7, 'decimalZero')).toBe('07');
		expect(formatNumber(7, 'ordinalText')).toBe('7');
	});
});

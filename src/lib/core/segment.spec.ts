import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { FIXTURES, SHARED_ACTS } from '../../../tests/paths';
import { segment } from './segment';
import type { Block, Unit } from './types';

const MARKER = '----- ТЕКСТ -----';

/** The act text of a corpus file (after the marker line). */
function actText(file: string): string {
	const raw = readFileSync(path.join(SHARED_ACTS, file), 'utf8');
	const i = raw.indexOf(MARKER);
	if (i < 0) throw new Error(`no text marker in ${file}`);
	return raw.slice(i + MARKER.length).replace(/^\r?\n/, '');
}

/** Blocks as the TXT extractor produces them: one per line, spaces collapsed, empty lines dropped. */
function txtBlocks(text: string, page: number | null = null): Block[] {
	return text
		.split(/\r?\n/)
		.map((l) => l.replace(/[\s\u00a0]+/g, ' ').trim())
		.filter(Boolean)
		.map((t) => ({ text: t, page }));
}

/** Blocks exactly as in the file, untrimmed, with empty lines kept (offsets must still hold). */
function rawBlocks(text: string): Block[] {
	return text.split('\n').map((t, i) => ({ text: t, page: 1 + Math.floor(i / 10) }));
}

function outline(file: string): string[] {
	return segment(txtBlocks(actText(file))).units.map((u) => u.path);
}

function unitsOf(file: string): Unit[] {
	return segment(txtBlocks(actText(file))).units;
}

const ACT_FILES = readdirSync(SHARED_ACTS).filter((f) => f.endsWith('.txt'));

describe('segment: outlines of real acts (expected paths written from reading the acts)', () => {
	it('approving постановление with a short preamble and two пункты (Кировская обл., Лузский округ)', () => {
		expect(outline('kirov-luza-postanovlenie-323-2022-official-accounts.txt')).toEqual(['header', 'preamble', 'p-1', 'p-2']);
	});

	it('amending постановление flattened onto one line is split into header, preamble and п. 1 (Кирчиж)', () => {
		const units = unitsOf('krasnoyarsk-kirchizh-postanovlenie-21-2018-amendment.txt');
		expect(units.map((u) => u.path)).toEqual(['header', 'preamble', 'p-1']);
		// The header ends with the title; the cited «от 01.11.2011 №28» did not split anything.
		expect(units[0].text.endsWith('выписка из похозяйственной книги»»')).toBe(true);
		expect(units[1].text.startsWith('В целях повышения качества')).toBe(true);
		expect(units[1].text.endsWith('ПОСТАНОВЛЯЮ:')).toBe(true);
		expect(units[2].text.startsWith('1. Внести в постановление администрации Кирчиженского сельсовета от 01.11.2011 №28')).toBe(
			true
		);
	});

	it('school положение flattened onto one line: header, then пункты 1, 1.1, 1.2, 2, 2.1 (Мытищи)', () => {
		const units = unitsOf('moskobl-mytishchi-povedniki-polozhenie-vk-messenger-2024.txt');
		expect(units.map((u) => u.path)).toEqual(['header', 'p-1', 'p-1.1', 'p-1.2', 'p-2', 'p-2.1']);
		expect(units[1].text).toBe('1. Общие положения');
		expect(units[4].text).toBe('2. Порядок создания и администрирования родительского чата.');
		expect(units[2].parentPath).toBe('p-1');
		expect(units[5].parentPath).toBe('p-2');
	});

	it('standalone административный регламент starting with «УТВЕРЖДЕН»: the stamp is the header (Звезда)', () => {
		expect(outline('samara-zvezda-postanovlenie-34-2012-reglament-spravki.txt')).toEqual(['header', 'p-1', 'p-1.1']);
	});

	it('приказ with an unnumbered enacting абзац, signature and the approved Положение (Агентство закупок)', () => {
		const units = unitsOf('ulyanovsk-agentstvo-zakupok-prikaz-20-pr-2020-personal-data.txt');
		expect(units.map((u) => u.path)).toEqual(['header', 'preamble', 'abz-1', 'sign', 'doc-1', 'doc-1/p-1', 'doc-1/p-1.1']);
		expect(units.map((u) => u.kind)).toEqual(['header', 'preamble', 'paragraph', 'signature', 'document', 'point', 'point']);
		expect(units[3].text).toBe('Руководитель Агентства |\nИ.А. Погорелова |');
		expect(units[4].label).toBe('Положение');
		expect(units[6].label).toBe('положение, п. 1.1');
		expect(units[6].parentPath).toBe('doc-1/p-1');
	});

	it('распоряжение fragment: пункты 36–38, подпункты а)–в), dash абзацы (docs.cntd.ru 406832892)', () => {
		const units = unitsOf('frag-cntd-406832892-channels-list.txt');
		expect(units.map((u) => u.path)).toEqual([
			'header',
			'p-36',
			'p-37',
			'p-37.a',
			'p-37.b',
			'p-37.v',
			'p-38',
			'p-38.abz-2',
			'p-38.abz-3',
			'p-38.abz-4'
		]);
		const v = units.find((u) => u.path === 'p-37.v')!;
		expect(v).toMatchObject({ kind: 'subpoint', number: 'в', label: 'п. 37 подп. «в»', parentPath: 'p-37', depth: 1 });
		expect(units.find((u) => u.path === 'p-38.abz-3')!.label).toBe('п. 38, абз. 3');
	});

	it('bilingual header and the duplicated number «2. 2.» (Вурнарский округ)', () => {
		const units = unitsOf('chuvashia-vurnar-2023-reglament-pokhozyaystvennye-knigi.txt');
		expect(units.map((u) => u.path)).toEqual(['header', 'preamble', 'p-1', 'p-2']);
		expect(units[1].text.endsWith('п о с т а н о в л я е т:')).toBe(true);
		expect(units[3].number).toBe('2');
	});

	it('«1.Утвердить» without a space and a preamble ending with «:» but no enacting verb (Гуменское)', () => {
		expect(outline('mordovia-gumenskoe-postanovlenie-61-2015-reglament.txt')).toEqual(['header', 'preamble', 'p-1', 'p-2']);
	});

	it('hard-wrapped положение: wrapped lines join their абзац, list items are абзацы of п. 1.1 (Цветковская гимназия)', () => {
		const units = unitsOf('dagestan-tsvetkovskaya-gimnaziya-polozhenie-do-2022.txt');
		expect(units.map((u) => u.path)).toEqual(['header', 'p-1', 'p-1.1', 'p-1.1.abz-2', 'p-1.1.abz-3', 'p-1.1.abz-4']);
		expect(units[2].text).toBe(
			'1.1. Настоящее Положение о дистанционном обучении в организации, осуществляющей\nобразовательную деятельность, (гимназии) разработано на основании:'
		);
		expect(units[3].text.startsWith('Федерального закона от 29.12.2012')).toBe(true);
		expect(units[3].text.endsWith('с изменениями от 14 июля 2022 года,')).toBe(true);
	});

	it('a fragment that starts with п. 3.1.1 has no header; an unnumbered line is абзац 2 (docs.cntd.ru 561442499)', () => {
		expect(outline('frag-cntd-561442499-no-e-appointment.txt')).toEqual(['p-3.1.1', 'p-3.1.1.abz-2', 'p-3.1.2', 'p-3.1.3']);
	});

	it('acts cut off in the preamble or in п. 1', () => {
		expect(outline('altai-minjust-prikaz-104-2018-personal-data.txt')).toEqual(['header', 'preamble']);
		expect(outline('ulyanovsk-inzensky-postanovlenie-1150-2022-official-pages.txt')).toEqual(['header', 'preamble']);
		expect(outline('vladimir-anopino-postanovlenie-39-2024-reglament-sadovyy-dom.txt')).toEqual(['header', 'preamble']);
		expect(outline('murmansk-tuloma-postanovlenie-31-2018-reglament.txt')).toEqual(['header', 'preamble', 'p-1']);
		expect(outline('tula-vostochno-odoevskoe-postanovlenie-94-2025-reglament.txt')).toEqual(['header', 'preamble', 'p-1']);
	});
});

describe('segment: reglament.txt (47 paragraphs, approving постановление + регламент)', () => {
	const text = readFileSync(path.join(FIXTURES, 'reglament.txt'), 'utf8');
	const expected = [
		'header',
		'preamble',
		'p-1',
		'p-2',
		'doc-1',
		'doc-1/p-1',
		'doc-1/p-1.1',
		'doc-1/p-1.1.1',
		'doc-1/p-1.2',
		'doc-1/p-1.2.1',
		'doc-1/p-1.2.2',
		'doc-1/p-1.3',
		'doc-1/p-2',
		'doc-1/p-2.1',
		'doc-1/p-2.2',
		'doc-1/p-2.3',
		'doc-1/p-2.3.1',
		'doc-1/p-2.3.1.a',
		'doc-1/p-2.3.1.b',
		'doc-1/p-2.3.1.v',
		'doc-1/p-2.3.1.g',
		'doc-1/p-2.3.2',
		'doc-1/p-2.3.3',
		'doc-1/p-2.4',
		'doc-1/p-2.4.1',
		'doc-1/p-2.4.2',
		'doc-1/p-2.5',
		'doc-1/p-2.5.sp-1',
		'doc-1/p-2.5.sp-2',
		'doc-1/p-2.5.sp-3',
		'doc-1/p-3',
		'doc-1/p-3.1',
		'doc-1/p-3.1.a',
		'doc-1/p-3.1.b',
		'doc-1/p-3.1.v',
		'doc-1/p-3.2',
		'doc-1/p-4',
		'doc-1/p-4.1',
		'doc-1/p-5',
		'doc-1/p-5.1',
		'doc-1/p-5.1.sp-1',
		'doc-1/p-5.1.sp-2',
		'doc-1/p-5.1.sp-3',
		'doc-1/p-5.2'
	];

	it('one paragraph per line: header (4 lines) + 43 units', () => {
		const blocks = txtBlocks(text, 1);
		expect(blocks).toHaveLength(47);
		const { units } = segment(blocks);
		expect(units.map((u) => u.path)).toEqual(expected);
		const header = units[0];
		expect(header.text.split('\n')).toHaveLength(4);
	});

	it('labels, numbers, parents and depths of the regulation units', () => {
		const { units } = segment(txtBlocks(text, 1));
		const by = new Map(units.map((u) => [u.path, u]));
		expect(by.get('p-1')).toMatchObject({ kind: 'point', label: 'п. 1', number: '1', parentPath: null, depth: 0 });
		expect(by.get('doc-1')).toMatchObject({ kind: 'document', label: 'Административный регламент', text: 'АДМИНИСТРАТИВНЫЙ РЕГЛАМЕНТ' });
		expect(by.get('doc-1/p-2.3.1')).toMatchObject({ label: 'регламент, п. 2.3.1', parentPath: 'doc-1/p-2.3', depth: 3 });
		expect(by.get('doc-1/p-2.3.1.a')).toMatchObject({
			kind: 'subpoint',
			number: 'а',
			label: 'регламент, п. 2.3.1 подп. «а»',
			parentPath: 'doc-1/p-2.3.1',
			depth: 4,
			text: 'а) при личном обращении в министерство;'
		});
		expect(by.get('doc-1/p-2.5.sp-2')).toMatchObject({ number: '2', label: 'регламент, п. 2.5 подп. 2' });
		expect(by.get('doc-1/p-2.3.2')!.text).toContain('WhatsApp');
		expect(by.get('preamble')!.label).toBe('преамбула');
		expect(by.get('header')!.label).toBe('заголовок');
	});

	it('the same act flattened onto one line gives the same outline', () => {
		const flat = text.trim().split('\n').join(' ');
		const { units } = segment([{ text: flat, page: 3 }]);
		expect(units.map((u) => u.path)).toEqual(expected);
		expect(units.every((u) => u.page === 3)).toBe(true);
	});

	it('physical lines of reglament.pdf (pdfjs, wrapped lines, 3 pages) give the same outline and real pages', async () => {
		const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
		const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(path.join(FIXTURES, 'reglament.pdf'))), verbosity: 0 })
			.promise;
		const blocks: Block[] = [];
		for (let p = 1; p <= doc.numPages; p++) {
			const content = await (await doc.getPage(p)).getTextContent();
			let line = '';
			for (const item of content.items) {
				if (!('str' in item)) continue;
				line += item.str;
				if (item.hasEOL) {
					if (line.trim()) blocks.push({ text: line.trim(), page: p });
					line = '';
				}
			}
			if (line.trim()) blocks.push({ text: line.trim(), page: p });
		}
		await doc.destroy();
		expect(blocks.length).toBeGreaterThan(60); // wrapped: more lines than the 47 paragraphs
		const { text, units } = segment(blocks);
		expect(units.map((u) => u.path)).toEqual(expected);
		const by = new Map(units.map((u) => [u.path, u]));
		// pdftotext -f 2 shows page 2 starting inside п. 2.3.1 («подано одним из…», then «а) …»); page 3 with «1) нарушение срока…» of п. 5.1.
		expect(by.get('doc-1/p-2.3.1')!.page).toBe(1);
		expect(by.get('doc-1/p-2.3.1.a')!.page).toBe(2);
		expect(by.get('doc-1/p-5.1')!.page).toBe(2);
		expect(by.get('doc-1/p-5.1.sp-1')!.page).toBe(3);
		// The wrapped п. 2.3.1 is one unit spanning two pages' lines.
		expect(by.get('doc-1/p-2.3.1')!.text.replace(/\n/g, ' ')).toBe(
			'2.3.1. Заявление о предоставлении государственной услуги может быть подано одним из следующих способов:'
		);
		for (const u of units) expect(text.slice(u.start, u.end)).toBe(u.text);
	});

	it('pages come from the block a unit starts in', () => {
		const blocks = txtBlocks(text).map((b, i) => ({ ...b, page: i < 20 ? 1 : 2 }));
		const { units } = segment(blocks);
		const by = new Map(units.map((u) => [u.path, u]));
		expect(by.get('header')!.page).toBe(1);
		expect(by.get('doc-1/p-2.5.sp-3')!.page).toBe(2);
	});
});

describe('segment: structure markers', () => {
	it('разделы, главы, статьи and пункты inside them; an appendix after the signature', () => {
		const lines = [
			'ЗАКОН ЭНСКОЙ ОБЛАСТИ',
			'О порядке рассмотрения обращений',
			'Глава 1. Общие положения',
			'Статья 1. Предмет регулирования',
			'1. Настоящий Закон регулирует порядок рассмотрения обращений.',
			'2. Обращения принимаются в письменной форме.',
			'Статья 2. Сроки',
			'1. Срок рассмотрения составляет 30 дней.',
			'Глава 2. Заключительные положения',
			'Статья 3. Вступление в силу',
			'Настоящий Закон вступает в силу через десять дней после его официального опубликования.',
			'Губернатор Энской области И.И. Иванов',
			'Приложение № 1 к Закону Энской области',
			'ФОРМА ОБРАЩЕНИЯ',
			'1. Фамилия, имя, отчество заявителя.',
			'2. Адрес для ответа.'
		];
		const { units } = segment(lines.map((t) => ({ text: t, page: null })));
		expect(units.map((u) => u.path)).toEqual([
			'header',
			'ch-1',
			'ch-1/art-1',
			'ch-1/art-1/p-1',
			'ch-1/art-1/p-2',
			'ch-1/art-2',
			'ch-1/art-2/p-1',
			'ch-2',
			'ch-2/art-3',
			'ch-2/art-3/abz-1',
			'sign',
			'app-1',
			'app-1/p-1',
			'app-1/p-2'
		]);
		const by = new Map(units.map((u) => [u.path, u]));
		expect(by.get('ch-1/art-2')).toMatchObject({ kind: 'article', label: 'ст. 2', number: '2', parentPath: 'ch-1' });
		expect(by.get('ch-1/art-2/p-1')).toMatchObject({ label: 'п. 1', parentPath: 'ch-1/art-2', depth: 2 });
		expect(by.get('ch-2/art-3/abz-1')!.label).toBe('ст. 3, абз. 1');
		expect(by.get('app-1')).toMatchObject({ kind: 'appendix', label: 'прил. 1', number: '1' });
		expect(by.get('app-1')!.text).toBe('Приложение № 1 к Закону Энской области\nФОРМА ОБРАЩЕНИЯ');
		expect(by.get('app-1/p-2')).toMatchObject({ label: 'прил. 1, п. 2', parentPath: 'app-1' });
	});

	it('roman разделы and пункты inside them, «1.1 » without a trailing dot', () => {
		const lines = [
			'I. Общие положения',
			'1.1 Настоящий порядок определяет правила ведения страниц.',
			'1.2 Страницы ведутся в сети «Интернет».',
			'II. Порядок ведения',
			'2.1 Публикации размещаются ежедневно.'
		];
		const { units } = segment(lines.map((t) => ({ text: t, page: null })));
		expect(units.map((u) => u.path)).toEqual(['s-1', 's-1/p-1.1', 's-1/p-1.2', 's-2', 's-2/p-2.1']);
		expect(units[3]).toMatchObject({ kind: 'section', label: 'разд. II', number: 'II' });
		expect(units[4]).toMatchObject({ label: 'п. 2.1', number: '2.1', parentPath: 's-2' });
	});

	it('in-line numbers that are references, dates or out of sequence do not split a flattened line', () => {
		const line =
			'ПОСТАНОВЛЯЮ: 1. Внести в постановление от 01.11.2011 №28 изменения согласно пункту 2. Настоящего порядка и ст. 5. Закона, ' +
			'а срок указать до 2. Марта. 1.1. Пункт 2.6 изложить в новой редакции. 1.2. Абзац 3. Исключить. 3. Постановление вступает в силу. ' +
			'2. Контроль оставляю за собой. '.repeat(3);
		const { units } = segment([{ text: line, page: null }]);
		expect(units.map((u) => u.path)).toEqual(['preamble', 'p-1', 'p-1.1', 'p-1.2', 'p-2']);
		expect(units[1].text).toBe(
			'1. Внести в постановление от 01.11.2011 №28 изменения согласно пункту 2. Настоящего порядка и ст. 5. Закона, а срок указать до 2. Марта.'
		);
		expect(units[3].text).toBe('1.2. Абзац 3. Исключить. 3. Постановление вступает в силу.');
	});

	it('wrapped lines: a reference wrapped onto the next line is not a new пункт; list items after «,» stay подпункты', () => {
		const lines = [
			'2.5. Заявление рассматривается в порядке, установленном пунктом',
			'2.3. настоящего регламента, и в сроки, установленные подпунктом',
			'а) пункта 3.1 регламента.',
			'2.6. Заявление подается следующими способами',
			'а) лично,',
			'б) по почте,',
			'в) через портал.',
			'Глава администрации района в соответствии с Уставом осуществляет контроль за',
			'исполнением настоящего пункта.',
			'Глава администрации района                                    И.И. Иванов'
		];
		const { units } = segment(lines.map((t) => ({ text: t, page: null })));
		expect(units.map((u) => u.path)).toEqual(['p-2.5', 'p-2.6', 'p-2.6.a', 'p-2.6.b', 'p-2.6.v', 'p-2.6.abz-2', 'sign']);
		expect(units[0].text).toBe(lines.slice(0, 3).join('\n'));
		expect(units[5].text).toBe(lines.slice(7, 9).join('\n'));
	});

	it('a repeated number gets a unique path with a suffix', () => {
		const lines = ['1. Первый пункт.', '2. Второй пункт.', '2. Опечатка в нумерации.', '2.1. Подпункт.'];
		const { units } = segment(lines.map((t) => ({ text: t, page: null })));
		expect(units.map((u) => u.path)).toEqual(['p-1', 'p-2', 'p-2~2', 'p-2.1']);
		expect(units[3].parentPath).toBe('p-2~2');
	});

	it('empty input gives no units', () => {
		expect(segment([]).units).toEqual([]);
		expect(segment([{ text: '   ', page: 1 }]).units).toEqual([]);
	});
});

/** Invariants every segmentation must satisfy. */
function checkInvariants(text: string, units: Unit[]): void {
	const paths = new Set<string>();
	let lastStart = -1;
	units.forEach((u, i) => {
		expect(u.ord).toBe(i);
		expect(text.slice(u.start, u.end)).toBe(u.text);
		expect(u.text.trim()).not.toBe('');
		expect(u.text).toBe(u.text.trim());
		expect(u.label.trim()).not.toBe('');
		expect(u.path).toMatch(/^[a-z0-9.\-/_~]+$/);
		expect(paths.has(u.path)).toBe(false);
		paths.add(u.path);
		if (u.parentPath !== null) {
			expect(paths.has(u.parentPath)).toBe(true);
		} else {
			expect(u.depth).toBe(0);
		}
		expect(u.start).toBeGreaterThan(lastStart);
		lastStart = u.end - 1;
	});
}

describe('segment: invariants over all corpus acts', () => {
	for (const file of ACT_FILES) {
		it(`${file}: offsets, unique well-formed paths, non-empty texts and labels`, () => {
			const t = actText(file);
			for (const blocks of [txtBlocks(t), rawBlocks(t)]) {
				const { text, units } = segment(blocks);
				expect(text).toBe(blocks.map((b) => b.text).join('\n'));
				expect(units.length).toBeGreaterThan(0);
				checkInvariants(text, units);
				// Units do not overlap and cover every non-space character of the act.
				const covered = units.map((u) => u.text).join('').replace(/\s+/g, '');
				expect(covered).toBe(text.replace(/\s+/g, ''));
			}
		});
	}

	it('parent depths are consistent', () => {
		for (const file of ACT_FILES) {
			const { units } = segment(txtBlocks(actText(file)));
			const by = new Map(units.map((u) => [u.path, u]));
			for (const u of units) if (u.parentPath) expect(u.depth).toBe(by.get(u.parentPath)!.depth + 1);
		}
	});
});

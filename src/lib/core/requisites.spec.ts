import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { FIXTURES, SHARED_ACTS } from '../../../tests/paths';
import { extractRequisites } from './requisites';
import { segment } from './segment';
import { SUBJECTS, findRegions, firstRegion } from './structure/regions';
import { findDate, findNumber, normalizeOrganCase } from './structure/text';
import type { Requisites } from './types';

const MARKER = '----- ТЕКСТ -----';

function actText(file: string): string {
	const raw = readFileSync(path.join(SHARED_ACTS, file), 'utf8');
	return raw.slice(raw.indexOf(MARKER) + MARKER.length).replace(/^\r?\n/, '');
}

/** The act's full text as the import pipeline builds it: TXT paragraphs (normalised, non-empty) joined by segment(). */
function importedText(file: string): string {
	const blocks = actText(file)
		.split(/\r?\n/)
		.map((l) => l.replace(/[\s\u00a0]+/g, ' ').trim())
		.filter(Boolean)
		.map((text) => ({ text, page: null }));
	return segment(blocks).text;
}

/**
 * Expected requisites, written from the lawyer's description above each act's text and checked against the text
 * itself. Where they differ, the text wins: Altai's aggregator card says «Субъект РФ: Москва» but the organ is of
 * Алтайский край; Mordovia's page title says 29.12.2015, the act's heading says 29 октября 2015; Chuvashia's number
 * and date come only from the page address, not the text (null); Tula's and Dagestan's region is not named in the text (null).
 */
const EXPECTED: Record<string, Requisites> = {
	'ulyanovsk-inzensky-postanovlenie-1150-2022-official-pages.txt': {
		kind: 'постановление',
		body: 'Администрация муниципального образования «Инзенский район» Ульяновской области',
		date: '2022-12-07',
		number: '1150',
		title:
			'О создании и ведении официальных страниц Главы Администрации муниципального образования «Инзенский район» Ульяновской области, Администрации муниципального образования «Инзенский район» Ульяновской области и подведомственных учреждений в информационных системах и (или) программах для электронных вычислительных машин в информационно - телекоммуникационной сети «Интернет» и рассмотрении сообщений пользователей информацией в информационно-телекоммуникационной сети «Интернет»',
		region: 'Ульяновская область'
	},
	'altai-minjust-prikaz-104-2018-personal-data.txt': {
		kind: 'приказ',
		body: 'Министерство юстиции Алтайского края',
		date: '2018-03-14',
		number: '104',
		title: 'Об утверждении Положения об организации обработки и обеспечения безопасности персональных данных',
		region: 'Алтайский край'
	},
	'ulyanovsk-agentstvo-zakupok-prikaz-20-pr-2020-personal-data.txt': {
		kind: 'приказ',
		body: 'Агентство государственных закупок Ульяновской области',
		date: '2020-09-04',
		number: '20-пр',
		title: 'Об утверждении Положения об обработке и защите персональных данных в Агентстве государственных закупок Ульяновской области',
		region: 'Ульяновская область'
	},
	'kirov-luza-postanovlenie-323-2022-official-accounts.txt': {
		kind: 'постановление',
		body: 'Администрация Лузского муниципального округа Кировской области',
		date: '2022-04-20',
		number: '323',
		title:
			'Об официальных аккаунтах администрации Лузского муниципального округа Кировской области и подведомственных ей муниципальных учреждений',
		region: 'Кировская область'
	},
	'krasnoyarsk-kirchizh-postanovlenie-21-2018-amendment.txt': {
		kind: 'постановление',
		body: 'Администрация Кирчиженского сельсовета Бирилюсского района Красноярского края',
		date: '2018-12-03',
		number: '21',
		title:
			'О внесении изменений в постановление администрации Кирчиженского сельсовета от 01.11.2011 №28 «Об утверждении административного регламента по предоставлению муниципальной услуги по «Выдача документа- выписка из похозяйственной книги»»',
		region: 'Красноярский край'
	},
	'mordovia-gumenskoe-postanovlenie-61-2015-reglament.txt': {
		kind: 'постановление',
		body: 'Администрация Гуменского сельского поселения Краснослободского муниципального района',
		date: '2015-10-29',
		number: '61',
		title:
			'Об утверждении Административного регламента "Выдача документов (выписки из похозяйственной книги, выписки из домовой книги, справок и иных документов)"',
		region: 'Республика Мордовия'
	},
	'murmansk-tuloma-postanovlenie-31-2018-reglament.txt': {
		kind: 'постановление',
		body: 'Администрация сельского поселения Тулома Кольского района Мурманской области',
		date: '2018-05-25',
		number: '31',
		title:
			'Об утверждении административного регламента предоставления муниципальной услуги "Выдача документов – выписки из похозяйственной книги, справок и иных документов"',
		region: 'Мурманская область'
	},
	'chuvashia-vurnar-2023-reglament-pokhozyaystvennye-knigi.txt': {
		kind: 'постановление',
		body: 'Администрация Вурнарского муниципального округа',
		date: null,
		number: null,
		title:
			'Об утверждении административного регламента администрации Вурнарского муниципального округа Чувашской Республики по предоставлению муниципальной услуги «Выдача выписок из похозяйственных книг»',
		region: 'Чувашская Республика'
	},
	'vladimir-anopino-postanovlenie-39-2024-reglament-sadovyy-dom.txt': {
		kind: 'постановление',
		body: 'Администрация муниципального образования поселок Анопино (сельское поселение) Гусь-Хрустального района Владимирской области',
		date: '2024-02-16',
		number: '39',
		title: 'Об утверждении Административного регламента предоставления муниципальной услуги «Признание садового дома жилым и жилого дома садовым»',
		region: 'Владимирская область'
	},
	'tula-vostochno-odoevskoe-postanovlenie-94-2025-reglament.txt': {
		kind: 'постановление',
		body: 'Администрация муниципального образования Восточно-Одоевское Одоевского района',
		date: '2025-12-22',
		number: '94',
		title: 'Об утверждении Административного регламента по предоставлению муниципальной услуги «Предоставление выписки из похозяйственной книги»',
		region: null
	},
	'samara-zvezda-postanovlenie-34-2012-reglament-spravki.txt': {
		kind: 'административный регламент',
		body: 'Глава сельского поселения Звезда муниципального района Безенчукский Самарской области',
		date: '2012-10-17',
		number: '34',
		title:
			'Административный регламент предоставления муниципальной услуги «Выдача физическим лицам справок, выписок из похозяйственных книг населенных пунктов сельского поселения Звезда»',
		region: 'Самарская область'
	},
	'dagestan-tsvetkovskaya-gimnaziya-polozhenie-do-2022.txt': {
		kind: 'положение',
		body: 'Муниципальное казенное общеобразовательное учреждение «Цветковская гимназия»',
		date: '2022-08-31',
		number: '120-од',
		title: 'Положение об организации дистанционного обучения в МКОУ «Цветковская гимназия»',
		region: null
	},
	'moskobl-mytishchi-povedniki-polozhenie-vk-messenger-2024.txt': {
		kind: 'положение',
		body: null,
		date: null,
		number: null,
		title: 'Положение об этике общения в VK - мессенджере',
		region: null
	},
	// Only the title is in the fragment; the «от 17.06.2022 N 27-р» inside it is the amended act's, not this one's.
	'frag-cntd-406832892-channels-list.txt': {
		kind: null,
		body: null,
		date: null,
		number: null,
		title: 'О внесении изменений в распоряжение от 17.06.2022 N 27-р',
		region: null
	},
	'frag-cntd-561442499-no-e-appointment.txt': { kind: null, body: null, date: null, number: null, title: null, region: null }
};

describe('extractRequisites: real acts', () => {
	it('covers every act of the corpus', () => {
		expect(Object.keys(EXPECTED).sort()).toEqual(readdirSync(SHARED_ACTS).filter((f) => f.endsWith('.txt')).sort());
	});

	for (const [file, expected] of Object.entries(EXPECTED)) {
		it(file, () => {
			expect(extractRequisites(importedText(file))).toEqual(expected);
		});
	}

	it('works on the raw file text too (unnormalised spaces, empty lines)', () => {
		for (const file of ['mordovia-gumenskoe-postanovlenie-61-2015-reglament.txt', 'vladimir-anopino-postanovlenie-39-2024-reglament-sadovyy-dom.txt', 'altai-minjust-prikaz-104-2018-personal-data.txt']) {
			expect(extractRequisites(actText(file))).toEqual(EXPECTED[file]);
		}
	});

	it('a cited act in the preamble never becomes the act itself', () => {
		const r = extractRequisites(importedText('ulyanovsk-inzensky-postanovlenie-1150-2022-official-pages.txt'));
		expect(r.number).not.toBe('1043-р');
		expect(r.date).not.toBe('2022-09-29');
	});

	it('«в„–» mojibake is read as «№»', () => {
		const text = importedText('ulyanovsk-inzensky-postanovlenie-1150-2022-official-pages.txt').replace(/№/g, 'в„–');
		expect(extractRequisites(text)).toMatchObject({ number: '1150', date: '2022-12-07' });
	});

	it('reglament.txt: approving постановление of the (fictional) Энская область — no real region', () => {
		const text = readFileSync(path.join(FIXTURES, 'reglament.txt'), 'utf8');
		expect(extractRequisites(text)).toEqual({
			kind: 'постановление',
			body: 'Правительство Энской области',
			date: '2024-03-15',
			number: '123-п',
			title:
				'Об утверждении административного регламента предоставления государственной услуги «Выдача справок о наличии (отсутствии) задолженности по арендной плате»',
			region: null
		});
	});

	it('spaced-out kind word, «07» date in quotes, UPPER CASE title', () => {
		const text = [
			'АДМИНИСТРАЦИЯ ГОРОДА УЛЬЯНОВСКА',
			'П О С Т А Н О В Л Е Н И Е',
			'от «07» декабря 2022 г.                     № 1150-п',
			'О ВНЕСЕНИИ ИЗМЕНЕНИЙ В ПОСТАНОВЛЕНИЕ АДМИНИСТРАЦИИ ГОРОДА УЛЬЯНОВСКА ОТ 01.02.2021 № 5',
			'Руководствуясь Уставом муниципального образования «город Ульяновск», администрация города Ульяновска',
			'ПОСТАНОВЛЯЕТ:',
			'1. Внести изменения.'
		].join('\n');
		expect(extractRequisites(text)).toEqual({
			kind: 'постановление',
			body: 'Администрация города Ульяновска',
			date: '2022-12-07',
			number: '1150-п',
			title: 'О внесении изменений в постановление администрации города Ульяновска от 01.02.2021 № 5',
			region: null
		});
	});

	it('kind and organ on one UPPER CASE line, date and number on the next', () => {
		const text = ['ПОСТАНОВЛЕНИЕ ГЛАВЫ ГОРОДСКОГО ОКРУГА ТОЛЬЯТТИ САМАРСКОЙ ОБЛАСТИ', '15.03.2024 № 7-пг', 'Об утверждении Порядка', 'В соответствии с Уставом постановляю:', '1. Утвердить Порядок.'].join('\n');
		expect(extractRequisites(text)).toEqual({
			kind: 'постановление',
			body: 'Глава городского округа Тольятти Самарской области',
			date: '2024-03-15',
			number: '7-пг',
			title: 'Об утверждении Порядка',
			region: 'Самарская область'
		});
	});

	it('empty text gives empty requisites', () => {
		expect(extractRequisites('')).toEqual({ kind: null, body: null, date: null, number: null, title: null, region: null });
	});
});

/** Header layouts of Russian legal technique, one rule per case; the wording is made up, the layouts are real. */
describe('extractRequisites: header layouts', () => {
	const req = (lines: string[]) => extractRequisites(lines.join('\n'));

	it('two-level header: the lower organ is the body, the superior one above it is not part of its name', () => {
		expect(
			req(['ПРАВИТЕЛЬСТВО ЛЕНИНГРАДСКОЙ ОБЛАСТИ', 'КОМИТЕТ ПО КУЛЬТУРЕ', 'ЛЕНИНГРАДСКОЙ ОБЛАСТИ', 'ПРИКАЗ', 'от 12.03.2019 № 15', 'ОБ УТВЕРЖДЕНИИ ПОРЯДКА ПРЕДОСТАВЛЕНИЯ', 'СУБСИДИЙ НЕКОММЕРЧЕСКИМ ОРГАНИЗАЦИЯМ', 'В соответствии с Областным законом приказываю:', '1. Утвердить Порядок.'])
		).toEqual({
			kind: 'приказ',
			body: 'Комитет по культуре Ленинградской области',
			date: '2019-03-12',
			number: '15',
			title: 'Об утверждении Порядка предоставления субсидий некоммерческим организациям',
			region: 'Ленинградская область'
		});
	});

	it('site chrome above the organ block is ignored; an adjective opens the organ name', () => {
		const r = req(['Вход на сайт', 'Архив документов', 'АРХИВНОЕ УПРАВЛЕНИЕ ТВЕРСКОЙ ОБЛАСТИ', 'ПРИКАЗ', '30 августа 2018 г.  № 53', 'Об утверждении перечня документов', 'В соответствии с Законом приказываю:', '1. Утвердить перечень.']);
		expect(r.body).toBe('Архивное управление Тверской области');
		expect(r).toMatchObject({ date: '2018-08-30', number: '53' });
	});

	it('a settlement organ without its district is completed from the territory lines above it', () => {
		expect(req(['РОССИЙСКАЯ ФЕДЕРАЦИЯ', 'ВОЛГОГРАДСКАЯ ОБЛАСТЬ, КАЛАЧЕВСКИЙ МУНИЦИПАЛЬНЫЙ РАЙОН', 'АДМИНИСТРАЦИЯ ИЛЬЕВСКОГО СЕЛЬСКОГО ПОСЕЛЕНИЯ', 'ПОСТАНОВЛЕНИЕ', '03.04.2015 № 27', 'Об утверждении Положения о порядке', 'ведения реестра муниципального имущества', 'В соответствии с Уставом постановляю:', '1. Утвердить Положение.']).body).toBe(
			'Администрация Ильевского сельского поселения Калачевского муниципального района Волгоградской области'
		);
	});

	it('an organ named by a generic word («ГЛАВА ГОРОДА») takes the municipality named above it', () => {
		expect(req(['МУНИЦИПАЛЬНОЕ ОБРАЗОВАНИЕ ГОРОД КИРОВСК', 'ГЛАВА ГОРОДА', 'ПОСТАНОВЛЕНИЕ', 'от 14 мая 2016 г. № 8', 'О награждении Почетной грамотой', 'В соответствии с Положением постановляю:', '1. Наградить.']).body).toBe(
			'Глава муниципального образования город Кировск'
		);
	});

	it('a law: the legislature of the adoption stamp, the date and number after the signature (not the adoption date)', () => {
		expect(
			req(['ЗАКОН', 'ЯРОСЛАВСКОЙ ОБЛАСТИ', 'О ВНЕСЕНИИ ИЗМЕНЕНИЙ В ЗАКОН ЯРОСЛАВСКОЙ ОБЛАСТИ', '"О МЕСТНОМ САМОУПРАВЛЕНИИ"', 'Принят Ярославской областной Думой', '24 марта 2020 года', 'Статья 1', 'Внести в Закон изменения.', 'Статья 2', 'Настоящий Закон вступает в силу после его официального опубликования.', 'Губернатор Ярославской области Д.Ю. Миронов', 'г. Ярославль', '7 апреля 2020 г.', '№ 20-з'])
		).toEqual({
			kind: 'закон',
			body: 'Ярославская областная Дума',
			date: '2020-04-07',
			number: '20-з',
			title: 'О внесении изменений в Закон Ярославской области "О местном самоуправлении"',
			region: 'Ярославская область'
		});
	});

	it('no organ in the head, enacted in the first person: the signing official; a minister signs for the ministry', () => {
		expect(req(['Постановление от 11.02.2014 № 12-пг', 'Об областном конкурсе "Лучший муниципальный служащий"', 'В целях повышения престижа муниципальной службы постановляю:', '1. Провести областной конкурс.', '2. Контроль оставляю за собой.', 'Губернатор', 'Псковской области', 'А.А. Турчак']).body).toBe(
			'Губернатор Псковской области'
		);
		expect(req(['Приказ от 03.03.2015 г № 77', 'Об утверждении Порядка работы с обращениями граждан в Министерстве культуры Тверской области', 'В соответствии с Федеральным законом приказываю:', '1. Утвердить Порядок.', '2. Контроль оставляю за собой.', 'Министр культуры', 'В.А. Петров']).body).toBe(
			'Министерство культуры Тверской области'
		);
	});

	it('a collegial organ named without its territory in the enacting sentence is completed from the signing head', () => {
		expect(req(['Решение от 12.05.2010 г № 45', 'Об утверждении Положения о бюджетном процессе', 'Рассмотрев предложение администрации, Сельская Дума', 'Решила:', '1. Утвердить Положение.', 'Глава сельского поселения', '"Деревня Ястребовка"', 'И.И. Петров']).body).toBe(
			'Сельская Дума сельского поселения "Деревня Ястребовка"'
		);
	});

	it('an amending act with no organ anywhere is the act of the organ that adopted the amended act', () => {
		expect(req(['Постановление от 20.08.2014 г № 1774', 'О внесении изменений в постановление администрации города Пятигорска от 01.02.2012 № 100 «Об утверждении Порядка»', 'В соответствии с Уставом постановляю:', '1. Внести изменения.']).body).toBe(
			'Администрация города Пятигорска'
		);
	});

	it('an aggregator citation above the official heading: the same act, the UPPER CASE title written as in the citation', () => {
		expect(
			req(['Постановление администрации Зуевского района от 05.06.2017 N 410 "Об организации ярмарок на территории Зуевского района"', 'АДМИНИСТРАЦИЯ ЗУЕВСКОГО РАЙОНА', 'КИРОВСКОЙ ОБЛАСТИ', 'ПОСТАНОВЛЕНИЕ', 'от 5 июня 2017 г. № 410', 'ОБ ОРГАНИЗАЦИИ ЯРМАРОК', 'НА ТЕРРИТОРИИ ЗУЕВСКОГО РАЙОНА', 'В соответствии с Федеральным законом администрация Зуевского района ПОСТАНОВЛЯЕТ:', '1. Организовать.'])
		).toEqual({
			kind: 'постановление',
			body: 'Администрация Зуевского района Кировской области',
			date: '2017-06-05',
			number: '410',
			title: 'Об организации ярмарок на территории Зуевского района',
			region: 'Кировская область'
		});
	});

	it('a multi-line title runs over an open quotation and stops at the amendment dates and the repeal note', () => {
		expect(
			req(['Постановление Правительства Пензенской области', 'от 2 марта 2012 г. N 150-пП', '"О внесении изменений в постановление Правительства Пензенской области от 4 мая 2011 г. N 280-пП "О порядке', 'предоставления субсидий"', '12 мая 2013 г., 3 июня 2014 г.', 'Постановлением Правительства Пензенской области от 1 июля 2015 г. N 400-пП настоящее постановление признано утратившим силу', 'Правительство Пензенской области постановляет:', '1. Внести изменения.'])
		).toEqual({
			kind: 'постановление',
			body: 'Правительство Пензенской области',
			date: '2012-03-02',
			number: '150-пП',
			title: 'О внесении изменений в постановление Правительства Пензенской области от 4 мая 2011 г. N 280-пП "О порядке предоставления субсидий"',
			region: 'Пензенская область'
		});
	});

	it('a title line goes on with a capitalised word in an oblique case, not with a new sentence', () => {
		expect(req(['ГЛАВА ГОРОДА ПСКОВА', 'ПОСТАНОВЛЕНИЕ', 'от 10.10.2018 № 15', 'О признании утратившим силу постановления', 'Главы города Пскова от 1 марта 2010 года № 3', 'Прием документов осуществляется в рабочие дни.', '1. Признать утратившим силу.']).title).toBe(
			'О признании утратившим силу постановления Главы города Пскова от 1 марта 2010 года № 3'
		);
	});

	it('a head flattened into one line with the преамбула', () => {
		expect(req(['СОБРАНИЕ ДЕПУТАТОВ ИВАНОВСКОГО СЕЛЬСОВЕТА КУРСКОГО РАЙОНА КУРСКОЙ ОБЛАСТИ РЕШЕНИЕ от 12.11.2013 г. № 45 с. Ивановка Об установлении земельного налога В соответствии с Налоговым кодексом Российской Федерации Собрание депутатов Ивановского сельсовета РЕШИЛО: 1. Установить земельный налог.'])).toEqual({
			kind: 'решение',
			body: 'Собрание депутатов Ивановского сельсовета Курского района Курской области',
			date: '2013-11-12',
			number: '45',
			title: 'Об установлении земельного налога',
			region: 'Курская область'
		});
	});

	it('number before the date; the kind with the date on its line and the number on the next', () => {
		expect(req(['Правительство Москвы', 'Постановление', '№ 112-ПП от 14 марта 2017 года', 'О Порядке предоставления субсидий', 'В соответствии с Законом Правительство Москвы постановляет:', '1. Утвердить Порядок.'])).toMatchObject({
			body: 'Правительство Москвы',
			date: '2017-03-14',
			number: '112-ПП'
		});
		expect(req(['СОВЕТ ДЕПУТАТОВ ГОРОДСКОГО ОКРУГА ЩЕЛКОВО', 'Решение от 23.12.2014', '№ 105', 'О БЮДЖЕТЕ НА 2015 ГОД', 'В соответствии с Уставом Совет депутатов решил:', '1. Утвердить бюджет.'])).toMatchObject({
			kind: 'решение',
			body: 'Совет депутатов городского округа Щелково',
			date: '2014-12-23',
			number: '105',
			title: 'О бюджете на 2015 год'
		});
	});

	it('abbreviations in the organ: «г.», a subject\'s initials named in the act', () => {
		expect(req(['Указ Президента РТ от 1 августа 2007 г. N 96', '"О мерах по поддержке семьи в Республике Татарстан"', 'В целях поддержки семьи в Республике Татарстан постановляю:', '1. Утвердить меры.']).body).toBe('Президент Республики Татарстан');
		expect(req(['Постановление Администрации г. Тобольска от 7 июня 2011 г. N 41', '"Об утверждении порядка"', 'В соответствии с Уставом постановляю:', '1. Утвердить порядок.']).body).toBe('Администрация города Тобольска');
	});
});

describe('requisites helpers', () => {
	it('dates in the formats of real acts', () => {
		expect(findDate('07.12.2022')?.value).toBe('2022-12-07');
		expect(findDate('07 декабря 2022 г. № 1150')?.value).toBe('2022-12-07');
		expect(findDate('от 14 марта 2018 года № 104')?.value).toBe('2018-03-14');
		expect(findDate('от 4 сентября 2020 г. N 20-пр')?.value).toBe('2020-09-04');
		expect(findDate('от «29» октября 2015 года')?.value).toBe('2015-10-29');
		expect(findDate('от 27.07.14 № 8')?.value).toBe('2014-07-27');
		expect(findDate('31.02.2020')).toBeNull();
		expect(findDate('от _____2024 г.')).toBeNull();
	});

	it('numbers as written', () => {
		expect(findNumber('от 07.12.2022 № 1150')?.value).toBe('1150');
		expect(findNumber('от 4 сентября 2020 г. N 20-пр')?.value).toBe('20-пр');
		expect(findNumber('с. Кирчиж №21 О внесении')?.value).toBe('21');
		expect(findNumber('Приказ №____ от _____')).toBeNull();
		expect(findNumber('от 27 мая 2011 г. N 311 р')?.value).toBe('311 р');
		expect(findNumber('15.05. 2012 № 134 п. Красноармейский')?.value).toBe('134');
	});

	it('UPPER CASE organ names get normal capitalisation', () => {
		expect(normalizeOrganCase('АДМИНИСТРАЦИЯ МУНИЦИПАЛЬНОГО ОБРАЗОВАНИЯ «ИНЗЕНСКИЙ РАЙОН» УЛЬЯНОВСКОЙ ОБЛАСТИ')).toBe(
			'Администрация муниципального образования «Инзенский район» Ульяновской области'
		);
		expect(normalizeOrganCase('Администрация Лузского муниципального округа')).toBe('Администрация Лузского муниципального округа');
	});

	it('the table has all 89 subjects, each found by its genitive form', () => {
		expect(SUBJECTS).toHaveLength(89);
		expect(new Set(SUBJECTS.map((s) => s.name)).size).toBe(89);
		expect(firstRegion('администрации Ульяновской области')).toBe('Ульяновская область');
		expect(firstRegion('Министерство юстиции Алтайского края')).toBe('Алтайский край');
		expect(firstRegion('Правительства Республики Алтай')).toBe('Республика Алтай');
		expect(firstRegion('администрации Вурнарского муниципального округа Чувашской Республики')).toBe('Чувашская Республика');
		expect(firstRegion('РЕСПУБЛИКА МОРДОВИЯ')).toBe('Республика Мордовия');
		expect(firstRegion('Кольского районаМурманской области')).toBe('Мурманская область');
		expect(firstRegion('Ямало-Ненецкого автономного округа')).toBe('Ямало-Ненецкий автономный округ');
		expect(firstRegion('Правительства Санкт-Петербурга')).toBe('Санкт-Петербург');
		expect(firstRegion('администрации Энской области')).toBeNull();
		expect(firstRegion('Субъект РФ: Москва')).toBeNull();
		expect(findRegions('Кировской области и Ульяновской области').map((h) => h.name)).toEqual(['Кировская область', 'Ульяновская область']);
	});
});

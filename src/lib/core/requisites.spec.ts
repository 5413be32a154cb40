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

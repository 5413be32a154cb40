/**
 * Regenerates the shipped demo corpus (`corpus/`) from the shared real acts (`../shared/corpus/acts`).
 *
 *   npm exec tsx scripts/make-corpus.ts        (or: sh scripts/make-corpus.sh)
 *
 * - Only OFFICIAL acts are shipped: the school local acts (see EXCLUDED) stay out of the demo data.
 * - Each act is shipped as the text AFTER the `----- ТЕКСТ -----` marker (the header is a description).
 * - Some acts are shipped as .txt (the text byte for byte), some as PDF and some as DOCX, made by
 *   LibreOffice from a flat ODT (Liberation Serif 14 pt, justified, first-line indent 1.25 cm,
 *   one paragraph per non-empty source line).
 * - Writes corpus/manifest.json and corpus/README.md (Russian) and copies the Vladimir roadmap.
 *
 * Requires LibreOffice (`soffice`) only to regenerate; the generated files are committed, so the app
 * and CI never need it. PDF/DOCX bytes differ between runs (timestamps); their text does not.
 *
 * The FODT builder and the soffice wrapper are exported for scripts/bench-import.ts.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const TEXT_MARKER = '----- ТЕКСТ -----';

/** Shared act files that are school local acts, not official acts: never shipped. */
export const EXCLUDED = [
	'dagestan-tsvetkovskaya-gimnaziya-polozhenie-do-2022.txt',
	'moskobl-mytishchi-povedniki-polozhenie-vk-messenger-2024.txt'
];

export type CorpusFormat = 'txt' | 'pdf' | 'docx';

/** Shared act file → shipped base name (region-kind-number-year-topic) and format. */
export const PLAN: { source: string; name: string; format: CorpusFormat }[] = [
	{ source: 'altai-minjust-prikaz-104-2018-personal-data.txt', name: 'altai-minjust-prikaz-104-2018-personal-data', format: 'txt' },
	{ source: 'frag-cntd-406832892-channels-list.txt', name: 'region-ne-ustanovlen-rasporyazhenie-izm-27-r-2022-kanaly-podachi', format: 'txt' },
	{ source: 'frag-cntd-561442499-no-e-appointment.txt', name: 'region-ne-ustanovlen-ministerstvo-reglament-bez-elektronnoy-zapisi', format: 'txt' },
	{ source: 'krasnoyarsk-kirchizh-postanovlenie-21-2018-amendment.txt', name: 'krasnoyarsk-kirchizh-postanovlenie-21-2018-izmeneniya', format: 'txt' },
	{ source: 'kirov-luza-postanovlenie-323-2022-official-accounts.txt', name: 'kirov-luza-postanovlenie-323-2022-oficialnye-akkaunty', format: 'pdf' },
	{ source: 'tula-vostochno-odoevskoe-postanovlenie-94-2025-reglament.txt', name: 'tula-vostochno-odoevskoe-postanovlenie-94-2025-reglament', format: 'pdf' },
	{ source: 'murmansk-tuloma-postanovlenie-31-2018-reglament.txt', name: 'murmansk-tuloma-postanovlenie-31-2018-reglament', format: 'pdf' },
	{ source: 'samara-zvezda-postanovlenie-34-2012-reglament-spravki.txt', name: 'samara-zvezda-postanovlenie-34-2012-reglament-spravki', format: 'pdf' },
	{ source: 'chuvashia-vurnar-2023-reglament-pokhozyaystvennye-knigi.txt', name: 'chuvashia-vurnar-postanovlenie-958-2023-reglament-pokhozyaystvennye-knigi', format: 'docx' },
	{ source: 'ulyanovsk-inzensky-postanovlenie-1150-2022-official-pages.txt', name: 'ulyanovsk-inzensky-postanovlenie-1150-2022-oficialnye-stranicy', format: 'docx' },
	{ source: 'ulyanovsk-agentstvo-zakupok-prikaz-20-pr-2020-personal-data.txt', name: 'ulyanovsk-agentstvo-zakupok-prikaz-20-pr-2020-personalnye-dannye', format: 'docx' },
	{ source: 'vladimir-anopino-postanovlenie-39-2024-reglament-sadovyy-dom.txt', name: 'vladimir-anopino-postanovlenie-39-2024-reglament-sadovyy-dom', format: 'docx' },
	{ source: 'mordovia-gumenskoe-postanovlenie-61-2015-reglament.txt', name: 'mordovia-gumenskoe-postanovlenie-61-2015-reglament', format: 'pdf' }
];

export interface SharedAct {
	/** Header fields above the marker: «Название», «Источник», «Полнота», … */
	header: Record<string, string>;
	/** Everything after the marker line, byte for byte. */
	text: string;
}

/** Splits a shared act file into its description header and the act text after the marker line. */
export function parseSharedAct(raw: string): SharedAct {
	const at = raw.indexOf(TEXT_MARKER + '\n');
	if (at < 0) throw new Error(`no "${TEXT_MARKER}" line`);
	const header: Record<string, string> = {};
	for (const line of raw.slice(0, at).split('\n')) {
		const m = /^([^:]+):\s*(.*)$/.exec(line);
		if (m) header[m[1].trim()] = m[2].trim();
	}
	return { header, text: raw.slice(at + TEXT_MARKER.length + 1) };
}

/** The paragraphs an office document is made of: one per non-empty line, trailing spaces dropped. */
export function textParagraphs(text: string): string[] {
	return text
		.split('\n')
		.map((l) => l.replace(/\s+$/, ''))
		.filter((l) => l.trim() !== '');
}

function xmlEscape(s: string): string {
	return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Paragraph content with runs of spaces and tabs kept (ODF collapses plain spaces). */
function odfInline(s: string): string {
	let out = '';
	for (const part of s.split(/( {2,}|\t)/)) {
		if (part === '\t') out += '<text:tab/>';
		else if (/^ {2,}$/.test(part)) out += ` <text:s text:c="${part.length - 1}"/>`;
		else out += xmlEscape(part);
	}
	// A leading space would be dropped too.
	return out.replace(/^ /, '<text:s/>');
}

/** Short all-caps lines («ПОСТАНОВЛЕНИЕ», «АДМИНИСТРАЦИЯ …») are centred and bold, as in real acts. */
function isHeading(p: string): boolean {
	const letters = p.replace(/[^A-Za-zА-Яа-яЁё]/g, '');
	return letters.length >= 4 && p.length <= 160 && letters === letters.toUpperCase();
}

/**
 * A flat ODT document: Liberation Serif 14 pt, justified, first-line indent 1.25 cm, A4 with usual
 * margins for Russian acts; one <text:p> per paragraph.
 */
export function fodtDocument(paragraphs: string[]): string {
	const body = paragraphs
		.map((p) => `<text:p text:style-name="${isHeading(p) ? 'Heading' : 'Body'}">${odfInline(p)}</text:p>`)
		.join('\n');
	return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:font-face-decls>
  <style:font-face style:name="Liberation Serif" svg:font-family="'Liberation Serif'" style:font-family-generic="roman"/>
 </office:font-face-decls>
 <office:styles>
  <style:default-style style:family="paragraph">
   <style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.1cm" fo:text-align="justify"/>
   <style:text-properties style:font-name="Liberation Serif" fo:font-size="14pt" fo:language="ru" fo:country="RU"/>
  </style:default-style>
  <style:style style:name="Standard" style:family="paragraph"/>
  <style:style style:name="Body" style:family="paragraph" style:parent-style-name="Standard">
   <style:paragraph-properties fo:text-indent="1.25cm"/>
  </style:style>
  <style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard">
   <style:paragraph-properties fo:text-align="center" fo:margin-top="0.2cm" fo:margin-bottom="0.2cm"/>
   <style:text-properties fo:font-weight="bold"/>
  </style:style>
 </office:styles>
 <office:automatic-styles>
  <style:page-layout style:name="A4">
   <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="3cm" fo:margin-right="1.5cm"/>
  </style:page-layout>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="A4"/>
 </office:master-styles>
 <office:body>
  <office:text>
${body}
  </office:text>
 </office:body>
</office:document>
`;
}

function sofficeArgs(profile: string, to: 'pdf' | 'docx', files: string[], outDir: string): string[] {
	return [
		`-env:UserInstallation=${pathToFileURL(profile).href}`,
		'--headless',
		'--norestore',
		'--convert-to',
		to,
		'--outdir',
		outDir,
		...files
	];
}

function checkOutputs(to: 'pdf' | 'docx', files: string[], outDir: string): void {
	for (const f of files) {
		const out = path.join(outDir, path.basename(f).replace(/\.[^.]+$/, '.' + to));
		if (!fs.existsSync(out)) throw new Error(`soffice did not produce ${out}`);
	}
}

/**
 * Converts many files in ONE soffice run (`--convert-to pdf|docx --outdir outDir f1 f2 …`).
 * Uses a private LibreOffice profile so parallel runs (other engineers, CI) do not collide.
 */
export function sofficeConvert(to: 'pdf' | 'docx', files: string[], outDir: string): void {
	if (files.length === 0) return;
	fs.mkdirSync(outDir, { recursive: true });
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'popravka-lo-'));
	try {
		execFileSync('soffice', sofficeArgs(profile, to, files, outDir), {
			stdio: ['ignore', 'ignore', 'pipe'],
			maxBuffer: 64 * 1024 * 1024
		});
	} finally {
		fs.rmSync(profile, { recursive: true, force: true });
	}
	checkOutputs(to, files, outDir);
}

/** sofficeConvert without blocking: several conversions (each its own profile) can run at once. */
export async function sofficeConvertAsync(to: 'pdf' | 'docx', files: string[], outDir: string): Promise<void> {
	if (files.length === 0) return;
	fs.mkdirSync(outDir, { recursive: true });
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'popravka-lo-'));
	try {
		await new Promise<void>((resolve, reject) => {
			const p = spawn('soffice', sofficeArgs(profile, to, files, outDir), { stdio: ['ignore', 'ignore', 'pipe'] });
			let err = '';
			p.stderr.on('data', (d: Buffer) => (err += d.toString()));
			p.on('error', reject);
			p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`soffice --convert-to ${to}: exit ${code}: ${err.slice(-500)}`))));
		});
	} finally {
		fs.rmSync(profile, { recursive: true, force: true });
	}
	checkOutputs(to, files, outDir);
}

const FORMAT_RU: Record<CorpusFormat, string> = { txt: 'текст (.txt)', pdf: 'PDF', docx: 'DOCX' };

function readmeTable(rows: { file: string; format: CorpusFormat; header: Record<string, string> }[]): string {
	const cell = (s: string | undefined) => (s ?? '—').replace(/\|/g, '\\|').replace(/\n/g, ' ');
	return rows
		.map(
			(r) =>
				`| \`${r.file}\` | ${FORMAT_RU[r.format]} | ${cell(r.header['Вид акта, орган'])}; ${cell(r.header['Дата, номер'])} | ${cell(r.header['Регион'])} | ${cell(r.header['Источник'])} | ${cell(r.header['Полнота'])} |`
		)
		.join('\n');
}

export interface ManifestEntry {
	file: string;
	format: CorpusFormat;
	/** The shared act file this was made from (relative to shared/corpus/acts). */
	source: string;
	title: string | null;
	kind: string | null;
	region: string | null;
	dateNumber: string | null;
	url: string | null;
	completeness: string | null;
}

export function makeCorpus(sharedDir: string, corpusDir: string): ManifestEntry[] {
	const actsDir = path.join(sharedDir, 'corpus', 'acts');
	const sources = fs.readdirSync(actsDir).filter((f) => f.endsWith('.txt'));
	const planned = new Set(PLAN.map((p) => p.source));
	for (const s of sources) {
		if (!planned.has(s) && !EXCLUDED.includes(s)) throw new Error(`new shared act not in PLAN: ${s}`);
	}

	// Remove the previously generated act files (keep nothing stale), then write afresh.
	fs.mkdirSync(corpusDir, { recursive: true });
	for (const f of fs.readdirSync(corpusDir)) {
		if (/\.(txt|pdf|docx)$/.test(f)) fs.rmSync(path.join(corpusDir, f));
	}

	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'popravka-corpus-'));
	const manifest: ManifestEntry[] = [];
	const rows: { file: string; format: CorpusFormat; header: Record<string, string> }[] = [];
	const toConvert: Record<'pdf' | 'docx', string[]> = { pdf: [], docx: [] };
	try {
		for (const p of PLAN) {
			const { header, text } = parseSharedAct(fs.readFileSync(path.join(actsDir, p.source), 'utf8'));
			const file = `${p.name}.${p.format}`;
			if (p.format === 'txt') {
				fs.writeFileSync(path.join(corpusDir, file), text);
			} else {
				const fodt = path.join(work, `${p.name}.fodt`);
				fs.writeFileSync(fodt, fodtDocument(textParagraphs(text)));
				toConvert[p.format].push(fodt);
			}
			manifest.push({
				file,
				format: p.format,
				source: p.source,
				title: header['Название'] ?? null,
				kind: header['Вид акта, орган'] ?? null,
				region: header['Регион'] ?? null,
				dateNumber: header['Дата, номер'] ?? null,
				url: header['Источник'] ?? null,
				completeness: header['Полнота'] ?? null
			});
			rows.push({ file, format: p.format, header });
		}
		sofficeConvert('pdf', toConvert.pdf, corpusDir);
		sofficeConvert('docx', toConvert.docx, corpusDir);
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}

	fs.writeFileSync(path.join(corpusDir, 'manifest.json'), JSON.stringify(manifest, null, '\t') + '\n');

	const roadmap = path.join(sharedDir, 'roadmaps', 'vladimir-2025.csv');
	if (!fs.existsSync(roadmap)) throw new Error(`roadmap not found: ${roadmap}`);
	fs.mkdirSync(path.join(corpusDir, 'roadmaps'), { recursive: true });
	const roadmapOut = path.join(corpusDir, 'roadmaps', 'vladimir-2025.csv');
	fs.rmSync(roadmapOut, { force: true });
	fs.writeFileSync(roadmapOut, fs.readFileSync(roadmap));

	const count = (f: CorpusFormat) => manifest.filter((m) => m.format === f).length;
	fs.writeFileSync(
		path.join(corpusDir, 'README.md'),
		`# Демонстрационный корпус «Поправки»

Реальные официальные акты регионов и муниципалитетов, которые приложение импортирует при первом запуске,
чтобы новый пользователь сразу увидел настоящие документы. Всего ${manifest.length} актов:
${count('txt')} в виде текста, ${count('pdf')} в PDF и ${count('docx')} в DOCX — чтобы были показаны все три
поддерживаемых формата.

**Важно.** Почти все акты — фрагменты: сохранилось только начало документа (около 1000 знаков) или
один раздел. Полнота каждого указана в таблице. Опечатки и артефакты источников (слипшиеся слова,
мусор шаблона сайта, ошибочные даты) сохранены намеренно: так выглядят настоящие тексты.

Текст каждого акта — дословно текст из общего набора \`shared/corpus/acts\` после строки
\`${TEXT_MARKER}\` (описательная шапка над ней в документ не входит). PDF и DOCX сделаны из этого
текста в LibreOffice (Liberation Serif 14 pt, выравнивание по ширине, абзацный отступ 1,25 см,
один абзац на строку исходного текста; короткие строки прописными буквами — по центру).

Локальные акты школ (положения МКОУ «Цветковская гимназия» и МБОУ «Поведниковская СОШ») в
демонстрационные данные не включены: это не официальные документы органов власти.

| Файл | Формат | Вид акта, орган; дата, номер | Регион | Источник | Полнота |
|---|---|---|---|---|---|
${readmeTable(rows)}

Машиночитаемый список тех же сведений — \`manifest.json\` (поле \`source\` — исходный файл в
\`shared/corpus/acts\`).

## Дорожная карта

\`roadmaps/vladimir-2025.csv\` — опубликованная дорожная карта Владимирской области по внедрению
национального мессенджера МАХ (2025), копия \`shared/roadmaps/vladimir-2025.csv\`: номер, мероприятие,
ответственный исполнитель, срок (дд.мм.гггг), примечание.

## Как пересобрать

\`\`\`sh
sh scripts/make-corpus.sh            # нужен LibreOffice (soffice) и ../shared рядом с репозиторием
\`\`\`

Скрипт удаляет прежние .txt/.pdf/.docx в \`corpus/\` и создаёт их заново из \`../shared\` (путь можно
задать переменной \`POPRAVKA_SHARED\`). Байты PDF/DOCX меняются от запуска к запуску (метки времени),
текст — нет. Сгенерированные файлы хранятся в репозитории: приложению и CI LibreOffice не нужен.
`
	);
	return manifest;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
	const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
	const shared = process.env.POPRAVKA_SHARED
		? path.resolve(process.env.POPRAVKA_SHARED)
		: path.resolve(root, '..', 'shared');
	const t0 = Date.now();
	const manifest = makeCorpus(shared, path.join(root, 'corpus'));
	console.log(`corpus/: ${manifest.length} acts written in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../../lib/core/errors';
import { FIELD_LABELS, ROADMAP_FIELDS, guessMapping, type Mapping, type RoadmapField } from '../../lib/core/roadmap/import';
import { closeDb, getDb } from '../../lib/server/db/client';
import { importRoadmap, listRoadmaps, readTable } from '../../lib/server/roadmap';

export const usage =
	'roadmap import <файл.csv|.xlsx> --title "…" [--region "…"] [--approved-by "…"] [--approved-at ДД.ММ.ГГГГ] [--map поле=номер_столбца …] [--dry-run] | roadmap list   импорт дорожной карты';

function option(args: string[], name: string): string | null {
	const i = args.indexOf(name);
	return i >= 0 && i + 1 < args.length ? args[i + 1] : null;
}

const VALUE_OPTIONS = ['--title', '--region', '--approved-by', '--approved-at', '--map'];

export async function run(args: string[]): Promise<number> {
	const [sub, ...rest] = args;
	if (sub === 'list') {
		const rows = listRoadmaps(getDb());
		for (const r of rows) console.log(`${r.id}\t${r.title}\t${r.region ?? ''}\tмероприятий: ${r.items}`);
		if (rows.length === 0) console.log('Дорожных карт нет.');
		closeDb();
		return 0;
	}
	if (sub !== 'import') {
		console.error(`Использование: npm run cli -- ${usage}`);
		return 2;
	}
	const positional: string[] = [];
	const maps: string[] = [];
	for (let i = 0; i < rest.length; i++) {
		const a = rest[i];
		if (VALUE_OPTIONS.includes(a)) {
			if (a === '--map') maps.push(rest[i + 1] ?? '');
			i++;
		} else if (a === '--dry-run') continue;
		else if (a.startsWith('--')) {
			console.error(`Неизвестный параметр: ${a}\nИспользование: npm run cli -- ${usage}`);
			return 2;
		} else positional.push(a);
	}
	const dryRun = rest.includes('--dry-run');
	const title = option(rest, '--title') ?? '';
	if (positional.length !== 1 || (!dryRun && !title.trim())) {
		console.error(`Укажите один файл и название (--title).\nИспользование: npm run cli -- ${usage}`);
		return 2;
	}
	const file = positional[0];
	if (!fs.existsSync(file)) {
		console.error(`Файл не найден: ${file}`);
		return 1;
	}
	try {
		const table = await readTable(path.basename(file), new Uint8Array(fs.readFileSync(file)));
		const mapping: Mapping = guessMapping(table.headers);
		for (const m of maps) {
			const match = /^(\w+)=(\d*)$/.exec(m);
			if (!match || !(ROADMAP_FIELDS as readonly string[]).includes(match[1])) {
				console.error(`Неверное сопоставление «${m}»: нужно поле=номер_столбца (с 1), поля: ${ROADMAP_FIELDS.join(', ')}`);
				return 2;
			}
			mapping[match[1] as RoadmapField] = match[2] ? Number(match[2]) - 1 : null;
		}
		console.log('Сопоставление столбцов:');
		for (const f of ROADMAP_FIELDS) {
			const col = mapping[f];
			console.log(`  ${FIELD_LABELS[f]}: ${col === null ? '— не импортируется' : `столбец ${col + 1} «${table.headers[col]}»`}`);
		}
		const meta = {
			title,
			region: option(rest, '--region'),
			approvedBy: option(rest, '--approved-by'),
			approvedAt: option(rest, '--approved-at')
		};
		const { preview } = importRoadmap(getDb(), meta, table, mapping, { dryRun: true });
		for (const e of preview.mappingErrors) console.error(`Ошибка сопоставления: ${e}`);
		for (const r of preview.rows) {
			const mark = r.errors.length ? 'ОШИБКА' : 'ок';
			console.log(`  строка ${r.line} [${mark}] № ${r.item.number}: ${r.item.title || '—'} — срок ${r.item.dueDate ?? '—'}`);
			for (const e of r.errors) console.error(`строка ${r.line}: ${e.message}`);
			for (const w of r.warnings) console.log(`    предупреждение: ${w.message}`);
		}
		console.log(`Будет создано мероприятий: ${preview.valid}; строк с ошибками: ${preview.invalid}; пустых строк пропущено: ${preview.skipped}.`);
		if (dryRun) {
			console.log('Пробный запуск (--dry-run): ничего не сохранено.');
			return preview.ok ? 0 : 1;
		}
		const result = importRoadmap(getDb(), meta, table, mapping);
		console.log(`Дорожная карта № ${result.roadmapId} «${title}» сохранена: мероприятий ${result.created}.`);
		return 0;
	} catch (e) {
		if (e instanceof UserError) {
			console.error(e.message);
			return 1;
		}
		throw e;
	} finally {
		closeDb();
	}
}

import { closeDb, getDb } from '../../lib/server/db/client';
import { ensureSearchIndex, searchUnits, type SearchRequest } from '../../lib/server/search/service';

export const usage =
	'search "<запрос>" [--json] [--kind вид] [--body орган] [--region регион] [--year ГГГГ] [--open] [--limit N] [--page N]   поиск по пунктам актов';

const VALUE_FLAGS = new Set(['--kind', '--body', '--region', '--year', '--limit', '--page']);

function usageError(message: string): number {
	console.error(message);
	console.error(`Использование: npm run cli -- ${usage}`);
	return 2;
}

function formatDate(iso: string | null): string {
	const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
	return m ? `${m[3]}.${m[2]}.${m[1]}` : '';
}

/**
 * `--json` prints exactly one object {"total", "hits": [{"actId", "actTitle", "path", "label", "snippet", "score"}]},
 * best first (a contract for scripts). Exit 0 also when nothing is found, 2 on a usage error.
 */
export async function run(args: string[]): Promise<number> {
	let json = false;
	let open = false;
	const values: Record<string, string> = {};
	const words: string[] = [];
	for (let i = 0; i < args.length; i++) {
		const a = args[i];
		if (a === '--json') json = true;
		else if (a === '--open') open = true;
		else if (VALUE_FLAGS.has(a)) {
			if (i + 1 >= args.length) return usageError(`Для параметра ${a} не указано значение.`);
			values[a] = args[++i];
		} else if (a.startsWith('--') && a.includes('=') && VALUE_FLAGS.has(a.slice(0, a.indexOf('=')))) {
			values[a.slice(0, a.indexOf('='))] = a.slice(a.indexOf('=') + 1);
		} else if (a.startsWith('--')) return usageError(`Неизвестный параметр: ${a}`);
		else words.push(a);
	}
	if (words.length === 0) return usageError('Не указан поисковый запрос.');
	const year = values['--year'];
	if (year !== undefined && !/^\d{4}$/.test(year.trim())) return usageError('Год указывается четырьмя цифрами, например --year 2022.');
	const limit = values['--limit'] === undefined ? 20 : Number(values['--limit']);
	if (!Number.isInteger(limit) || limit < 1 || limit > 100) return usageError('--limit: целое число от 1 до 100.');
	const page = values['--page'] === undefined ? 1 : Number(values['--page']);
	if (!Number.isInteger(page) || page < 1) return usageError('--page: целое число от 1.');

	const req: SearchRequest = {
		q: words.join(' '),
		kind: values['--kind'],
		body: values['--body'],
		region: values['--region'],
		year,
		open,
		limit,
		offset: (page - 1) * limit,
		facets: false
	};
	const db = getDb();
	try {
		ensureSearchIndex(db);
		const result = searchUnits(db, req);
		if (json) {
			process.stdout.write(
				JSON.stringify({
					total: result.total,
					hits: result.hits.map((h) => ({
						actId: h.actId,
						actTitle: h.actTitle,
						path: h.path,
						label: h.label,
						snippet: h.snippet,
						score: h.score
					}))
				}) + '\n'
			);
			return 0;
		}
		if (result.notice) console.log(result.notice);
		if (result.total === 0) {
			if (!result.notice) console.log('Ничего не найдено.');
			return 0;
		}
		const from = req.offset! + 1;
		console.log(`Найдено пунктов: ${result.total}. Показаны ${from}–${req.offset! + result.hits.length}.`);
		if (result.ignored.length) console.log(`Не учитывались служебные слова: ${result.ignored.join(', ')}.`);
		result.hits.forEach((h, i) => {
			const req = [h.actKind, h.actNumber ? `№ ${h.actNumber}` : '', h.actDate ? `от ${formatDate(h.actDate)}` : '']
				.filter(Boolean)
				.join(' ');
			console.log('');
			console.log(`${from + i}. ${req ? req + ' — ' : ''}${h.actTitle}`);
			console.log(`   ${h.label}: ${h.snippet}`);
			console.log(`   /acts/${h.actId}#${h.path}   (релевантность ${h.score.toFixed(2)})`);
		});
		return 0;
	} finally {
		closeDb();
	}
}

import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/client';
import { filtersFromUrl, listFindings, type FindingView } from '$lib/server/findings';
import { scopeOf } from '$lib/server/findings/access';
import { categoryLabel, ruDateTime, severityLabel, STATUS_LABELS } from '../../findings/labels';
import type { RequestHandler } from './$types';

/** Export limit: far above a region's real queue, low enough to keep one response in memory. */
const LIMIT = 100_000;

const COLUMNS: [string, (f: FindingView) => string | number | null][] = [
	['№ находки', (f) => f.id],
	['Статус', (f) => STATUS_LABELS[f.status] ?? f.status],
	['Важность', (f) => severityLabel(f.severity)],
	['Категория', (f) => categoryLabel(f.category)],
	['Правило', (f) => f.ruleId],
	['Название правила', (f) => f.ruleTitle],
	['Набор правил', (f) => `${f.packId}@${f.packVersion}`],
	['Вид акта', (f) => f.actKind],
	['Орган', (f) => f.actBody],
	['Регион', (f) => f.actRegion],
	['Дата акта', (f) => f.actDate],
	['Номер акта', (f) => f.actNumber],
	['Название акта', (f) => f.actTitle ?? f.actFileName],
	['Структурная единица', (f) => f.unitLabel],
	['Текст пункта', (f) => f.unitText],
	['Выявленные слова', (f) => f.spans.map(([s, e]) => f.unitText.slice(s, e)).join('; ')],
	['Суть нарушения', (f) => f.message],
	['Правовое основание', (f) => f.legalBasis],
	['Предлагаемая редакция', (f) => f.suggestedWording],
	['Кто решил', (f) => f.decidedBy],
	['Когда решено', (f) => ruDateTime(f.decidedAt)],
	['Причина (ложное срабатывание)', (f) => f.reason],
	['Выявлена', (f) => ruDateTime(f.createdAt)],
	['Снята', (f) => ruDateTime(f.resolvedAt)],
	['Ссылка', (f) => `/acts/${f.actId}#${f.unitPath}`]
];

function csvCell(v: string | number | null): string {
	const s = v === null || v === undefined ? '' : String(v);
	// Quote every field; a leading =,+,-,@ would be run as a formula by Excel: neutralise it.
	const safe = /^[=+@\t\r]/.test(s) ? `'${s}` : s;
	return `"${safe.replace(/"/g, '""')}"`;
}

/** Findings under the queue's filters (`status=all` for every status) as CSV (Excel: UTF-8 BOM, ";") or JSON. */
export const GET: RequestHandler = ({ url, locals }) => {
	const format = url.searchParams.get('format') ?? 'json';
	if (format !== 'csv' && format !== 'json') error(400, 'Формат выгрузки: csv или json.');
	const findings = listFindings(getDb(), { ...filtersFromUrl(url.searchParams), scope: scopeOf(locals) }, LIMIT);
	const stamp = new Date().toISOString().slice(0, 10);
	if (format === 'json') {
		return new Response(JSON.stringify({ count: findings.length, findings }), {
			headers: { 'content-type': 'application/json; charset=utf-8' }
		});
	}
	const lines = [COLUMNS.map(([h]) => csvCell(h)).join(';')];
	for (const f of findings) lines.push(COLUMNS.map(([, get]) => csvCell(get(f))).join(';'));
	return new Response('\uFEFF' + lines.join('\r\n') + '\r\n', {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="popravka-findings-${stamp}.csv"`
		}
	});
};

/** XLSX exports (exceljs): tasks, a roadmap, the audit report. Russian headers, real date cells in dd.mm.yyyy. */
import ExcelJS from 'exceljs';
import { HEALTH_RU } from '../../core/health';
import { TASK_STATUS_SHORT_RU, type TaskStatus } from '../../core/tasks/workflow';
import { actRef } from '../../format';
import type { Db } from '../db/client';
import { roadmapView } from '../roadmap';
import { auditRows, tasksWithHealth, type Scope } from './data';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const CATEGORY_RU: Record<string, string> = {
	'remote-channel-restriction': 'Ограничение дистанционных каналов',
	'foreign-messenger': 'Иностранный мессенджер',
	'personal-data': 'Персональные данные',
	'national-messenger-mandatory': 'Национальный мессенджер'
};
const SEVERITY_RU: Record<string, string> = { high: 'высокая', medium: 'средняя', low: 'низкая' };
const FINDING_STATUS_RU: Record<string, string> = {
	open: 'Не разобрана',
	confirmed: 'Требует изменения',
	dismissed: 'Ложное срабатывание',
	resolved: 'Снята'
};

/** YYYY-MM-DD → a Date at UTC midnight (exceljs writes the serial from UTC, so the cell shows the same day). */
export function dateCell(iso: string | null | undefined): Date | null {
	const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
	return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
}

interface Col {
	header: string;
	key: string;
	width: number;
	date?: boolean;
	wrap?: boolean;
}

function sheet(wb: ExcelJS.Workbook, name: string, cols: Col[], rows: Record<string, unknown>[], title?: string) {
	const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: title ? 2 : 1 }] });
	ws.columns = cols.map((c) => ({ key: c.key, width: c.width }));
	if (title) {
		ws.addRow([title]).font = { bold: true, size: 13 };
		ws.mergeCells(1, 1, 1, cols.length);
	}
	const head = ws.addRow(cols.map((c) => c.header));
	head.font = { bold: true };
	head.alignment = { vertical: 'middle', wrapText: true };
	head.eachCell((cell) => {
		cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6EEF6' } };
		cell.border = { bottom: { style: 'thin' } };
	});
	for (const r of rows) {
		const row = ws.addRow(cols.map((c) => r[c.key] ?? null));
		row.alignment = { vertical: 'top', wrapText: true };
	}
	cols.forEach((c, i) => {
		if (c.date) ws.getColumn(i + 1).numFmt = 'dd.mm.yyyy';
	});
	ws.autoFilter = { from: { row: head.number, column: 1 }, to: { row: head.number, column: cols.length } };
	return ws;
}

async function toBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
	return new Uint8Array(await wb.xlsx.writeBuffer());
}

function workbook(): ExcelJS.Workbook {
	const wb = new ExcelJS.Workbook();
	wb.creator = 'Поправка';
	wb.created = new Date();
	return wb;
}

export const TASK_HEADERS = ['№', 'Задача', 'Акт', 'Ответственный орган', 'Ответственное лицо', 'Пункт дорожной карты', 'Статус', 'Срок', 'Первоначальный срок', 'Продлений', 'Состояние срока', 'Пояснение'];

/** All amendment tasks with derived deadline health on `today`. */
export async function tasksXlsx(db: Db, today: string, scope: Scope = {}): Promise<Uint8Array> {
	const wb = workbook();
	const keys = ['id', 'title', 'act', 'body', 'person', 'item', 'status', 'due', 'baseline', 'ext', 'health', 'reason'];
	const widths = [6, 45, 40, 30, 22, 14, 16, 12, 14, 10, 16, 40];
	const cols: Col[] = TASK_HEADERS.map((h, i) => ({ header: h, key: keys[i], width: widths[i], date: i === 7 || i === 8 }));
	const rows = tasksWithHealth(db, today, scope).map((t) => ({
		id: t.id,
		title: t.title,
		act: t.actId ? `${actRef({ kind: t.actKind, date: t.actDate, number: t.actNumber })}${t.actTitle ? ` «${t.actTitle}»` : ''}` : '',
		body: t.responsibleBody,
		person: t.responsiblePerson,
		item: t.roadmapItemNumber ? `п. ${t.roadmapItemNumber}` : '',
		status: TASK_STATUS_SHORT_RU[t.status as TaskStatus] ?? t.status,
		due: dateCell(t.dueDate),
		baseline: dateCell(t.baselineDate),
		ext: t.extensions,
		health: HEALTH_RU[t.health],
		reason: t.healthReason
	}));
	sheet(wb, 'Задачи', cols, rows, `Задачи по внесению изменений на ${today.split('-').reverse().join('.')}`);
	return toBytes(wb);
}

export const ROADMAP_HEADERS = ['№', 'Мероприятие', 'Ответственный исполнитель', 'Срок', 'Первоначальный срок', 'Ожидаемый результат', 'Примечание', 'Задач', 'Исполнено задач', 'Готовность, %', 'Состояние срока'];

/** One roadmap with progress and health of each item; null when there is no such roadmap. */
export async function roadmapXlsx(db: Db, roadmapId: number, today: string, scope: Scope = {}): Promise<Uint8Array | null> {
	const view = roadmapView(db, roadmapId, today, scope.task);
	if (!view) return null;
	const wb = workbook();
	const keys = ['number', 'title', 'responsible', 'due', 'baseline', 'result', 'note', 'tasks', 'done', 'progress', 'health'];
	const widths = [6, 50, 36, 12, 14, 30, 30, 8, 10, 12, 16];
	const cols: Col[] = ROADMAP_HEADERS.map((h, i) => ({ header: h, key: keys[i], width: widths[i], date: i === 3 || i === 4 }));
	const rows = view.items.map((it) => ({
		number: it.number,
		title: it.title,
		responsible: it.responsible,
		due: dateCell(it.dueDate),
		baseline: dateCell(it.baselineDate),
		result: it.expectedResult,
		note: it.note,
		tasks: it.tasks,
		done: it.tasksDone,
		progress: it.progress === null ? null : Math.round(it.progress * 100),
		health: HEALTH_RU[it.health]
	}));
	const r = view.roadmap;
	const title = [r.title, r.region, r.approvedBy ? `утверждена: ${r.approvedBy}` : null].filter(Boolean).join(' — ');
	sheet(wb, 'Дорожная карта', cols, rows, title);
	return toBytes(wb);
}

export const AUDIT_HEADERS = ['Акт', 'Орган', 'Пункт', 'Текст пункта', 'Правило', 'Категория', 'Важность', 'Статус', 'Основание отклонения', 'Что не так', 'Правовое основание', 'Предлагаемая редакция'];

/** The audit report of one act (actId) or of all acts: findings with clause labels, basis, status and wording. */
export async function auditXlsx(db: Db, actId: number | null, scope: Scope = {}): Promise<Uint8Array> {
	const wb = workbook();
	const keys = ['act', 'body', 'label', 'text', 'rule', 'category', 'severity', 'status', 'reason', 'message', 'basis', 'wording'];
	const widths = [36, 28, 14, 60, 28, 24, 10, 18, 24, 40, 40, 50];
	const cols: Col[] = AUDIT_HEADERS.map((h, i) => ({ header: h, key: keys[i], width: widths[i] }));
	const rows = auditRows(db, { actId, scope }).map((f) => ({
		act: `${actRef({ kind: f.actKind, date: f.actDate, number: f.actNumber })}${f.actTitle ? ` «${f.actTitle}»` : ''}`,
		body: f.actBody,
		label: f.unitLabel,
		text: f.unitText,
		rule: `${f.ruleId}: ${f.ruleTitle}`,
		category: CATEGORY_RU[f.category] ?? f.category,
		severity: SEVERITY_RU[f.severity] ?? f.severity,
		status: FINDING_STATUS_RU[f.status] ?? f.status,
		reason: f.reason,
		message: f.message,
		basis: f.legalBasis,
		wording: f.suggestedWording
	}));
	sheet(wb, 'Находки', cols, rows, actId ? 'Отчёт о проверке акта' : 'Отчёт о проверке актов');
	return toBytes(wb);
}

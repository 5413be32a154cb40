/**
 * The ICS calendar feed of task and roadmap deadlines (RFC 5545): all-day VEVENTs, UIDs stable per task and
 * roadmap item (so Outlook and Яндекс Календарь update events instead of duplicating them), Russian SUMMARY.
 * Done and cancelled tasks are left out; roadmap items stay (their deadlines are the plan).
 */
import { HEALTH_RU } from '../../core/health';
import { TASK_STATUS_SHORT_RU, type TaskStatus } from '../../core/tasks/workflow';
import { actRef } from '../../format';
import type { Db } from '../db/client';
import { listRoadmaps, roadmapView } from '../roadmap';
import { tasksWithHealth, type Scope } from './data';

export const ICS_MIME = 'text/calendar; charset=utf-8';
const UID_DOMAIN = 'popravka';

/** Escapes a TEXT value (RFC 5545 §3.3.11). */
export function icsText(s: string): string {
	return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets without splitting a UTF-8 character. */
export function foldLine(line: string): string {
	const enc = new TextEncoder();
	const out: string[] = [];
	let cur = '';
	let curBytes = 0;
	for (const ch of line) {
		const b = enc.encode(ch).length;
		const limit = out.length === 0 ? 75 : 74; // continuation lines start with a space
		if (curBytes + b > limit) {
			out.push(cur);
			cur = '';
			curBytes = 0;
		}
		cur += ch;
		curBytes += b;
	}
	out.push(cur);
	return out.join('\r\n ');
}

const basic = (iso: string) => iso.slice(0, 10).replace(/-/g, '');

function nextDay(iso: string): string {
	const d = new Date(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10) + 1));
	return d.toISOString().slice(0, 10);
}

interface Event {
	uid: string;
	date: string;
	summary: string;
	description: string;
	url?: string;
	categories: string;
}

function vevent(e: Event, stamp: string): string[] {
	return [
		'BEGIN:VEVENT',
		`UID:${e.uid}`,
		`DTSTAMP:${stamp}`,
		`DTSTART;VALUE=DATE:${basic(e.date)}`,
		`DTEND;VALUE=DATE:${basic(nextDay(e.date))}`,
		`SUMMARY:${icsText(e.summary)}`,
		`DESCRIPTION:${icsText(e.description)}`,
		`CATEGORIES:${icsText(e.categories)}`,
		...(e.url ? [`URL:${e.url}`] : []),
		'TRANSP:TRANSPARENT',
		'END:VEVENT'
	];
}

/** The feed. `baseUrl` (e.g. https://host) makes event links absolute; `now` stamps DTSTAMP. */
export function calendarIcs(db: Db, opts: { today: string; baseUrl?: string; now?: Date; scope?: Scope }): string {
	const scope = opts.scope ?? {};
	const stamp = (opts.now ?? new Date()).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
	const events: Event[] = [];
	for (const t of tasksWithHealth(db, opts.today, scope)) {
		if (!t.dueDate || t.status === 'done' || t.status === 'cancelled') continue;
		const actName = t.actId ? actRef({ kind: t.actKind, date: t.actDate, number: t.actNumber }) : null;
		events.push({
			uid: `task-${t.id}@${UID_DOMAIN}`,
			date: t.dueDate,
			summary: `Срок задачи: ${t.title}`,
			description: [
				actName ? `Акт: ${actName}${t.actTitle ? ` «${t.actTitle}»` : ''}` : null,
				t.responsibleBody ? `Ответственный: ${t.responsibleBody}${t.responsiblePerson ? `, ${t.responsiblePerson}` : ''}` : null,
				`Статус: ${TASK_STATUS_SHORT_RU[t.status as TaskStatus] ?? t.status}`,
				`Состояние срока: ${HEALTH_RU[t.health]}`,
				t.extensions ? `Срок продлевался: ${t.extensions} раз(а)` : null
			]
				.filter(Boolean)
				.join('\n'),
			url: opts.baseUrl ? `${opts.baseUrl}/tasks/${t.id}` : undefined,
			categories: 'Задачи'
		});
	}
	for (const r of listRoadmaps(db, scope.roadmap)) {
		const view = roadmapView(db, r.id, opts.today, scope.task);
		if (!view) continue;
		for (const it of view.items) {
			if (!it.dueDate) continue;
			events.push({
				uid: `roadmap-item-${it.id}@${UID_DOMAIN}`,
				date: it.dueDate,
				summary: `Дорожная карта, п. ${it.number}: ${it.title}`,
				description: [
					r.title,
					it.responsible ? `Ответственный исполнитель: ${it.responsible}` : null,
					`Состояние срока: ${HEALTH_RU[it.health]}`,
					it.note ? `Примечание: ${it.note}` : null
				]
					.filter(Boolean)
					.join('\n'),
				url: opts.baseUrl ? `${opts.baseUrl}/roadmap?id=${r.id}#item-${it.id}` : undefined,
				categories: 'Дорожная карта'
			});
		}
	}
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Popravka//Сроки//RU',
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		`X-WR-CALNAME:${icsText('Поправка — сроки')}`,
		'X-WR-TIMEZONE:Europe/Moscow',
		'REFRESH-INTERVAL;VALUE=DURATION:PT6H',
		'X-PUBLISHED-TTL:PT6H',
		...events.flatMap((e) => vevent(e, stamp)),
		'END:VCALENDAR'
	];
	return lines.map(foldLine).join('\r\n') + '\r\n';
}

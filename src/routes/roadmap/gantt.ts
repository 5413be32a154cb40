/** Layout of the roadmap timeline (pure, browser-safe): the date axis, month ticks and bar positions. */
import { daysBetween } from '$lib/core/health';

export interface GanttInput {
	id: number;
	dueDate: string | null;
	baselineDate: string | null;
}

export interface GanttAxis {
	start: string;
	end: string;
	days: number;
	/** x in 0..1 of a date on the axis (may fall outside 0..1). */
	x(date: string): number;
	months: { label: string; x: number }[];
	barStart: string;
}

const MONTHS = ['янв', 'фев', 'мар', 'апр', 'май', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'];

const addDays = (iso: string, n: number) => {
	const d = new Date(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10) + n));
	return d.toISOString().slice(0, 10);
};

/**
 * The axis spans the roadmap's start (its approval date, or 45 days before the earliest deadline) to 15 days after
 * the latest deadline; «today» is included when it lies within a year of the deadlines, otherwise it is shown as
 * an arrow at the edge.
 */
export function ganttAxis(items: GanttInput[], start: string | null, today: string): GanttAxis | null {
	const dates = items.flatMap((i) => [i.dueDate, i.baselineDate]).filter((d): d is string => !!d).sort();
	if (dates.length === 0) return null;
	const barStart = start && start < dates[0] ? start : addDays(dates[0], -45);
	let lo = barStart;
	let hi = addDays(dates[dates.length - 1], 15);
	if (today < lo && daysBetween(today, lo) < 366) lo = addDays(today, -7);
	if (today > hi && daysBetween(hi, today) < 366) hi = addDays(today, 7);
	const days = Math.max(1, daysBetween(lo, hi));
	const x = (d: string) => daysBetween(lo, d) / days;
	const months: { label: string; x: number }[] = [];
	let m = `${lo.slice(0, 7)}-01`;
	if (m < lo) m = addDays(`${m.slice(0, 7)}-28`, 4).slice(0, 7) + '-01';
	while (m <= hi) {
		const mi = +m.slice(5, 7) - 1;
		months.push({ label: mi === 0 || months.length === 0 ? `${MONTHS[mi]} ${m.slice(0, 4)}` : MONTHS[mi], x: x(m) });
		m = addDays(`${m.slice(0, 7)}-28`, 4).slice(0, 7) + '-01';
	}
	return { start: lo, end: hi, days, x, months, barStart };
}

/** Formatting helpers shared by pages (pure, browser-safe). */

const MONTHS = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];

/** "2022-12-07" → "07.12.2022". */
export function ruDate(iso: string | null | undefined): string {
	if (!iso) return '';
	const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
	return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

/** "2022-12-07" → "7 декабря 2022 г.". */
export function ruDateLong(iso: string | null | undefined): string {
	const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
	return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]} г.` : '';
}

/** Capitalizes the first letter: "постановление" → "Постановление". */
export function cap(s: string | null | undefined): string {
	return s ? s[0].toUpperCase() + s.slice(1) : '';
}

/** "Постановление от 07.12.2022 № 1150". */
export function actRef(a: { kind: string | null; date: string | null; number: string | null }): string {
	const parts = [cap(a.kind) || 'Акт'];
	if (a.date) parts.push(`от ${ruDate(a.date)}`);
	if (a.number) parts.push(`№ ${a.number}`);
	return parts.join(' ');
}

export function plural(n: number, one: string, few: string, many: string): string {
	const m10 = n % 10;
	const m100 = n % 100;
	if (m10 === 1 && m100 !== 11) return one;
	if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return few;
	return many;
}

/** Russian labels for finding categories, severities and statuses (browser-safe; used by /findings and /rules). */
export const CATEGORY_LABELS: Record<string, string> = {
	'remote-channel-restriction': 'Ограничение дистанционных каналов',
	'foreign-messenger': 'Иностранный мессенджер',
	'personal-data': 'Персональные данные',
	'national-messenger-mandatory': 'Национальный мессенджер'
};

export const SEVERITY_LABELS: Record<string, string> = { high: 'высокая', medium: 'средняя', low: 'низкая' };
export const SEVERITY_CLASS: Record<string, string> = { high: 'bad', medium: 'warn', low: '' };

export const STATUS_LABELS: Record<string, string> = {
	open: 'Не разобрана',
	confirmed: 'Требует изменения',
	dismissed: 'Ложное срабатывание',
	resolved: 'Снята'
};
export const STATUS_CLASS: Record<string, string> = { open: 'warn', confirmed: 'bad', dismissed: 'ok', resolved: '' };

export const categoryLabel = (c: string) => CATEGORY_LABELS[c] ?? c;
export const severityLabel = (s: string) => SEVERITY_LABELS[s] ?? s;

const MSK = new Intl.DateTimeFormat('ru-RU', {
	timeZone: 'Europe/Moscow',
	day: '2-digit',
	month: '2-digit',
	year: 'numeric',
	hour: '2-digit',
	minute: '2-digit'
});

/** "2026-11-22T22:09:57.123Z" → "23.11.2026, 01:09 МСК" (Moscow time: the same on the server and in the browser). */
export function ruDateTime(iso: string | null | undefined): string {
	if (!iso) return '';
	const d = new Date(iso);
	return Number.isNaN(d.getTime()) ? iso : `${MSK.format(d)} МСК`;
}

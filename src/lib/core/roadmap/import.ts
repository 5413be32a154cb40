/**
 * Roadmap import, the pure part: a table read from CSV/XLSX (headers + rows of strings) → column mapping (guessed
 * from the headers, editable by the user) → a dry-run preview that says what will be created and what is wrong,
 * before anything is saved. Browser-safe: the import page recomputes the preview live when a mapping changes.
 */

export const ROADMAP_FIELDS = ['number', 'title', 'responsible', 'dueDate', 'baselineDate', 'expectedResult', 'note'] as const;
export type RoadmapField = (typeof ROADMAP_FIELDS)[number];

export const FIELD_LABELS: Record<RoadmapField, string> = {
	number: '№',
	title: 'Мероприятие',
	responsible: 'Ответственный исполнитель',
	dueDate: 'Срок',
	baselineDate: 'Первоначальный срок',
	expectedResult: 'Ожидаемый результат',
	note: 'Примечание'
};

/** Fields without which an item is not created. */
export const REQUIRED_FIELDS: RoadmapField[] = ['title', 'responsible', 'dueDate'];

/** A table as read from a file: the header row and the data rows (cells as trimmed strings). */
export interface Table {
	headers: string[];
	rows: string[][];
	/** 1-based line (CSV) or row (XLSX) number of each data row in the source file, for messages. */
	lines?: number[];
}

/** For each field, the index of the column it is read from, or null when not imported. */
export type Mapping = Record<RoadmapField, number | null>;

export interface ItemDraft {
	number: string;
	title: string;
	responsible: string | null;
	/** YYYY-MM-DD */
	dueDate: string | null;
	baselineDate: string | null;
	expectedResult: string | null;
	note: string | null;
}

export interface RowIssue {
	field: RoadmapField | null;
	message: string;
}

export interface PreviewRow {
	/** Line of the source file. */
	line: number;
	item: ItemDraft;
	/** The raw cell text per mapped field, shown next to errors. */
	raw: Partial<Record<RoadmapField, string>>;
	errors: RowIssue[];
	warnings: RowIssue[];
}

export interface Preview {
	rows: PreviewRow[];
	/** Problems of the mapping itself (a required field not mapped, a column used twice). */
	mappingErrors: string[];
	/** Items that will be created (rows without errors). */
	valid: number;
	/** Rows with errors. */
	invalid: number;
	/** Empty rows skipped. */
	skipped: number;
	/** True when the import can run: mapping fine, at least one row, no row errors. */
	ok: boolean;
}

/** Lower-case, ё→е, letters and digits only: for header matching. */
function norm(s: string): string {
	return s
		.toLowerCase()
		.replace(/ё/g, 'е')
		.replace(/[^a-zа-я0-9№]+/g, ' ')
		.trim();
}

/** Header patterns per field, most specific first. */
const HEADER_PATTERNS: Record<RoadmapField, RegExp[]> = {
	number: [/^№/, /^n$/, /^no$/, /^номер/, /^п п$/, /^№ п п/, /^number/],
	title: [/мероприят/, /наименование/, /^задача/, /^title/, /^действ/],
	responsible: [/ответствен/, /исполнител/, /^responsible/, /^орган/],
	baselineDate: [/первоначальн/, /базов/, /^baseline/, /утвержденн\w* срок/],
	dueDate: [/срок/, /^дата/, /^due/, /^deadline/, /окончан/],
	expectedResult: [/результат/, /^result/, /показател/],
	note: [/примечан/, /комментар/, /^note/]
};

/** Guesses the column of each field from the header texts; each column is used at most once. */
export function guessMapping(headers: string[]): Mapping {
	const mapping = Object.fromEntries(ROADMAP_FIELDS.map((f) => [f, null])) as Mapping;
	const used = new Set<number>();
	// baselineDate before dueDate: «Первоначальный срок» must not be taken as the current deadline.
	const order: RoadmapField[] = ['number', 'baselineDate', 'dueDate', 'responsible', 'expectedResult', 'note', 'title'];
	const normalized = headers.map(norm);
	for (const field of order) {
		for (const re of HEADER_PATTERNS[field]) {
			const idx = normalized.findIndex((h, i) => !used.has(i) && h !== '' && re.test(h));
			if (idx >= 0) {
				mapping[field] = idx;
				used.add(idx);
				break;
			}
		}
	}
	return mapping;
}

export type DateResult = { ok: true; iso: string } | { ok: false; message: string };

/**
 * Parses a Russian date: dd.mm.yyyy (also d.m.yyyy, dd.mm.yy, with / or - as separators) or an ISO YYYY-MM-DD.
 * Checks the calendar: 31.02.2025 is rejected.
 */
export function parseRuDate(text: string): DateResult {
	const v = text.trim().replace(/\s*г\.?$/, '');
	let d: number, m: number, y: number;
	let match = /^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})$/.exec(v);
	if (match) {
		d = +match[1];
		m = +match[2];
		y = match[3].length === 2 ? 2000 + +match[3] : +match[3];
	} else if ((match = /^(\d{4})-(\d{2})-(\d{2})(?:T[\d:.]+Z?)?$/.exec(v))) {
		y = +match[1];
		m = +match[2];
		d = +match[3];
	} else {
		return { ok: false, message: `«${text}» — не дата; укажите дату в виде ДД.ММ.ГГГГ` };
	}
	if (m < 1 || m > 12) return { ok: false, message: `«${text}» — нет такого месяца (${m})` };
	const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
	if (d < 1 || d > daysInMonth) return { ok: false, message: `«${text}» — такой даты нет в календаре (в этом месяце ${daysInMonth} дн.)` };
	if (y < 2000 || y > 2100) return { ok: false, message: `«${text}» — год ${y} вне допустимого диапазона` };
	return { ok: true, iso: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

function mappingErrors(headers: string[], mapping: Mapping): string[] {
	const errors: string[] = [];
	for (const f of REQUIRED_FIELDS)
		if (mapping[f] === null || mapping[f] === undefined) errors.push(`Не выбран столбец для поля «${FIELD_LABELS[f]}».`);
	const seen = new Map<number, RoadmapField>();
	for (const f of ROADMAP_FIELDS) {
		const col = mapping[f];
		if (col === null || col === undefined) continue;
		if (col < 0 || col >= headers.length) {
			errors.push(`Для поля «${FIELD_LABELS[f]}» выбран несуществующий столбец.`);
			continue;
		}
		const prev = seen.get(col);
		if (prev)
			errors.push(
				`Столбец «${headers[col] || col + 1}» выбран и для «${FIELD_LABELS[prev]}», и для «${FIELD_LABELS[f]}».`
			);
		else seen.set(col, f);
	}
	return errors;
}

/** Builds the dry-run preview: one row per non-empty data row, with errors and warnings. Saves nothing. */
export function previewRoadmap(table: Table, mapping: Mapping): Preview {
	const mErrors = mappingErrors(table.headers, mapping);
	const rows: PreviewRow[] = [];
	let skipped = 0;
	const numbers = new Map<string, number>();
	table.rows.forEach((cells, i) => {
		const line = table.lines?.[i] ?? i + 2;
		if (cells.every((c) => !c || !c.trim())) {
			skipped++;
			return;
		}
		const cell = (f: RoadmapField): string => {
			const col = mapping[f];
			return col === null || col === undefined ? '' : (cells[col] ?? '').trim();
		};
		const raw: Partial<Record<RoadmapField, string>> = {};
		for (const f of ROADMAP_FIELDS) if (mapping[f] !== null && mapping[f] !== undefined) raw[f] = cell(f);
		const errors: RowIssue[] = [];
		const warnings: RowIssue[] = [];
		for (const f of REQUIRED_FIELDS)
			if (mapping[f] !== null && mapping[f] !== undefined && !cell(f))
				errors.push({ field: f, message: `Не заполнено поле «${FIELD_LABELS[f]}»` });
		const date = (f: 'dueDate' | 'baselineDate'): string | null => {
			const v = cell(f);
			if (!v) return null;
			const r = parseRuDate(v);
			if (r.ok) return r.iso;
			errors.push({ field: f, message: `${FIELD_LABELS[f]}: ${r.message}` });
			return null;
		};
		const dueDate = date('dueDate');
		let baselineDate = date('baselineDate');
		if (!baselineDate && !cell('baselineDate')) baselineDate = dueDate;
		if (dueDate && baselineDate && baselineDate > dueDate)
			warnings.push({ field: 'baselineDate', message: 'Первоначальный срок позже текущего' });
		let number = cell('number').replace(/\.$/, '');
		if (!number) {
			number = String(rows.length + 1);
			warnings.push({ field: 'number', message: `Номер не указан; будет присвоен № ${number}` });
		}
		const dup = numbers.get(number);
		if (dup !== undefined) errors.push({ field: 'number', message: `№ ${number} уже встречается в строке ${dup}` });
		else numbers.set(number, line);
		rows.push({
			line,
			raw,
			errors,
			warnings,
			item: {
				number,
				title: cell('title'),
				responsible: cell('responsible') || null,
				dueDate,
				baselineDate,
				expectedResult: cell('expectedResult') || null,
				note: cell('note') || null
			}
		});
	});
	const invalid = rows.filter((r) => r.errors.length > 0).length;
	return {
		rows,
		mappingErrors: mErrors,
		valid: rows.length - invalid,
		invalid,
		skipped,
		ok: mErrors.length === 0 && rows.length > 0 && invalid === 0
	};
}

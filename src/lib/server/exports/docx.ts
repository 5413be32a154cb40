/**
 * The сравнительная таблица of an act (docx): «Действующая редакция | Предлагаемая редакция | Обоснование», one row
 * per clause with open or confirmed findings; the proposed text is the rule's suggested wording, the basis is the
 * legal basis and the finding's message. A title block names the act. Ready for the drafting procedure.
 */
import {
	AlignmentType,
	BorderStyle,
	Document,
	HeadingLevel,
	Packer,
	PageOrientation,
	Paragraph,
	Table,
	TableCell,
	TableRow,
	TextRun,
	WidthType
} from 'docx';
import { eq } from 'drizzle-orm';
import { UserError } from '../../core/errors';
import { actRef } from '../../format';
import type { Db } from '../db/client';
import { act } from '../db/schema';
import { auditRows, type AuditRow } from './data';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface ComparisonRow {
	unitLabel: string;
	current: string;
	proposed: string[];
	basis: string[];
}

/** Groups open/confirmed findings of an act by clause, in clause order. */
export function comparisonRows(findings: AuditRow[]): ComparisonRow[] {
	const byUnit = new Map<number, ComparisonRow>();
	for (const f of findings) {
		let row = byUnit.get(f.unitId);
		if (!row) byUnit.set(f.unitId, (row = { unitLabel: f.unitLabel, current: f.unitText, proposed: [], basis: [] }));
		if (f.suggestedWording && !row.proposed.includes(f.suggestedWording)) row.proposed.push(f.suggestedWording);
		const basis = [f.legalBasis, f.message].filter(Boolean).join('. ');
		if (basis && !row.basis.includes(basis)) row.basis.push(basis);
	}
	return [...byUnit.values()];
}

const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = { top: border, bottom: border, left: border, right: border };

function cell(paragraphs: Paragraph[], opts: { header?: boolean } = {}): TableCell {
	return new TableCell({
		children: paragraphs.length ? paragraphs : [new Paragraph('')],
		borders,
		width: { size: 33, type: WidthType.PERCENTAGE },
		shading: opts.header ? { fill: 'E6EEF6' } : undefined,
		margins: { top: 60, bottom: 60, left: 100, right: 100 }
	});
}

const para = (text: string, bold = false) => new Paragraph({ children: [new TextRun({ text, bold, font: 'Times New Roman', size: 24 })] });

/** Builds the comparison table of an act; throws UserError when the act does not exist. */
export async function comparisonDocx(db: Db, actId: number): Promise<Uint8Array> {
	const a = db.select().from(act).where(eq(act.id, actId)).get();
	if (!a) throw new UserError('act_not_found', 'Акт не найден.');
	const rows = comparisonRows(auditRows(db, { actId, statuses: ['open', 'confirmed'] }));
	const ref = actRef(a);
	const header = new TableRow({
		tableHeader: true,
		children: ['Действующая редакция', 'Предлагаемая редакция', 'Обоснование'].map((h) =>
			cell([new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: h, bold: true, font: 'Times New Roman', size: 24 })] })], {
				header: true
			})
		)
	});
	const body = rows.map(
		(r) =>
			new TableRow({
				children: [
					cell([para(r.unitLabel, true), ...r.current.split(/\n+/).map((t) => para(t))]),
					cell([para(r.unitLabel, true), ...r.proposed.map((t) => para(t))]),
					cell(r.basis.map((t) => para(t)))
				]
			})
	);
	const children: (Paragraph | Table)[] = [
		new Paragraph({
			heading: HeadingLevel.HEADING_1,
			alignment: AlignmentType.CENTER,
			children: [new TextRun({ text: 'СРАВНИТЕЛЬНАЯ ТАБЛИЦА', bold: true, font: 'Times New Roman', size: 28, color: '000000' })]
		}),
		new Paragraph({
			alignment: AlignmentType.CENTER,
			children: [new TextRun({ text: `к проекту изменений в ${ref}${a.title ? ` «${a.title}»` : ''}`, font: 'Times New Roman', size: 26 })]
		}),
		...(a.body ? [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: a.body, font: 'Times New Roman', size: 24 })] })] : []),
		new Paragraph('')
	];
	if (rows.length === 0) children.push(para('Находок, требующих изменения акта, нет.'));
	else children.push(new Table({ rows: [header, ...body], width: { size: 100, type: WidthType.PERCENTAGE } }));
	const doc = new Document({
		creator: 'Поправка',
		title: `Сравнительная таблица: ${ref}`,
		sections: [
			{
				properties: { page: { size: { orientation: PageOrientation.LANDSCAPE }, margin: { top: 1134, bottom: 1134, left: 1134, right: 850 } } },
				children
			}
		]
	});
	return new Uint8Array(await Packer.toBuffer(doc));
}

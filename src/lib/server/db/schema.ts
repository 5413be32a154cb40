import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** An imported act (one редакция of it). */
export const act = sqliteTable(
	'act',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		kind: text('kind'),
		body: text('body'),
		date: text('date'),
		number: text('number'),
		title: text('title'),
		region: text('region'),
		/** JSON array of requisite field names edited by a user (kept over re-extraction). */
		editedFields: text('edited_fields').notNull().default('[]'),
		format: text('format').notNull(),
		fileName: text('file_name').notNull(),
		sha256: text('sha256').notNull(),
		sizeBytes: integer('size_bytes').notNull(),
		pages: integer('pages'),
		/** Full extracted text; unit offsets point into it. */
		text: text('text').notNull(),
		/** 'imported' | 'needs_ocr' */
		status: text('status').notNull().default('imported'),
		/** Where the text came from: 'layer' (PDF/DOCX/TXT text) or 'ocr' (recognised from page images). */
		textSource: text('text_source').notNull().default('layer'),
		/** Mean OCR confidence (0–100) for recognised acts. */
		ocrConfidence: real('ocr_confidence'),
		/** The previous редакция of the same act, when this one was imported as a new edition. */
		previousEditionId: integer('previous_edition_id'),
		importedAt: text('imported_at')
			.notNull()
			.default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`)
	},
	(t) => [uniqueIndex('act_sha256_idx').on(t.sha256), index('act_kind_idx').on(t.kind)]
);

/** A structural unit (раздел, глава, пункт, подпункт, абзац …) of an act. */
export const unit = sqliteTable(
	'unit',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		actId: integer('act_id')
			.notNull()
			.references(() => act.id, { onDelete: 'cascade' }),
		ord: integer('ord').notNull(),
		kind: text('kind').notNull(),
		path: text('path').notNull(),
		label: text('label').notNull(),
		number: text('number'),
		parentPath: text('parent_path'),
		depth: integer('depth').notNull(),
		text: text('text').notNull(),
		page: integer('page'),
		start: integer('start').notNull(),
		end: integer('end').notNull(),
		/** OCR confidence (0–100) of the unit's words, for recognised acts. */
		ocrConfidence: real('ocr_confidence')
	},
	(t) => [uniqueIndex('unit_act_path_idx').on(t.actId, t.path), index('unit_act_ord_idx').on(t.actId, t.ord)]
);

/** One file of an import batch and its outcome: the import report. */
export const importFile = sqliteTable(
	'import_file',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		batchId: text('batch_id').notNull(),
		fileName: text('file_name').notNull(),
		/** 'imported' | 'duplicate' | 'rejected' */
		status: text('status').notNull(),
		actId: integer('act_id'),
		units: integer('units'),
		message: text('message'),
		createdAt: text('created_at')
			.notNull()
			.default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`)
	},
	(t) => [index('import_file_batch_idx').on(t.batchId)]
);

export type Act = typeof act.$inferSelect;
export type NewAct = typeof act.$inferInsert;
export type UnitRow = typeof unit.$inferSelect;
export type ImportFile = typeof importFile.$inferSelect;

/**
 * A rule-pack finding on one unit. Keyed by (unit, rule): re-running packs keeps triage decisions of
 * unchanged findings, marks vanished ones resolved and inserts new ones.
 */
export const finding = sqliteTable(
	'finding',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		actId: integer('act_id')
			.notNull()
			.references(() => act.id, { onDelete: 'cascade' }),
		unitId: integer('unit_id')
			.notNull()
			.references(() => unit.id, { onDelete: 'cascade' }),
		ruleId: text('rule_id').notNull(),
		packId: text('pack_id').notNull(),
		packVersion: text('pack_version').notNull(),
		category: text('category').notNull(),
		severity: text('severity').notNull(),
		/** JSON [[start, end], …]: offsets in the unit's text. */
		spans: text('spans').notNull(),
		message: text('message').notNull(),
		legalBasis: text('legal_basis').notNull(),
		suggestedWording: text('suggested_wording').notNull(),
		/** 'open' | 'confirmed' | 'dismissed' | 'resolved' */
		status: text('status').notNull().default('open'),
		reason: text('reason'),
		decidedBy: text('decided_by'),
		decidedAt: text('decided_at'),
		createdAt: text('created_at')
			.notNull()
			.default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
		resolvedAt: text('resolved_at')
	},
	(t) => [
		uniqueIndex('finding_unit_rule_idx').on(t.unitId, t.ruleId),
		index('finding_act_idx').on(t.actId),
		index('finding_status_idx').on(t.status)
	]
);

/** Which version (and content hash) of each rule pack the stored findings were computed with. */
export const packState = sqliteTable('pack_state', {
	packId: text('pack_id').primaryKey(),
	version: text('version').notNull(),
	hash: text('hash').notNull(),
	appliedAt: text('applied_at').notNull()
});

export type FindingRow = typeof finding.$inferSelect;

/** A roadmap (дорожная карта) of a region. */
export const roadmap = sqliteTable('roadmap', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	title: text('title').notNull(),
	region: text('region'),
	approvedBy: text('approved_by'),
	approvedAt: text('approved_at'),
	createdAt: text('created_at')
		.notNull()
		.default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`)
});

/** A roadmap item (мероприятие) with its responsible executor and deadline. */
export const roadmapItem = sqliteTable(
	'roadmap_item',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		roadmapId: integer('roadmap_id')
			.notNull()
			.references(() => roadmap.id, { onDelete: 'cascade' }),
		ord: integer('ord').notNull(),
		number: text('number').notNull(),
		title: text('title').notNull(),
		responsible: text('responsible'),
		/** Current deadline (YYYY-MM-DD). */
		dueDate: text('due_date'),
		/** The deadline as first approved; differs from dueDate after a продление. */
		baselineDate: text('baseline_date'),
		expectedResult: text('expected_result'),
		note: text('note')
	},
	(t) => [index('roadmap_item_roadmap_idx').on(t.roadmapId)]
);

/**
 * An amendment task (контроль исполнения). status: 'control' (на контроле) → 'in_work' (в работе) →
 * 'approval' (на согласовании) → 'adopted' (принят) → 'done' (исполнено); 'cancelled' (отменено).
 */
export const task = sqliteTable(
	'task',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		actId: integer('act_id').references(() => act.id, { onDelete: 'set null' }),
		title: text('title').notNull(),
		description: text('description'),
		responsibleBody: text('responsible_body'),
		responsiblePerson: text('responsible_person'),
		roadmapItemId: integer('roadmap_item_id').references(() => roadmapItem.id, { onDelete: 'set null' }),
		dueDate: text('due_date'),
		/** The original due date; kept when the deadline is extended. */
		baselineDate: text('baseline_date'),
		status: text('status').notNull().default('control'),
		cancelReason: text('cancel_reason'),
		/** Requisites of the amending act (required to reach 'adopted'). */
		amendKind: text('amend_kind'),
		amendDate: text('amend_date'),
		amendNumber: text('amend_number'),
		/** The imported new редакция that proves the amendment. */
		newEditionActId: integer('new_edition_act_id').references(() => act.id, { onDelete: 'set null' }),
		createdAt: text('created_at')
			.notNull()
			.default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
		updatedAt: text('updated_at')
	},
	(t) => [index('task_status_idx').on(t.status), index('task_act_idx').on(t.actId)]
);

/** A clause (unit) of the act that a task must amend, with the finding that motivated it. */
export const taskClause = sqliteTable(
	'task_clause',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		taskId: integer('task_id')
			.notNull()
			.references(() => task.id, { onDelete: 'cascade' }),
		unitPath: text('unit_path').notNull(),
		unitLabel: text('unit_label').notNull(),
		findingId: integer('finding_id').references(() => finding.id, { onDelete: 'set null' }),
		ruleId: text('rule_id'),
		/** Why the clause may stay as it is in the new редакция although still flagged. */
		justification: text('justification')
	},
	(t) => [index('task_clause_task_idx').on(t.taskId)]
);

/** The task's history: every change with who, when, from, to and a comment. */
export const taskEvent = sqliteTable(
	'task_event',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		taskId: integer('task_id')
			.notNull()
			.references(() => task.id, { onDelete: 'cascade' }),
		at: text('at')
			.notNull()
			.default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
		who: text('who').notNull(),
		/** 'created' | 'status' | 'extend' | 'edit' | 'justify' | 'edition' */
		type: text('type').notNull(),
		fromValue: text('from_value'),
		toValue: text('to_value'),
		comment: text('comment')
	},
	(t) => [index('task_event_task_idx').on(t.taskId)]
);

export type Task = typeof task.$inferSelect;
export type TaskEvent = typeof taskEvent.$inferSelect;
export type Roadmap = typeof roadmap.$inferSelect;
export type RoadmapItem = typeof roadmapItem.$inferSelect;

/**
 * A background job (OCR of a scan, conversion of a legacy format, a watched-folder file). The source file is
 * kept on disk under data/jobs/ until the job ends, so a restart resumes queued and interrupted jobs.
 * status: 'queued' | 'running' | 'done' | 'failed' | 'waiting_tool' (the needed program is not installed).
 */
export const job = sqliteTable(
	'job',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		batchId: text('batch_id'),
		/** 'ocr' | 'convert' */
		kind: text('kind').notNull(),
		fileName: text('file_name').notNull(),
		storedPath: text('stored_path').notNull(),
		sha256: text('sha256').notNull(),
		status: text('status').notNull().default('queued'),
		pagesDone: integer('pages_done').notNull().default(0),
		pagesTotal: integer('pages_total'),
		actId: integer('act_id').references(() => act.id, { onDelete: 'set null' }),
		message: text('message'),
		attempts: integer('attempts').notNull().default(0),
		createdAt: text('created_at')
			.notNull()
			.default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
		updatedAt: text('updated_at')
	},
	(t) => [index('job_status_idx').on(t.status), uniqueIndex('job_sha_kind_idx').on(t.sha256, t.kind)]
);

export type Job = typeof job.$inferSelect;

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
		/**
		 * The region whose users may see this act (access scope). Set at import to the importing user's region;
		 * independent of the extracted requisite `region`, which may be null or wrong.
		 */
		scopeRegion: text('scope_region').notNull().default('Не определён'),
		importedAt: text('imported_at')
			.notNull()
			.default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`)
	},
	(t) => [uniqueIndex('act_sha256_idx').on(t.sha256), index('act_kind_idx').on(t.kind), index('act_scope_region_idx').on(t.scopeRegion)]
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
		/**
		 * Access scope of a task without an act (or whose act was deleted): the roadmap's region or the creator's
		 * region. A task with an act is scoped by act.scopeRegion.
		 */
		scopeRegion: text('scope_region'),
		/** Login of the user who created the task. */
		createdBy: text('created_by'),
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
		/** The scope region the act recognised by this job gets (the importing user's region). */
		scopeRegion: text('scope_region'),
		createdAt: text('created_at')
			.notNull()
			.default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
		updatedAt: text('updated_at')
	},
	(t) => [index('job_status_idx').on(t.status), uniqueIndex('job_sha_kind_idx').on(t.sha256, t.kind)]
);

export type Job = typeof job.$inferSelect;

/**
 * A local account. role: 'admin' | 'lawyer' | 'ministry' | 'roadmap' | 'viewer'. passwordHash is
 * "scrypt$N$r$p$salt$hash" (base64). A disabled user cannot log in and their sessions are dropped.
 */
export const user = sqliteTable(
	'user',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		login: text('login').notNull(),
		name: text('name'),
		role: text('role').notNull(),
		passwordHash: text('password_hash').notNull(),
		disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
		/** A demo account created by `seed` with a documented password. */
		demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
		createdAt: text('created_at')
			.notNull()
			.default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
		passwordChangedAt: text('password_changed_at')
	},
	(t) => [uniqueIndex('user_login_idx').on(t.login)]
);

/** The regions a user works in (their data scope). Admin and ministry see all regions regardless. */
export const userRegion = sqliteTable(
	'user_region',
	{
		userId: integer('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		region: text('region').notNull()
	},
	(t) => [uniqueIndex('user_region_idx').on(t.userId, t.region)]
);

/** A login session; only the SHA-256 of the cookie token is stored. */
export const session = sqliteTable(
	'session',
	{
		tokenHash: text('token_hash').primaryKey(),
		userId: integer('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		createdAt: text('created_at').notNull(),
		expiresAt: text('expires_at').notNull(),
		ip: text('ip'),
		userAgent: text('user_agent')
	},
	(t) => [index('session_user_idx').on(t.userId)]
);

/** Failed login attempts, for rate limiting per login and per client address. */
export const loginFailure = sqliteTable(
	'login_failure',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		login: text('login').notNull(),
		ip: text('ip').notNull(),
		at: text('at').notNull()
	},
	(t) => [index('login_failure_login_idx').on(t.login, t.at), index('login_failure_ip_idx').on(t.ip, t.at)]
);

/**
 * Append-only audit log of every state change. Triggers in the migration reject UPDATE and DELETE.
 * action: 'login' | 'login_failed' | 'logout' | 'import' | 'requisites' | 'triage' | 'task' | 'pack' | 'user' | …
 */
export const auditLog = sqliteTable(
	'audit_log',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		at: text('at')
			.notNull()
			.default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
		userId: integer('user_id'),
		/** Login at the time of the action (kept when the user is renamed or gone); 'cli' / 'system' otherwise. */
		login: text('login').notNull(),
		ip: text('ip'),
		action: text('action').notNull(),
		entity: text('entity'),
		entityId: text('entity_id'),
		/** The scope region of the entity, for filtering. */
		region: text('region'),
		/** JSON with the change (before/after values, file name, reason …). */
		details: text('details')
	},
	(t) => [index('audit_at_idx').on(t.at), index('audit_action_idx').on(t.action), index('audit_entity_idx').on(t.entity, t.entityId)]
);

export type User = typeof user.$inferSelect;
export type Session = typeof session.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;

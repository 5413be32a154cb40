CREATE TABLE `act` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text,
	`body` text,
	`date` text,
	`number` text,
	`title` text,
	`region` text,
	`edited_fields` text DEFAULT '[]' NOT NULL,
	`format` text NOT NULL,
	`file_name` text NOT NULL,
	`sha256` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`pages` integer,
	`text` text NOT NULL,
	`status` text DEFAULT 'imported' NOT NULL,
	`previous_edition_id` integer,
	`imported_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `act_sha256_idx` ON `act` (`sha256`);--> statement-breakpoint
CREATE INDEX `act_kind_idx` ON `act` (`kind`);--> statement-breakpoint
CREATE TABLE `finding` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`act_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`rule_id` text NOT NULL,
	`pack_id` text NOT NULL,
	`pack_version` text NOT NULL,
	`category` text NOT NULL,
	`severity` text NOT NULL,
	`spans` text NOT NULL,
	`message` text NOT NULL,
	`legal_basis` text NOT NULL,
	`suggested_wording` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`reason` text,
	`decided_by` text,
	`decided_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`resolved_at` text,
	FOREIGN KEY (`act_id`) REFERENCES `act`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `unit`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `finding_unit_rule_idx` ON `finding` (`unit_id`,`rule_id`);--> statement-breakpoint
CREATE INDEX `finding_act_idx` ON `finding` (`act_id`);--> statement-breakpoint
CREATE INDEX `finding_status_idx` ON `finding` (`status`);--> statement-breakpoint
CREATE TABLE `import_file` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`batch_id` text NOT NULL,
	`file_name` text NOT NULL,
	`status` text NOT NULL,
	`act_id` integer,
	`units` integer,
	`message` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `import_file_batch_idx` ON `import_file` (`batch_id`);--> statement-breakpoint
CREATE TABLE `pack_state` (
	`pack_id` text PRIMARY KEY NOT NULL,
	`version` text NOT NULL,
	`hash` text NOT NULL,
	`applied_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `unit` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`act_id` integer NOT NULL,
	`ord` integer NOT NULL,
	`kind` text NOT NULL,
	`path` text NOT NULL,
	`label` text NOT NULL,
	`number` text,
	`parent_path` text,
	`depth` integer NOT NULL,
	`text` text NOT NULL,
	`page` integer,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	FOREIGN KEY (`act_id`) REFERENCES `act`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `unit_act_path_idx` ON `unit` (`act_id`,`path`);--> statement-breakpoint
CREATE INDEX `unit_act_ord_idx` ON `unit` (`act_id`,`ord`);
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`user_id` integer,
	`login` text NOT NULL,
	`ip` text,
	`action` text NOT NULL,
	`entity` text,
	`entity_id` text,
	`region` text,
	`details` text
);
--> statement-breakpoint
CREATE INDEX `audit_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_action_idx` ON `audit_log` (`action`);--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE TABLE `login_failure` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`login` text NOT NULL,
	`ip` text NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_failure_login_idx` ON `login_failure` (`login`,`at`);--> statement-breakpoint
CREATE INDEX `login_failure_ip_idx` ON `login_failure` (`ip`,`at`);--> statement-breakpoint
CREATE TABLE `session` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`ip` text,
	`user_agent` text,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `session_user_idx` ON `session` (`user_id`);--> statement-breakpoint
CREATE TABLE `user` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`login` text NOT NULL,
	`name` text,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`disabled` integer DEFAULT false NOT NULL,
	`demo` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`password_changed_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `user_login_idx` ON `user` (`login`);--> statement-breakpoint
CREATE TABLE `user_region` (
	`user_id` integer NOT NULL,
	`region` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `user_region_idx` ON `user_region` (`user_id`,`region`);--> statement-breakpoint
ALTER TABLE `act` ADD `scope_region` text DEFAULT 'Не определён' NOT NULL;--> statement-breakpoint
CREATE INDEX `act_scope_region_idx` ON `act` (`scope_region`);--> statement-breakpoint
ALTER TABLE `job` ADD `scope_region` text;--> statement-breakpoint
ALTER TABLE `task` ADD `scope_region` text;--> statement-breakpoint
ALTER TABLE `task` ADD `created_by` text;--> statement-breakpoint
-- Existing acts: the access scope starts as the extracted region (or «Не определён»).
UPDATE `act` SET `scope_region` = `region` WHERE `region` IS NOT NULL AND trim(`region`) <> '';--> statement-breakpoint
-- Existing tasks without an act: the roadmap's region.
UPDATE `task` SET `scope_region` = (SELECT r.`region` FROM `roadmap_item` i JOIN `roadmap` r ON r.`id` = i.`roadmap_id` WHERE i.`id` = `task`.`roadmap_item_id`) WHERE `scope_region` IS NULL;--> statement-breakpoint
-- The audit log is append-only.
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log` BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log` BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TABLE `roadmap` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`region` text,
	`approved_by` text,
	`approved_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `roadmap_item` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`roadmap_id` integer NOT NULL,
	`ord` integer NOT NULL,
	`number` text NOT NULL,
	`title` text NOT NULL,
	`responsible` text,
	`due_date` text,
	`baseline_date` text,
	`expected_result` text,
	`note` text,
	FOREIGN KEY (`roadmap_id`) REFERENCES `roadmap`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `roadmap_item_roadmap_idx` ON `roadmap_item` (`roadmap_id`);--> statement-breakpoint
CREATE TABLE `task` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`act_id` integer,
	`title` text NOT NULL,
	`description` text,
	`responsible_body` text,
	`responsible_person` text,
	`roadmap_item_id` integer,
	`due_date` text,
	`baseline_date` text,
	`status` text DEFAULT 'control' NOT NULL,
	`cancel_reason` text,
	`amend_kind` text,
	`amend_date` text,
	`amend_number` text,
	`new_edition_act_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text,
	FOREIGN KEY (`act_id`) REFERENCES `act`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`roadmap_item_id`) REFERENCES `roadmap_item`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`new_edition_act_id`) REFERENCES `act`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `task_status_idx` ON `task` (`status`);--> statement-breakpoint
CREATE INDEX `task_act_idx` ON `task` (`act_id`);--> statement-breakpoint
CREATE TABLE `task_clause` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_id` integer NOT NULL,
	`unit_path` text NOT NULL,
	`unit_label` text NOT NULL,
	`finding_id` integer,
	`rule_id` text,
	`justification` text,
	FOREIGN KEY (`task_id`) REFERENCES `task`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`finding_id`) REFERENCES `finding`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `task_clause_task_idx` ON `task_clause` (`task_id`);--> statement-breakpoint
CREATE TABLE `task_event` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_id` integer NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`who` text NOT NULL,
	`type` text NOT NULL,
	`from_value` text,
	`to_value` text,
	`comment` text,
	FOREIGN KEY (`task_id`) REFERENCES `task`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `task_event_task_idx` ON `task_event` (`task_id`);
CREATE TABLE `job` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`batch_id` text,
	`kind` text NOT NULL,
	`file_name` text NOT NULL,
	`stored_path` text NOT NULL,
	`sha256` text NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`pages_done` integer DEFAULT 0 NOT NULL,
	`pages_total` integer,
	`act_id` integer,
	`message` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text,
	FOREIGN KEY (`act_id`) REFERENCES `act`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `job_status_idx` ON `job` (`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `job_sha_kind_idx` ON `job` (`sha256`,`kind`);--> statement-breakpoint
ALTER TABLE `act` ADD `text_source` text DEFAULT 'layer' NOT NULL;--> statement-breakpoint
ALTER TABLE `act` ADD `ocr_confidence` real;--> statement-breakpoint
ALTER TABLE `unit` ADD `ocr_confidence` real;
CREATE TABLE `import_writes` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`import_id` text NOT NULL,
	`kind` text NOT NULL,
	`target_id` text NOT NULL,
	`before` text
);
--> statement-breakpoint
CREATE INDEX `import_writes_import` ON `import_writes` (`import_id`,`kind`,`seq`);--> statement-breakpoint
DROP TABLE `import_rows`;--> statement-breakpoint
ALTER TABLE `imports` ADD `bytes_read` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `imports` ADD `total_bytes` integer;--> statement-breakpoint
ALTER TABLE `imports` ADD `cancel_requested` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `imports` ADD `started_at` integer;
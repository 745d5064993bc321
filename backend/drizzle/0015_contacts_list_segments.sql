CREATE TABLE `segments` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`name` text NOT NULL,
	`filter` text NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `segments_ws_name` ON `segments` (`workspace_id`,`name`);--> statement-breakpoint
DROP INDEX `contacts_ws_owner`;--> statement-breakpoint
CREATE INDEX `contacts_ws_stage` ON `contacts` (`workspace_id`,`stage`,`id`);--> statement-breakpoint
CREATE INDEX `contacts_ws_country` ON `contacts` (`workspace_id`,`country`,`id`);--> statement-breakpoint
CREATE INDEX `contacts_ws_updated` ON `contacts` (`workspace_id`,`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `contacts_ws_owner` ON `contacts` (`workspace_id`,`owner_id`,`id`);
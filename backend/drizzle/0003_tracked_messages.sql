CREATE TABLE `tracked_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`user_id` text NOT NULL,
	`contact_id` text NOT NULL,
	`template_id` text,
	`host` text NOT NULL,
	`thread_id` text,
	`subject` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tracked_messages_ws_contact` ON `tracked_messages` (`workspace_id`,`contact_id`);--> statement-breakpoint
CREATE INDEX `tracked_messages_ws_template` ON `tracked_messages` (`workspace_id`,`template_id`,`created_at`);
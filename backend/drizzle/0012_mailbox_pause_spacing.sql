ALTER TABLE `mailboxes` ADD `min_spacing_seconds` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `mailboxes` ADD `paused` integer DEFAULT false NOT NULL;
ALTER TABLE `enrollments` ADD `last_step_id` text;--> statement-breakpoint
ALTER TABLE `enrollments` ADD `last_step_at` integer;--> statement-breakpoint
ALTER TABLE `send_jobs` ADD `sequence_id` text;--> statement-breakpoint
CREATE INDEX `send_jobs_sequence_sent` ON `send_jobs` (`sequence_id`,`sent_at`);
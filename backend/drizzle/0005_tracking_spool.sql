CREATE TABLE `tracking_spool` (
	`id` text PRIMARY KEY NOT NULL,
	`committed_seq` integer NOT NULL
);

DROP INDEX `users_entra_oid`;--> statement-breakpoint
CREATE UNIQUE INDEX `users_entra_oid` ON `users` (`entra_oid`);
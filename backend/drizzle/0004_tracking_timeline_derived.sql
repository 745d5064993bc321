DROP INDEX `tracking_ws_time`;--> statement-breakpoint
CREATE INDEX `tracking_contact_time` ON `tracking_events` (`workspace_id`,`contact_id`,`occurred_at`);--> statement-breakpoint
-- Opens and clicks are now read into the timeline from tracking_events; the copies written before are removed.
DELETE FROM `timeline_events` WHERE `actor` = 'system:tracking' AND `type` IN ('open', 'click');

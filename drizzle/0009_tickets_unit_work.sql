ALTER TABLE `tickets` ADD `signed_by` text;--> statement-breakpoint
ALTER TABLE `tickets` ADD `signed_via` text;--> statement-breakpoint
ALTER TABLE `tickets` ADD `unit_request` text;--> statement-breakpoint
ALTER TABLE `tickets` ADD `unit_request_state` text;--> statement-breakpoint
CREATE INDEX `tickets_unit_request_idx` ON `tickets` (`unit_request_state`,`created_at`);
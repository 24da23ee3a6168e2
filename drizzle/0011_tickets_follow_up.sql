ALTER TABLE `tickets` ADD `return_visit_declined` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `tickets` ADD `rated_at` integer;--> statement-breakpoint
ALTER TABLE `tickets` ADD `follow_up_check_at` integer;--> statement-breakpoint
ALTER TABLE `tickets` ADD `manual_visit_at` integer;--> statement-breakpoint
CREATE INDEX `tickets_follow_up_check_idx` ON `tickets` (`follow_up_check_at`);--> statement-breakpoint
CREATE INDEX `tickets_manual_visit_idx` ON `tickets` (`manual_visit_at`);
ALTER TABLE `tickets` ADD `ivr_ms` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `tickets` ADD `wait_ms` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `tickets` ADD `queue` text;--> statement-breakpoint
ALTER TABLE `tickets` ADD `agent_id` text;--> statement-breakpoint
ALTER TABLE `tickets` ADD `agent_answered_at` integer;--> statement-breakpoint
ALTER TABLE `tickets` ADD `satisfaction` text;--> statement-breakpoint
ALTER TABLE `tickets` ADD `recordings` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
CREATE INDEX `tickets_agent_idx` ON `tickets` (`agent_id`);
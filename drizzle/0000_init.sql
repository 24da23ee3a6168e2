CREATE TABLE `calls` (
	`id` text PRIMARY KEY NOT NULL,
	`channel_id` text NOT NULL,
	`caller_number` text NOT NULL,
	`caller_name` text,
	`dialed_number` text NOT NULL,
	`state` text NOT NULL,
	`started_at` integer NOT NULL,
	`answered_at` integer,
	`ended_at` integer,
	`hangup_cause` integer,
	`hangup_cause_text` text,
	`ended_by` text,
	`ivr_path` text DEFAULT '[]' NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `calls_state_idx` ON `calls` (`state`);--> statement-breakpoint
CREATE INDEX `calls_started_idx` ON `calls` (`started_at`);--> statement-breakpoint
CREATE TABLE `ticket_sequences` (
	`day` text PRIMARY KEY NOT NULL,
	`last` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `tickets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` text NOT NULL,
	`call_id` text NOT NULL,
	`channel` text NOT NULL,
	`status` text NOT NULL,
	`caller_number` text NOT NULL,
	`caller_name` text,
	`dialed_number` text NOT NULL,
	`call_started_at` integer NOT NULL,
	`call_answered_at` integer,
	`call_ended_at` integer NOT NULL,
	`ring_ms` integer NOT NULL,
	`talk_ms` integer NOT NULL,
	`total_ms` integer NOT NULL,
	`hangup_cause` integer,
	`hangup_cause_text` text,
	`ended_by` text NOT NULL,
	`ivr_path` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_number_unique` ON `tickets` (`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_call_id_unique` ON `tickets` (`call_id`);--> statement-breakpoint
CREATE INDEX `tickets_caller_idx` ON `tickets` (`caller_number`);--> statement-breakpoint
CREATE INDEX `tickets_created_idx` ON `tickets` (`created_at`);
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`role` text NOT NULL,
	`action` text NOT NULL,
	`target` text NOT NULL,
	`result` text NOT NULL,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `audit_target_idx` ON `audit_log` (`target`,`at`);--> statement-breakpoint
CREATE INDEX `audit_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `auth_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE INDEX `auth_tokens_user_idx` ON `auth_tokens` (`user_id`);--> statement-breakpoint
CREATE TABLE `qa_reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`call_id` text NOT NULL,
	`agent_id` text,
	`form_id` text NOT NULL,
	`reviewer` text NOT NULL,
	`total` integer NOT NULL,
	`grade` text NOT NULL,
	`fatal_failed` text NOT NULL,
	`items` text NOT NULL,
	`comment` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `qa_reviews_call_idx` ON `qa_reviews` (`call_id`);--> statement-breakpoint
CREATE INDEX `qa_reviews_agent_idx` ON `qa_reviews` (`agent_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `qa_samples` (
	`call_id` text PRIMARY KEY NOT NULL,
	`day` text NOT NULL,
	`agent_id` text NOT NULL,
	`percent` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `qa_samples_day_idx` ON `qa_samples` (`day`);--> statement-breakpoint
CREATE TABLE `recordings` (
	`id` text PRIMARY KEY NOT NULL,
	`call_id` text NOT NULL,
	`kind` text NOT NULL,
	`format` text NOT NULL,
	`file` text NOT NULL,
	`state` text NOT NULL,
	`size_bytes` integer,
	`sha256` text,
	`duration_ms` integer,
	`started_at` integer,
	`ended_at` integer,
	`delete_after` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `recordings_call_idx` ON `recordings` (`call_id`);--> statement-breakpoint
CREATE INDEX `recordings_state_idx` ON `recordings` (`state`);--> statement-breakpoint
CREATE TABLE `ticket_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ticket_id` integer NOT NULL,
	`at` integer NOT NULL,
	`kind` text NOT NULL,
	`actor` text NOT NULL,
	`from_status` text,
	`to_status` text,
	`note` text,
	`data` text,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ticket_events_ticket_idx` ON `ticket_events` (`ticket_id`,`at`);--> statement-breakpoint
DROP INDEX `tickets_caller_idx`;--> statement-breakpoint
DROP INDEX `tickets_agent_idx`;--> statement-breakpoint
ALTER TABLE `tickets` ADD `missed_in` text;--> statement-breakpoint
ALTER TABLE `tickets` ADD `request_type` text;--> statement-breakpoint
ALTER TABLE `tickets` ADD `category_code` text;--> statement-breakpoint
ALTER TABLE `tickets` ADD `title` text;--> statement-breakpoint
ALTER TABLE `tickets` ADD `description` text;--> statement-breakpoint
ALTER TABLE `tickets` ADD `location` text;--> statement-breakpoint
ALTER TABLE `tickets` ADD `area` text;--> statement-breakpoint
ALTER TABLE `tickets` ADD `urgency` text DEFAULT 'normal' NOT NULL;--> statement-breakpoint
ALTER TABLE `tickets` ADD `confidential` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `tickets` ADD `main_unit` text;--> statement-breakpoint
ALTER TABLE `tickets` ADD `assisting_units` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `tickets` ADD `due_at` integer;--> statement-breakpoint
ALTER TABLE `tickets` ADD `sign_by` integer;--> statement-breakpoint
ALTER TABLE `tickets` ADD `reply_by` integer;--> statement-breakpoint
ALTER TABLE `tickets` ADD `follow_up_by` integer;--> statement-breakpoint
ALTER TABLE `tickets` ADD `close_by` integer;--> statement-breakpoint
ALTER TABLE `tickets` ADD `dispatched_at` integer;--> statement-breakpoint
ALTER TABLE `tickets` ADD `first_response_at` integer;--> statement-breakpoint
ALTER TABLE `tickets` ADD `last_progress_at` integer;--> statement-breakpoint
ALTER TABLE `tickets` ADD `handled_at` integer;--> statement-breakpoint
ALTER TABLE `tickets` ADD `closed_at` integer;--> statement-breakpoint
ALTER TABLE `tickets` ADD `filed_by` text;--> statement-breakpoint
ALTER TABLE `tickets` ADD `filed_at` integer;--> statement-breakpoint
ALTER TABLE `tickets` ADD `warning` text;--> statement-breakpoint
ALTER TABLE `tickets` ADD `warning_since` integer;--> statement-breakpoint
ALTER TABLE `tickets` ADD `warning_check_at` integer;--> statement-breakpoint
ALTER TABLE `tickets` ADD `updated_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `tickets` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX `tickets_status_idx` ON `tickets` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `tickets_type_idx` ON `tickets` (`request_type`,`created_at`);--> statement-breakpoint
CREATE INDEX `tickets_category_idx` ON `tickets` (`category_code`,`created_at`);--> statement-breakpoint
CREATE INDEX `tickets_warning_idx` ON `tickets` (`warning`,`created_at`);--> statement-breakpoint
CREATE INDEX `tickets_warning_check_idx` ON `tickets` (`warning_check_at`);--> statement-breakpoint
CREATE INDEX `tickets_caller_idx` ON `tickets` (`caller_number`,`created_at`);--> statement-breakpoint
CREATE INDEX `tickets_agent_idx` ON `tickets` (`agent_id`,`created_at`);--> statement-breakpoint
UPDATE `tickets` SET `updated_at` = `created_at`;--> statement-breakpoint
UPDATE `tickets` SET `status` = 'missed', `missed_in` = CASE WHEN `queue` IS NULL THEN 'ivr' ELSE 'queue' END WHERE `agent_answered_at` IS NULL AND `recordings` NOT LIKE '%"message"%';

CREATE TABLE `text_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`template_id` text NOT NULL,
	`recipient` text NOT NULL,
	`params` text NOT NULL,
	`text` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`gateway` text,
	`provider_id` text,
	`failure_code` text,
	`failure_reason` text,
	`created_at` integer NOT NULL,
	`submitted_at` integer,
	`settled_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `text_messages_key_idx` ON `text_messages` (`key`);--> statement-breakpoint
CREATE INDEX `text_messages_provider_idx` ON `text_messages` (`gateway`,`provider_id`);--> statement-breakpoint
CREATE INDEX `text_messages_status_idx` ON `text_messages` (`status`,`created_at`);
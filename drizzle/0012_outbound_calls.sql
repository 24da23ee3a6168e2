CREATE TABLE `call_attempts` (
	`channel_id` text PRIMARY KEY NOT NULL,
	`task_id` text NOT NULL,
	`attempt` integer NOT NULL,
	`number` text NOT NULL,
	`trunk` text NOT NULL,
	`owner` text NOT NULL,
	`status` text NOT NULL,
	`cause` text,
	`hangup_cause` integer,
	`variables` text,
	`started_at` integer NOT NULL,
	`ended_at` integer,
	FOREIGN KEY (`task_id`) REFERENCES `call_tasks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `call_attempts_task_attempt_idx` ON `call_attempts` (`task_id`,`attempt`);--> statement-breakpoint
CREATE INDEX `call_attempts_status_idx` ON `call_attempts` (`status`);--> statement-breakpoint
CREATE TABLE `call_tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`purpose` text NOT NULL,
	`number` text NOT NULL,
	`trunk` text NOT NULL,
	`flow_id` text NOT NULL,
	`variables` text NOT NULL,
	`not_before` integer NOT NULL,
	`not_after` integer,
	`calling_window` text NOT NULL,
	`retry_policy` text NOT NULL,
	`status` text NOT NULL,
	`due_at` integer,
	`attempts` integer NOT NULL,
	`failures` text NOT NULL,
	`channel_id` text,
	`since` integer,
	`last_cause` text,
	`outcome` text,
	`lease_owner` text,
	`lease_until` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `call_tasks_status_due_idx` ON `call_tasks` (`status`,`due_at`);
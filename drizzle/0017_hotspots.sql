CREATE TABLE `hotspot_evidence` (
	`warning_id` integer NOT NULL,
	`ticket_id` integer NOT NULL,
	PRIMARY KEY(`warning_id`, `ticket_id`),
	FOREIGN KEY (`warning_id`) REFERENCES `hotspot_warnings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `hotspot_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`warning_id` integer NOT NULL,
	`step` text NOT NULL,
	`by` text,
	`at` integer NOT NULL,
	`unit_id` text,
	`note` text,
	FOREIGN KEY (`warning_id`) REFERENCES `hotspot_warnings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `hotspot_history_warning_idx` ON `hotspot_history` (`warning_id`,`id`);--> statement-breakpoint
CREATE TABLE `hotspot_warnings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`kind` text NOT NULL,
	`category_code` text,
	`area` text,
	`place` text,
	`from_day` text NOT NULL,
	`to_day` text NOT NULL,
	`observed` real NOT NULL,
	`expected` real NOT NULL,
	`score` real NOT NULL,
	`reason` text NOT NULL,
	`selection` text,
	`order_count` integer DEFAULT 0 NOT NULL,
	`state` text NOT NULL,
	`unit_id` text,
	`proactive_ticket_id` integer,
	`raised_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`proactive_ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `hotspot_warnings_key_unique` ON `hotspot_warnings` (`key`);--> statement-breakpoint
CREATE INDEX `hotspot_warnings_state_idx` ON `hotspot_warnings` (`state`,`score`);--> statement-breakpoint
CREATE INDEX `hotspot_warnings_days_idx` ON `hotspot_warnings` (`to_day`,`from_day`);--> statement-breakpoint
CREATE INDEX `tickets_created_category_area_idx` ON `tickets` (`created_at`,`category_code`,`area`);
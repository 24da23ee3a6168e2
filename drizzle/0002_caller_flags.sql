ALTER TABLE `tickets` ADD `elderly` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `tickets` ADD `enterprise_name` text;--> statement-breakpoint
ALTER TABLE `tickets` ADD `enterprise_credit_code` text;
ALTER TABLE `call_drafts` ADD `articles_used` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `tickets` ADD `articles_used` text DEFAULT '[]' NOT NULL;
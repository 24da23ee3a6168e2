CREATE TABLE `knowledge_article_versions` (
	`article_id` integer NOT NULL,
	`version` integer NOT NULL,
	`status` text NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`category_code` text,
	`also_categories` text NOT NULL,
	`source_document` text,
	`source_number` text,
	`owner_unit` text,
	`valid_from` text,
	`valid_to` text,
	`review_due` text,
	`note` text,
	`edited_by` text NOT NULL,
	`edited_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`article_id`, `version`),
	FOREIGN KEY (`article_id`) REFERENCES `knowledge_articles`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `knowledge_versions_updated_idx` ON `knowledge_article_versions` (`updated_at`);--> statement-breakpoint
CREATE INDEX `knowledge_versions_status_idx` ON `knowledge_article_versions` (`status`,`valid_to`);--> statement-breakpoint
CREATE TABLE `knowledge_articles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`owner_unit` text,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL
);

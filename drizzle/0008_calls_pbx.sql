DROP INDEX `calls_state_idx`;--> statement-breakpoint
ALTER TABLE `calls` ADD `pbx` text;--> statement-breakpoint
CREATE INDEX `calls_state_pbx_idx` ON `calls` (`state`,`pbx`);
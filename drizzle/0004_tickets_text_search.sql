-- Text search over tickets without reading every row: an FTS5 index of trigrams (any 3 characters
-- in a row, which suits Chinese, where words are not separated by spaces), kept in step by triggers.
CREATE VIRTUAL TABLE `tickets_fts` USING fts5(`number`, `title`, `description`, `location`, content='tickets', content_rowid='id', tokenize='trigram');
--> statement-breakpoint
CREATE TRIGGER `tickets_fts_insert` AFTER INSERT ON `tickets` BEGIN
  INSERT INTO `tickets_fts` (rowid, `number`, `title`, `description`, `location`) VALUES (new.`id`, new.`number`, new.`title`, new.`description`, new.`location`);
END;
--> statement-breakpoint
CREATE TRIGGER `tickets_fts_update` AFTER UPDATE OF `number`, `title`, `description`, `location` ON `tickets` BEGIN
  INSERT INTO `tickets_fts` (`tickets_fts`, rowid, `number`, `title`, `description`, `location`) VALUES ('delete', old.`id`, old.`number`, old.`title`, old.`description`, old.`location`);
  INSERT INTO `tickets_fts` (rowid, `number`, `title`, `description`, `location`) VALUES (new.`id`, new.`number`, new.`title`, new.`description`, new.`location`);
END;
--> statement-breakpoint
CREATE TRIGGER `tickets_fts_delete` AFTER DELETE ON `tickets` BEGIN
  INSERT INTO `tickets_fts` (`tickets_fts`, rowid, `number`, `title`, `description`, `location`) VALUES ('delete', old.`id`, old.`number`, old.`title`, old.`description`, old.`location`);
END;
--> statement-breakpoint
INSERT INTO `tickets_fts` (`tickets_fts`) VALUES ('rebuild');

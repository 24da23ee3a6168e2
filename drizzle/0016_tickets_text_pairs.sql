-- Text search of two characters (停车, 社保) over any time range: the trigram index cannot find fewer
-- than three. An FTS5 index of every pair of neighbouring characters in the number, title,
-- description and location, each pair one token (ticket_text_pairs, registered on every connection),
-- kept in step by triggers. Contentless and without positions (detail=none): it only answers which
-- tickets hold a pair; the search then checks the text itself on the rows. Its sizes table stays
-- (no columnsize=0): without it the table cannot be read row by row, and tools that read every
-- table (a fingerprint, an export) would fail on it.
CREATE VIRTUAL TABLE `tickets_pairs` USING fts5(`pairs`, content='', detail='none');
--> statement-breakpoint
CREATE TRIGGER `tickets_pairs_insert` AFTER INSERT ON `tickets` BEGIN
  INSERT INTO `tickets_pairs` (rowid, `pairs`) VALUES (new.`id`, ticket_text_pairs(new.`number`, new.`title`, new.`description`, new.`location`));
END;
--> statement-breakpoint
CREATE TRIGGER `tickets_pairs_update` AFTER UPDATE OF `number`, `title`, `description`, `location` ON `tickets` BEGIN
  INSERT INTO `tickets_pairs` (`tickets_pairs`, rowid, `pairs`) VALUES ('delete', old.`id`, ticket_text_pairs(old.`number`, old.`title`, old.`description`, old.`location`));
  INSERT INTO `tickets_pairs` (rowid, `pairs`) VALUES (new.`id`, ticket_text_pairs(new.`number`, new.`title`, new.`description`, new.`location`));
END;
--> statement-breakpoint
CREATE TRIGGER `tickets_pairs_delete` AFTER DELETE ON `tickets` BEGIN
  INSERT INTO `tickets_pairs` (`tickets_pairs`, rowid, `pairs`) VALUES ('delete', old.`id`, ticket_text_pairs(old.`number`, old.`title`, old.`description`, old.`location`));
END;
--> statement-breakpoint
INSERT INTO `tickets_pairs` (rowid, `pairs`) SELECT `id`, ticket_text_pairs(`number`, `title`, `description`, `location`) FROM `tickets`;

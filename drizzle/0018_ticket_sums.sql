-- Sums of the tickets for the analysis page and the hotspot rules, kept in step by triggers on every
-- insert, change and delete of a ticket (a change takes the old row's share out and puts the new one's
-- in), and filled from the tickets already stored. The conditions are the analysis figures' own:
-- calls offered are the queued calls the hotline did not place and that are no callback's call, dated
-- by their start; answered within 15 s is the answer target of 人工应答及时率 (ANSWER_TARGET_MS); a
-- caller who chose a callback is not abandoned; orders are tickets with a request type; a unit's
-- orders are orders with a main unit. Rated and satisfied read the stored spellings the daily report
-- reads (domain/reports/report-indicators.ts: satisfied, basically-satisfied and basically_satisfied).
-- CASE rather than a comparison's 0/1, so a NULL adds nothing.
CREATE TABLE `ticket_cell_sums` (
	`day` integer NOT NULL,
	`category_code` text NOT NULL,
	`area` text NOT NULL,
	`orders` integer DEFAULT 0 NOT NULL,
	`categorized` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `category_code`, `area`)
);
--> statement-breakpoint
CREATE TABLE `ticket_hour_sums` (
	`day` integer NOT NULL,
	`hour` integer NOT NULL,
	`calls` integer DEFAULT 0 NOT NULL,
	`answered` integer DEFAULT 0 NOT NULL,
	`answered_in_target` integer DEFAULT 0 NOT NULL,
	`abandoned` integer DEFAULT 0 NOT NULL,
	`orders` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `hour`)
);
--> statement-breakpoint
CREATE TABLE `ticket_unit_sums` (
	`day` integer NOT NULL,
	`unit_id` text NOT NULL,
	`orders` integer DEFAULT 0 NOT NULL,
	`replied` integer DEFAULT 0 NOT NULL,
	`on_time` integer DEFAULT 0 NOT NULL,
	`rated` integer DEFAULT 0 NOT NULL,
	`satisfied` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `unit_id`)
);
--> statement-breakpoint
CREATE TRIGGER `ticket_sums_insert` AFTER INSERT ON `tickets` BEGIN
  INSERT INTO `ticket_hour_sums` (`day`, `hour`, `calls`, `answered`, `answered_in_target`, `abandoned`)
  SELECT (new.`call_started_at` + 28800000) / 86400000, ((new.`call_started_at` + 28800000) % 86400000) / 3600000, 1,
    CASE WHEN new.`agent_answered_at` IS NOT NULL THEN 1 ELSE 0 END,
    CASE WHEN new.`agent_answered_at` IS NOT NULL AND new.`wait_ms` <= 15000 THEN 1 ELSE 0 END,
    CASE WHEN new.`agent_answered_at` IS NULL AND new.`ivr_path` NOT LIKE '%"callback-requested"%' THEN 1 ELSE 0 END
  WHERE new.`queue` IS NOT NULL AND new.`dialed_number` <> 'outbound' AND new.`ivr_path` NOT LIKE '%"callback-of"%'
  ON CONFLICT (`day`, `hour`) DO UPDATE SET `calls` = `calls` + excluded.`calls`, `answered` = `answered` + excluded.`answered`, `answered_in_target` = `answered_in_target` + excluded.`answered_in_target`, `abandoned` = `abandoned` + excluded.`abandoned`;
  INSERT INTO `ticket_hour_sums` (`day`, `hour`, `orders`)
  SELECT (new.`created_at` + 28800000) / 86400000, ((new.`created_at` + 28800000) % 86400000) / 3600000, 1
  WHERE new.`request_type` IS NOT NULL
  ON CONFLICT (`day`, `hour`) DO UPDATE SET `orders` = `orders` + excluded.`orders`;
  INSERT INTO `ticket_cell_sums` (`day`, `category_code`, `area`, `orders`, `categorized`)
  SELECT (new.`created_at` + 28800000) / 86400000, coalesce(new.`category_code`, ''), coalesce(new.`area`, ''), CASE WHEN new.`request_type` IS NOT NULL THEN 1 ELSE 0 END, CASE WHEN new.`category_code` IS NOT NULL THEN 1 ELSE 0 END
  WHERE new.`request_type` IS NOT NULL OR new.`category_code` IS NOT NULL
  ON CONFLICT (`day`, `category_code`, `area`) DO UPDATE SET `orders` = `orders` + excluded.`orders`, `categorized` = `categorized` + excluded.`categorized`;
  INSERT INTO `ticket_unit_sums` (`day`, `unit_id`, `orders`, `replied`, `on_time`, `rated`, `satisfied`)
  SELECT (new.`created_at` + 28800000) / 86400000, new.`main_unit`, 1,
    CASE WHEN new.`handled_at` IS NOT NULL THEN 1 ELSE 0 END,
    CASE WHEN new.`handled_at` IS NOT NULL AND new.`reply_by` IS NOT NULL AND new.`handled_at` <= new.`reply_by` THEN 1 ELSE 0 END,
    CASE WHEN new.`satisfaction` IN ('satisfied', 'basically-satisfied', 'basically_satisfied', 'dissatisfied') THEN 1 ELSE 0 END,
    CASE WHEN new.`satisfaction` IN ('satisfied', 'basically-satisfied', 'basically_satisfied') THEN 1 ELSE 0 END
  WHERE new.`request_type` IS NOT NULL AND new.`main_unit` IS NOT NULL
  ON CONFLICT (`day`, `unit_id`) DO UPDATE SET `orders` = `orders` + excluded.`orders`, `replied` = `replied` + excluded.`replied`, `on_time` = `on_time` + excluded.`on_time`, `rated` = `rated` + excluded.`rated`, `satisfied` = `satisfied` + excluded.`satisfied`;
END;
--> statement-breakpoint
CREATE TRIGGER `ticket_sums_update` AFTER UPDATE OF `queue`, `dialed_number`, `ivr_path`, `call_started_at`, `agent_answered_at`, `wait_ms`, `created_at`, `request_type`, `category_code`, `area`, `main_unit`, `handled_at`, `reply_by`, `satisfaction` ON `tickets` BEGIN
  INSERT INTO `ticket_hour_sums` (`day`, `hour`, `calls`, `answered`, `answered_in_target`, `abandoned`)
  SELECT (old.`call_started_at` + 28800000) / 86400000, ((old.`call_started_at` + 28800000) % 86400000) / 3600000, -1,
    CASE WHEN old.`agent_answered_at` IS NOT NULL THEN -1 ELSE 0 END,
    CASE WHEN old.`agent_answered_at` IS NOT NULL AND old.`wait_ms` <= 15000 THEN -1 ELSE 0 END,
    CASE WHEN old.`agent_answered_at` IS NULL AND old.`ivr_path` NOT LIKE '%"callback-requested"%' THEN -1 ELSE 0 END
  WHERE old.`queue` IS NOT NULL AND old.`dialed_number` <> 'outbound' AND old.`ivr_path` NOT LIKE '%"callback-of"%'
  ON CONFLICT (`day`, `hour`) DO UPDATE SET `calls` = `calls` + excluded.`calls`, `answered` = `answered` + excluded.`answered`, `answered_in_target` = `answered_in_target` + excluded.`answered_in_target`, `abandoned` = `abandoned` + excluded.`abandoned`;
  INSERT INTO `ticket_hour_sums` (`day`, `hour`, `orders`)
  SELECT (old.`created_at` + 28800000) / 86400000, ((old.`created_at` + 28800000) % 86400000) / 3600000, -1
  WHERE old.`request_type` IS NOT NULL
  ON CONFLICT (`day`, `hour`) DO UPDATE SET `orders` = `orders` + excluded.`orders`;
  INSERT INTO `ticket_cell_sums` (`day`, `category_code`, `area`, `orders`, `categorized`)
  SELECT (old.`created_at` + 28800000) / 86400000, coalesce(old.`category_code`, ''), coalesce(old.`area`, ''), CASE WHEN old.`request_type` IS NOT NULL THEN -1 ELSE 0 END, CASE WHEN old.`category_code` IS NOT NULL THEN -1 ELSE 0 END
  WHERE old.`request_type` IS NOT NULL OR old.`category_code` IS NOT NULL
  ON CONFLICT (`day`, `category_code`, `area`) DO UPDATE SET `orders` = `orders` + excluded.`orders`, `categorized` = `categorized` + excluded.`categorized`;
  INSERT INTO `ticket_unit_sums` (`day`, `unit_id`, `orders`, `replied`, `on_time`, `rated`, `satisfied`)
  SELECT (old.`created_at` + 28800000) / 86400000, old.`main_unit`, -1,
    CASE WHEN old.`handled_at` IS NOT NULL THEN -1 ELSE 0 END,
    CASE WHEN old.`handled_at` IS NOT NULL AND old.`reply_by` IS NOT NULL AND old.`handled_at` <= old.`reply_by` THEN -1 ELSE 0 END,
    CASE WHEN old.`satisfaction` IN ('satisfied', 'basically-satisfied', 'basically_satisfied', 'dissatisfied') THEN -1 ELSE 0 END,
    CASE WHEN old.`satisfaction` IN ('satisfied', 'basically-satisfied', 'basically_satisfied') THEN -1 ELSE 0 END
  WHERE old.`request_type` IS NOT NULL AND old.`main_unit` IS NOT NULL
  ON CONFLICT (`day`, `unit_id`) DO UPDATE SET `orders` = `orders` + excluded.`orders`, `replied` = `replied` + excluded.`replied`, `on_time` = `on_time` + excluded.`on_time`, `rated` = `rated` + excluded.`rated`, `satisfied` = `satisfied` + excluded.`satisfied`;
  INSERT INTO `ticket_hour_sums` (`day`, `hour`, `calls`, `answered`, `answered_in_target`, `abandoned`)
  SELECT (new.`call_started_at` + 28800000) / 86400000, ((new.`call_started_at` + 28800000) % 86400000) / 3600000, 1,
    CASE WHEN new.`agent_answered_at` IS NOT NULL THEN 1 ELSE 0 END,
    CASE WHEN new.`agent_answered_at` IS NOT NULL AND new.`wait_ms` <= 15000 THEN 1 ELSE 0 END,
    CASE WHEN new.`agent_answered_at` IS NULL AND new.`ivr_path` NOT LIKE '%"callback-requested"%' THEN 1 ELSE 0 END
  WHERE new.`queue` IS NOT NULL AND new.`dialed_number` <> 'outbound' AND new.`ivr_path` NOT LIKE '%"callback-of"%'
  ON CONFLICT (`day`, `hour`) DO UPDATE SET `calls` = `calls` + excluded.`calls`, `answered` = `answered` + excluded.`answered`, `answered_in_target` = `answered_in_target` + excluded.`answered_in_target`, `abandoned` = `abandoned` + excluded.`abandoned`;
  INSERT INTO `ticket_hour_sums` (`day`, `hour`, `orders`)
  SELECT (new.`created_at` + 28800000) / 86400000, ((new.`created_at` + 28800000) % 86400000) / 3600000, 1
  WHERE new.`request_type` IS NOT NULL
  ON CONFLICT (`day`, `hour`) DO UPDATE SET `orders` = `orders` + excluded.`orders`;
  INSERT INTO `ticket_cell_sums` (`day`, `category_code`, `area`, `orders`, `categorized`)
  SELECT (new.`created_at` + 28800000) / 86400000, coalesce(new.`category_code`, ''), coalesce(new.`area`, ''), CASE WHEN new.`request_type` IS NOT NULL THEN 1 ELSE 0 END, CASE WHEN new.`category_code` IS NOT NULL THEN 1 ELSE 0 END
  WHERE new.`request_type` IS NOT NULL OR new.`category_code` IS NOT NULL
  ON CONFLICT (`day`, `category_code`, `area`) DO UPDATE SET `orders` = `orders` + excluded.`orders`, `categorized` = `categorized` + excluded.`categorized`;
  INSERT INTO `ticket_unit_sums` (`day`, `unit_id`, `orders`, `replied`, `on_time`, `rated`, `satisfied`)
  SELECT (new.`created_at` + 28800000) / 86400000, new.`main_unit`, 1,
    CASE WHEN new.`handled_at` IS NOT NULL THEN 1 ELSE 0 END,
    CASE WHEN new.`handled_at` IS NOT NULL AND new.`reply_by` IS NOT NULL AND new.`handled_at` <= new.`reply_by` THEN 1 ELSE 0 END,
    CASE WHEN new.`satisfaction` IN ('satisfied', 'basically-satisfied', 'basically_satisfied', 'dissatisfied') THEN 1 ELSE 0 END,
    CASE WHEN new.`satisfaction` IN ('satisfied', 'basically-satisfied', 'basically_satisfied') THEN 1 ELSE 0 END
  WHERE new.`request_type` IS NOT NULL AND new.`main_unit` IS NOT NULL
  ON CONFLICT (`day`, `unit_id`) DO UPDATE SET `orders` = `orders` + excluded.`orders`, `replied` = `replied` + excluded.`replied`, `on_time` = `on_time` + excluded.`on_time`, `rated` = `rated` + excluded.`rated`, `satisfied` = `satisfied` + excluded.`satisfied`;
END;
--> statement-breakpoint
CREATE TRIGGER `ticket_sums_delete` AFTER DELETE ON `tickets` BEGIN
  INSERT INTO `ticket_hour_sums` (`day`, `hour`, `calls`, `answered`, `answered_in_target`, `abandoned`)
  SELECT (old.`call_started_at` + 28800000) / 86400000, ((old.`call_started_at` + 28800000) % 86400000) / 3600000, -1,
    CASE WHEN old.`agent_answered_at` IS NOT NULL THEN -1 ELSE 0 END,
    CASE WHEN old.`agent_answered_at` IS NOT NULL AND old.`wait_ms` <= 15000 THEN -1 ELSE 0 END,
    CASE WHEN old.`agent_answered_at` IS NULL AND old.`ivr_path` NOT LIKE '%"callback-requested"%' THEN -1 ELSE 0 END
  WHERE old.`queue` IS NOT NULL AND old.`dialed_number` <> 'outbound' AND old.`ivr_path` NOT LIKE '%"callback-of"%'
  ON CONFLICT (`day`, `hour`) DO UPDATE SET `calls` = `calls` + excluded.`calls`, `answered` = `answered` + excluded.`answered`, `answered_in_target` = `answered_in_target` + excluded.`answered_in_target`, `abandoned` = `abandoned` + excluded.`abandoned`;
  INSERT INTO `ticket_hour_sums` (`day`, `hour`, `orders`)
  SELECT (old.`created_at` + 28800000) / 86400000, ((old.`created_at` + 28800000) % 86400000) / 3600000, -1
  WHERE old.`request_type` IS NOT NULL
  ON CONFLICT (`day`, `hour`) DO UPDATE SET `orders` = `orders` + excluded.`orders`;
  INSERT INTO `ticket_cell_sums` (`day`, `category_code`, `area`, `orders`, `categorized`)
  SELECT (old.`created_at` + 28800000) / 86400000, coalesce(old.`category_code`, ''), coalesce(old.`area`, ''), CASE WHEN old.`request_type` IS NOT NULL THEN -1 ELSE 0 END, CASE WHEN old.`category_code` IS NOT NULL THEN -1 ELSE 0 END
  WHERE old.`request_type` IS NOT NULL OR old.`category_code` IS NOT NULL
  ON CONFLICT (`day`, `category_code`, `area`) DO UPDATE SET `orders` = `orders` + excluded.`orders`, `categorized` = `categorized` + excluded.`categorized`;
  INSERT INTO `ticket_unit_sums` (`day`, `unit_id`, `orders`, `replied`, `on_time`, `rated`, `satisfied`)
  SELECT (old.`created_at` + 28800000) / 86400000, old.`main_unit`, -1,
    CASE WHEN old.`handled_at` IS NOT NULL THEN -1 ELSE 0 END,
    CASE WHEN old.`handled_at` IS NOT NULL AND old.`reply_by` IS NOT NULL AND old.`handled_at` <= old.`reply_by` THEN -1 ELSE 0 END,
    CASE WHEN old.`satisfaction` IN ('satisfied', 'basically-satisfied', 'basically_satisfied', 'dissatisfied') THEN -1 ELSE 0 END,
    CASE WHEN old.`satisfaction` IN ('satisfied', 'basically-satisfied', 'basically_satisfied') THEN -1 ELSE 0 END
  WHERE old.`request_type` IS NOT NULL AND old.`main_unit` IS NOT NULL
  ON CONFLICT (`day`, `unit_id`) DO UPDATE SET `orders` = `orders` + excluded.`orders`, `replied` = `replied` + excluded.`replied`, `on_time` = `on_time` + excluded.`on_time`, `rated` = `rated` + excluded.`rated`, `satisfied` = `satisfied` + excluded.`satisfied`;
END;
--> statement-breakpoint
INSERT INTO `ticket_hour_sums` (`day`, `hour`, `calls`, `answered`, `answered_in_target`, `abandoned`)
SELECT (`call_started_at` + 28800000) / 86400000, ((`call_started_at` + 28800000) % 86400000) / 3600000, count(*),
  sum(CASE WHEN `agent_answered_at` IS NOT NULL THEN 1 ELSE 0 END),
  sum(CASE WHEN `agent_answered_at` IS NOT NULL AND `wait_ms` <= 15000 THEN 1 ELSE 0 END),
  sum(CASE WHEN `agent_answered_at` IS NULL AND `ivr_path` NOT LIKE '%"callback-requested"%' THEN 1 ELSE 0 END)
FROM `tickets` WHERE `queue` IS NOT NULL AND `dialed_number` <> 'outbound' AND `ivr_path` NOT LIKE '%"callback-of"%'
GROUP BY 1, 2;
--> statement-breakpoint
INSERT INTO `ticket_hour_sums` (`day`, `hour`, `orders`)
SELECT (`created_at` + 28800000) / 86400000, ((`created_at` + 28800000) % 86400000) / 3600000, count(*)
FROM `tickets` WHERE `request_type` IS NOT NULL
GROUP BY 1, 2
ON CONFLICT (`day`, `hour`) DO UPDATE SET `orders` = excluded.`orders`;
--> statement-breakpoint
INSERT INTO `ticket_cell_sums` (`day`, `category_code`, `area`, `orders`, `categorized`)
SELECT (`created_at` + 28800000) / 86400000, coalesce(`category_code`, ''), coalesce(`area`, ''),
  sum(CASE WHEN `request_type` IS NOT NULL THEN 1 ELSE 0 END), sum(CASE WHEN `category_code` IS NOT NULL THEN 1 ELSE 0 END)
FROM `tickets` WHERE `request_type` IS NOT NULL OR `category_code` IS NOT NULL
GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO `ticket_unit_sums` (`day`, `unit_id`, `orders`, `replied`, `on_time`, `rated`, `satisfied`)
SELECT (`created_at` + 28800000) / 86400000, `main_unit`, count(*),
  sum(CASE WHEN `handled_at` IS NOT NULL THEN 1 ELSE 0 END),
  sum(CASE WHEN `handled_at` IS NOT NULL AND `reply_by` IS NOT NULL AND `handled_at` <= `reply_by` THEN 1 ELSE 0 END),
  sum(CASE WHEN `satisfaction` IN ('satisfied', 'basically-satisfied', 'basically_satisfied', 'dissatisfied') THEN 1 ELSE 0 END),
  sum(CASE WHEN `satisfaction` IN ('satisfied', 'basically-satisfied', 'basically_satisfied') THEN 1 ELSE 0 END)
FROM `tickets` WHERE `request_type` IS NOT NULL AND `main_unit` IS NOT NULL
GROUP BY 1, 2;

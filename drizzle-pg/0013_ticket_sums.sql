-- Sums of the tickets for the analysis page and the hotspot rules, kept in step by one trigger function on every
-- insert, change and delete of a ticket (a change takes the old row's share out and puts the new one's
-- in), and filled from the tickets already stored. The conditions are the analysis figures' own:
-- calls offered are the queued calls the hotline did not place and that are no callback's call, dated
-- by their start; answered within 15 s is the answer target of 人工应答及时率 (ANSWER_TARGET_MS); a
-- caller who chose a callback is not abandoned; orders are tickets with a request type; a unit's
-- orders are orders with a main unit. Rated and satisfied read the stored spellings the daily report
-- reads (domain/reports/report-indicators.ts: satisfied, basically-satisfied and basically_satisfied).
-- CASE, so a NULL adds nothing;
-- the IVR path is jsonb, whose text form keeps each outcome's quoted word.
CREATE TABLE "ticket_cell_sums" (
	"day" integer NOT NULL,
	"category_code" text NOT NULL,
	"area" text NOT NULL,
	"orders" integer DEFAULT 0 NOT NULL,
	"categorized" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "ticket_cell_sums_day_category_code_area_pk" PRIMARY KEY("day","category_code","area")
);
--> statement-breakpoint
CREATE TABLE "ticket_hour_sums" (
	"day" integer NOT NULL,
	"hour" integer NOT NULL,
	"calls" integer DEFAULT 0 NOT NULL,
	"answered" integer DEFAULT 0 NOT NULL,
	"answered_in_target" integer DEFAULT 0 NOT NULL,
	"abandoned" integer DEFAULT 0 NOT NULL,
	"orders" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "ticket_hour_sums_day_hour_pk" PRIMARY KEY("day","hour")
);
--> statement-breakpoint
CREATE TABLE "ticket_unit_sums" (
	"day" integer NOT NULL,
	"unit_id" text NOT NULL,
	"orders" integer DEFAULT 0 NOT NULL,
	"replied" integer DEFAULT 0 NOT NULL,
	"on_time" integer DEFAULT 0 NOT NULL,
	"rated" integer DEFAULT 0 NOT NULL,
	"satisfied" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "ticket_unit_sums_day_unit_id_pk" PRIMARY KEY("day","unit_id")
);
--> statement-breakpoint
CREATE FUNCTION ticket_sums_add(t tickets, s integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ticket_hour_sums" ("day", "hour", "calls", "answered", "answered_in_target", "abandoned")
  SELECT (t."call_started_at" + 28800000) / 86400000, ((t."call_started_at" + 28800000) % 86400000) / 3600000, s,
    CASE WHEN t."agent_answered_at" IS NOT NULL THEN s ELSE 0 END,
    CASE WHEN t."agent_answered_at" IS NOT NULL AND t."wait_ms" <= 15000 THEN s ELSE 0 END,
    CASE WHEN t."agent_answered_at" IS NULL AND t."ivr_path"::text NOT LIKE '%"callback-requested"%' THEN s ELSE 0 END
  WHERE t."queue" IS NOT NULL AND t."dialed_number" <> 'outbound' AND t."ivr_path"::text NOT LIKE '%"callback-of"%'
  ON CONFLICT ("day", "hour") DO UPDATE SET "calls" = "ticket_hour_sums"."calls" + EXCLUDED."calls", "answered" = "ticket_hour_sums"."answered" + EXCLUDED."answered", "answered_in_target" = "ticket_hour_sums"."answered_in_target" + EXCLUDED."answered_in_target", "abandoned" = "ticket_hour_sums"."abandoned" + EXCLUDED."abandoned";
  INSERT INTO "ticket_hour_sums" ("day", "hour", "orders")
  SELECT (t."created_at" + 28800000) / 86400000, ((t."created_at" + 28800000) % 86400000) / 3600000, s
  WHERE t."request_type" IS NOT NULL
  ON CONFLICT ("day", "hour") DO UPDATE SET "orders" = "ticket_hour_sums"."orders" + EXCLUDED."orders";
  INSERT INTO "ticket_cell_sums" ("day", "category_code", "area", "orders", "categorized")
  SELECT (t."created_at" + 28800000) / 86400000, coalesce(t."category_code", ''), coalesce(t."area", ''), CASE WHEN t."request_type" IS NOT NULL THEN s ELSE 0 END, CASE WHEN t."category_code" IS NOT NULL THEN s ELSE 0 END
  WHERE t."request_type" IS NOT NULL OR t."category_code" IS NOT NULL
  ON CONFLICT ("day", "category_code", "area") DO UPDATE SET "orders" = "ticket_cell_sums"."orders" + EXCLUDED."orders", "categorized" = "ticket_cell_sums"."categorized" + EXCLUDED."categorized";
  INSERT INTO "ticket_unit_sums" ("day", "unit_id", "orders", "replied", "on_time", "rated", "satisfied")
  SELECT (t."created_at" + 28800000) / 86400000, t."main_unit", s,
    CASE WHEN t."handled_at" IS NOT NULL THEN s ELSE 0 END,
    CASE WHEN t."handled_at" IS NOT NULL AND t."reply_by" IS NOT NULL AND t."handled_at" <= t."reply_by" THEN s ELSE 0 END,
    CASE WHEN t."satisfaction" IN ('satisfied', 'basically-satisfied', 'basically_satisfied', 'dissatisfied') THEN s ELSE 0 END,
    CASE WHEN t."satisfaction" IN ('satisfied', 'basically-satisfied', 'basically_satisfied') THEN s ELSE 0 END
  WHERE t."request_type" IS NOT NULL AND t."main_unit" IS NOT NULL
  ON CONFLICT ("day", "unit_id") DO UPDATE SET "orders" = "ticket_unit_sums"."orders" + EXCLUDED."orders", "replied" = "ticket_unit_sums"."replied" + EXCLUDED."replied", "on_time" = "ticket_unit_sums"."on_time" + EXCLUDED."on_time", "rated" = "ticket_unit_sums"."rated" + EXCLUDED."rated", "satisfied" = "ticket_unit_sums"."satisfied" + EXCLUDED."satisfied";
END;
$$;
--> statement-breakpoint
CREATE FUNCTION ticket_sums_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM ticket_sums_add(OLD, -1); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM ticket_sums_add(NEW, 1); END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ticket_sums_insert_delete AFTER INSERT OR DELETE ON "tickets" FOR EACH ROW EXECUTE FUNCTION ticket_sums_follow();
--> statement-breakpoint
CREATE TRIGGER ticket_sums_update AFTER UPDATE OF "queue", "dialed_number", "ivr_path", "call_started_at", "agent_answered_at", "wait_ms", "created_at", "request_type", "category_code", "area", "main_unit", "handled_at", "reply_by", "satisfaction" ON "tickets" FOR EACH ROW
  WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION ticket_sums_follow();
--> statement-breakpoint
INSERT INTO "ticket_hour_sums" ("day", "hour", "calls", "answered", "answered_in_target", "abandoned")
SELECT ("call_started_at" + 28800000) / 86400000, (("call_started_at" + 28800000) % 86400000) / 3600000, count(*),
  sum(CASE WHEN "agent_answered_at" IS NOT NULL THEN 1 ELSE 0 END),
  sum(CASE WHEN "agent_answered_at" IS NOT NULL AND "wait_ms" <= 15000 THEN 1 ELSE 0 END),
  sum(CASE WHEN "agent_answered_at" IS NULL AND "ivr_path"::text NOT LIKE '%"callback-requested"%' THEN 1 ELSE 0 END)
FROM "tickets" WHERE "queue" IS NOT NULL AND "dialed_number" <> 'outbound' AND "ivr_path"::text NOT LIKE '%"callback-of"%'
GROUP BY 1, 2;
--> statement-breakpoint
INSERT INTO "ticket_hour_sums" ("day", "hour", "orders")
SELECT ("created_at" + 28800000) / 86400000, (("created_at" + 28800000) % 86400000) / 3600000, count(*)
FROM "tickets" WHERE "request_type" IS NOT NULL
GROUP BY 1, 2
ON CONFLICT ("day", "hour") DO UPDATE SET "orders" = EXCLUDED."orders";
--> statement-breakpoint
INSERT INTO "ticket_cell_sums" ("day", "category_code", "area", "orders", "categorized")
SELECT ("created_at" + 28800000) / 86400000, coalesce("category_code", ''), coalesce("area", ''),
  sum(CASE WHEN "request_type" IS NOT NULL THEN 1 ELSE 0 END), sum(CASE WHEN "category_code" IS NOT NULL THEN 1 ELSE 0 END)
FROM "tickets" WHERE "request_type" IS NOT NULL OR "category_code" IS NOT NULL
GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO "ticket_unit_sums" ("day", "unit_id", "orders", "replied", "on_time", "rated", "satisfied")
SELECT ("created_at" + 28800000) / 86400000, "main_unit", count(*),
  sum(CASE WHEN "handled_at" IS NOT NULL THEN 1 ELSE 0 END),
  sum(CASE WHEN "handled_at" IS NOT NULL AND "reply_by" IS NOT NULL AND "handled_at" <= "reply_by" THEN 1 ELSE 0 END),
  sum(CASE WHEN "satisfaction" IN ('satisfied', 'basically-satisfied', 'basically_satisfied', 'dissatisfied') THEN 1 ELSE 0 END),
  sum(CASE WHEN "satisfaction" IN ('satisfied', 'basically-satisfied', 'basically_satisfied') THEN 1 ELSE 0 END)
FROM "tickets" WHERE "request_type" IS NOT NULL AND "main_unit" IS NOT NULL
GROUP BY 1, 2;

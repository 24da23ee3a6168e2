CREATE TABLE "call_attempts" (
	"channel_id" text PRIMARY KEY NOT NULL,
	"task_id" text NOT NULL,
	"attempt" integer NOT NULL,
	"number" text NOT NULL,
	"trunk" text NOT NULL,
	"owner" text NOT NULL,
	"status" text NOT NULL,
	"cause" text,
	"hangup_cause" integer,
	"variables" jsonb,
	"started_at" bigint NOT NULL,
	"ended_at" bigint
);
--> statement-breakpoint
CREATE TABLE "call_tasks" (
	"id" text PRIMARY KEY NOT NULL,
	"purpose" text NOT NULL,
	"number" text NOT NULL,
	"trunk" text NOT NULL,
	"flow_id" text NOT NULL,
	"variables" jsonb NOT NULL,
	"not_before" bigint NOT NULL,
	"not_after" bigint,
	"calling_window" text NOT NULL,
	"retry_policy" jsonb NOT NULL,
	"status" text NOT NULL,
	"due_at" bigint,
	"attempts" integer NOT NULL,
	"failures" jsonb NOT NULL,
	"channel_id" text,
	"since" bigint,
	"last_cause" text,
	"outcome" jsonb,
	"lease_owner" text,
	"lease_until" bigint,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "call_attempts" ADD CONSTRAINT "call_attempts_task_id_call_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."call_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "call_attempts_task_attempt_idx" ON "call_attempts" USING btree ("task_id","attempt");--> statement-breakpoint
CREATE INDEX "call_attempts_status_idx" ON "call_attempts" USING btree ("status");--> statement-breakpoint
CREATE INDEX "call_tasks_status_due_idx" ON "call_tasks" USING btree ("status","due_at");
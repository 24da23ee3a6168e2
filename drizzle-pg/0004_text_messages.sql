CREATE TABLE "text_messages" (
	"id" text PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"template_id" text NOT NULL,
	"recipient" text NOT NULL,
	"params" jsonb NOT NULL,
	"text" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" bigint,
	"gateway" text,
	"provider_id" text,
	"failure_code" text,
	"failure_reason" text,
	"created_at" bigint NOT NULL,
	"submitted_at" bigint,
	"settled_at" bigint
);
--> statement-breakpoint
CREATE UNIQUE INDEX "text_messages_key_idx" ON "text_messages" USING btree ("key");--> statement-breakpoint
CREATE INDEX "text_messages_provider_idx" ON "text_messages" USING btree ("gateway","provider_id");--> statement-breakpoint
CREATE INDEX "text_messages_status_idx" ON "text_messages" USING btree ("status","created_at");
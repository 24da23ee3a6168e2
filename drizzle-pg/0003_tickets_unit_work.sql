ALTER TABLE "tickets" ADD COLUMN "signed_by" text;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "signed_via" text;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "unit_request" jsonb;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "unit_request_state" text;--> statement-breakpoint
CREATE INDEX "tickets_unit_request_idx" ON "tickets" USING btree ("unit_request_state","created_at");
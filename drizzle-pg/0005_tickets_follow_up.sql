ALTER TABLE "tickets" ADD COLUMN "return_visit_declined" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "rated_at" bigint;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "follow_up_check_at" bigint;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "manual_visit_at" bigint;--> statement-breakpoint
CREATE INDEX "tickets_follow_up_check_idx" ON "tickets" USING btree ("follow_up_check_at");--> statement-breakpoint
CREATE INDEX "tickets_manual_visit_idx" ON "tickets" USING btree ("manual_visit_at");
DROP INDEX "calls_state_idx";--> statement-breakpoint
ALTER TABLE "calls" ADD COLUMN "pbx" text;--> statement-breakpoint
CREATE INDEX "calls_state_pbx_idx" ON "calls" USING btree ("state","pbx");
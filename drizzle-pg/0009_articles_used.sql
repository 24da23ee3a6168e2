ALTER TABLE "call_drafts" ADD COLUMN "articles_used" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "articles_used" jsonb DEFAULT '[]'::jsonb NOT NULL;
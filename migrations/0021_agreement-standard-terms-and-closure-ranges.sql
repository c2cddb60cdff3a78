ALTER TABLE "alliances" ADD COLUMN "standard_terms" jsonb;--> statement-breakpoint
ALTER TABLE "closure_dates" ADD COLUMN "last_date" date;--> statement-breakpoint
ALTER TABLE "agreement_versions" ADD COLUMN "standard_terms" jsonb;--> statement-breakpoint
ALTER TABLE "closure_dates" ADD CONSTRAINT "closure_dates_range" CHECK ("closure_dates"."last_date" is null or "closure_dates"."last_date" > "closure_dates"."date");
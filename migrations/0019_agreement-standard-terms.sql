ALTER TABLE "alliances" ADD COLUMN "standard_terms" jsonb;--> statement-breakpoint
ALTER TABLE "agreement_versions" ADD COLUMN "standard_terms" jsonb;
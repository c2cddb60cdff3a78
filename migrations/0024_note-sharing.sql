ALTER TABLE "agreement_reviews" ADD COLUMN "shared_with" text DEFAULT 'everyone' NOT NULL;--> statement-breakpoint
ALTER TABLE "delivery_logs" ADD COLUMN "shared_with" text DEFAULT 'everyone' NOT NULL;--> statement-breakpoint
ALTER TABLE "agreement_reviews" ADD CONSTRAINT "agreement_reviews_shared_with" CHECK ("agreement_reviews"."shared_with" in ('alliance', 'alliance-and-leader', 'everyone'));--> statement-breakpoint
ALTER TABLE "delivery_logs" ADD CONSTRAINT "delivery_logs_shared_with" CHECK ("delivery_logs"."shared_with" in ('alliance', 'alliance-and-leader', 'everyone'));
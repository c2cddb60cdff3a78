ALTER TABLE "alliances" ADD COLUMN "escalate_after_working_days" integer DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE "enquiries" ADD COLUMN "first_contact_recorded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "enquiries" ADD COLUMN "first_contact_late_reason" text;--> statement-breakpoint
ALTER TABLE "enquiries" ADD COLUMN "escalated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "alliances" ADD CONSTRAINT "alliances_escalate_after" CHECK ("alliances"."escalate_after_working_days" between 1 and 30);
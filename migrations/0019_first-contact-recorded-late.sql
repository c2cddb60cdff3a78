ALTER TABLE "enquiries" ADD COLUMN "first_contact_recorded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "enquiries" ADD COLUMN "first_contact_late_reason" text;
ALTER TABLE "enquiries" ADD COLUMN "submission_token" text;--> statement-breakpoint
ALTER TABLE "enquiries" ADD CONSTRAINT "enquiries_submissionToken_unique" UNIQUE("submission_token");
ALTER TABLE "schools" ADD COLUMN "location_source" text;--> statement-breakpoint
ALTER TABLE "schools" ADD COLUMN "close_date" date;--> statement-breakpoint
CREATE INDEX "schools_location" ON "schools" USING btree ("latitude","longitude");
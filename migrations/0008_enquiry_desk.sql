CREATE TABLE "enquiry_events" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "enquiry_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"enquiry_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_user_id" integer,
	"from_status" text,
	"to_status" text NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "enquiry_notes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "enquiry_notes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"enquiry_id" integer NOT NULL,
	"author_user_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"body" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_runs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "job_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"job" text NOT NULL,
	"alliance_id" integer NOT NULL,
	"run_key" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"outcome" jsonb
);
--> statement-breakpoint
DROP INDEX "enquiries_school";--> statement-breakpoint
ALTER TABLE "enquiries" ADD COLUMN "status_changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "enquiries" ADD COLUMN "coordinator_user_id" integer;--> statement-breakpoint
ALTER TABLE "enquiries" ADD COLUMN "priority_reasons" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "enquiries" ADD COLUMN "first_contact_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "enquiries" ADD COLUMN "first_contact_method" text;--> statement-breakpoint
ALTER TABLE "enquiries" ADD COLUMN "first_contact_by_user_id" integer;--> statement-breakpoint
ALTER TABLE "enquiries" ADD COLUMN "first_contact_notes" text;--> statement-breakpoint
ALTER TABLE "enquiries" ADD COLUMN "responded_on_time" boolean;--> statement-breakpoint
ALTER TABLE "enquiry_events" ADD CONSTRAINT "enquiry_events_enquiry_id_enquiries_id_fk" FOREIGN KEY ("enquiry_id") REFERENCES "public"."enquiries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enquiry_events" ADD CONSTRAINT "enquiry_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enquiry_notes" ADD CONSTRAINT "enquiry_notes_enquiry_id_enquiries_id_fk" FOREIGN KEY ("enquiry_id") REFERENCES "public"."enquiries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enquiry_notes" ADD CONSTRAINT "enquiry_notes_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_runs" ADD CONSTRAINT "job_runs_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "enquiry_events_enquiry" ON "enquiry_events" USING btree ("enquiry_id","at");--> statement-breakpoint
CREATE INDEX "enquiry_notes_enquiry" ON "enquiry_notes" USING btree ("enquiry_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "job_runs_once" ON "job_runs" USING btree ("job","alliance_id","run_key");--> statement-breakpoint
ALTER TABLE "enquiries" ADD CONSTRAINT "enquiries_coordinator_user_id_users_id_fk" FOREIGN KEY ("coordinator_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enquiries" ADD CONSTRAINT "enquiries_first_contact_by_user_id_users_id_fk" FOREIGN KEY ("first_contact_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "enquiries_open_due" ON "enquiries" USING btree ("alliance_id","respond_by","received_at") WHERE "enquiries"."status" in ('new', 'contacted', 'matching', 'proposed');--> statement-breakpoint
CREATE INDEX "enquiries_alliance_status_due" ON "enquiries" USING btree ("alliance_id","status","respond_by");--> statement-breakpoint
CREATE INDEX "enquiries_coordinator_due" ON "enquiries" USING btree ("coordinator_user_id","respond_by");--> statement-breakpoint
CREATE INDEX "enquiries_alliance_received" ON "enquiries" USING btree ("alliance_id","received_at");--> statement-breakpoint
CREATE INDEX "enquiry_specialisms_specialism" ON "enquiry_specialisms" USING btree ("specialism_id","enquiry_id");--> statement-breakpoint
CREATE INDEX "enquiries_school" ON "enquiries" USING btree ("school_urn","received_at");--> statement-breakpoint
ALTER TABLE "enquiries" ADD CONSTRAINT "enquiries_status" CHECK ("enquiries"."status" in ('new', 'contacted', 'matching', 'proposed', 'agreed', 'declined-by-school', 'withdrawn', 'closed-no-match'));--> statement-breakpoint
ALTER TABLE "enquiries" ADD CONSTRAINT "enquiries_priority_reasons" CHECK ("enquiries"."priority_reasons" <@ array['below-expected-standards', 'vulnerable', 'new-headteacher']::text[]);--> statement-breakpoint
ALTER TABLE "enquiries" ADD CONSTRAINT "enquiries_first_contact_method" CHECK ("enquiries"."first_contact_method" in ('telephone', 'email', 'meeting', 'other'));--> statement-breakpoint
-- Enquiries received before the desk existed start with the event of their arrival, as new ones do.
INSERT INTO "enquiry_events" ("enquiry_id", "at", "actor_user_id", "from_status", "to_status") SELECT "id", "received_at", NULL, NULL, "status" FROM "enquiries";--> statement-breakpoint
UPDATE "enquiries" SET "status_changed_at" = "received_at" WHERE "status_changed_at" IS NULL;

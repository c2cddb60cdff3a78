CREATE TABLE "designations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "designations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"leader_id" integer NOT NULL,
	"type" text NOT NULL,
	"status" text NOT NULL,
	"start_date" date NOT NULL,
	"review_date" date
);
--> statement-breakpoint
CREATE TABLE "directory_entries" (
	"leader_id" integer PRIMARY KEY NOT NULL,
	"alliance_id" integer NOT NULL,
	"name" text NOT NULL,
	"types" text[] NOT NULL,
	"specialism_ids" integer[] NOT NULL,
	"phases" text[] NOT NULL,
	"home_school_urn" integer NOT NULL,
	"home_school_name" text NOT NULL,
	"home_school_town" text,
	"unit_x" double precision,
	"unit_y" double precision,
	"unit_z" double precision,
	"search_document" "tsvector" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leader_specialisms" (
	"leader_id" integer NOT NULL,
	"specialism_id" integer NOT NULL,
	CONSTRAINT "leader_specialisms_leader_id_specialism_id_pk" PRIMARY KEY("leader_id","specialism_id")
);
--> statement-breakpoint
CREATE TABLE "leaders" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "leaders_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"alliance_id" integer NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"job_title" text,
	"home_school_urn" integer NOT NULL,
	"profile" text DEFAULT '' NOT NULL,
	"phases" text[] DEFAULT '{}' NOT NULL,
	"listed" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "enquiries" ADD COLUMN "requested_leader_id" integer;--> statement-breakpoint
ALTER TABLE "designations" ADD CONSTRAINT "designations_leader_id_leaders_id_fk" FOREIGN KEY ("leader_id") REFERENCES "public"."leaders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_entries" ADD CONSTRAINT "directory_entries_leader_id_leaders_id_fk" FOREIGN KEY ("leader_id") REFERENCES "public"."leaders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_entries" ADD CONSTRAINT "directory_entries_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leader_specialisms" ADD CONSTRAINT "leader_specialisms_leader_id_leaders_id_fk" FOREIGN KEY ("leader_id") REFERENCES "public"."leaders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leader_specialisms" ADD CONSTRAINT "leader_specialisms_specialism_id_specialisms_id_fk" FOREIGN KEY ("specialism_id") REFERENCES "public"."specialisms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leaders" ADD CONSTRAINT "leaders_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leaders" ADD CONSTRAINT "leaders_home_school_urn_schools_urn_fk" FOREIGN KEY ("home_school_urn") REFERENCES "public"."schools"("urn") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "designations_leader_type" ON "designations" USING btree ("leader_id","type");--> statement-breakpoint
CREATE INDEX "designations_type_status" ON "designations" USING btree ("type","status");--> statement-breakpoint
CREATE INDEX "directory_entries_alliance_name" ON "directory_entries" USING btree ("alliance_id","name");--> statement-breakpoint
CREATE INDEX "directory_entries_home_school" ON "directory_entries" USING btree ("home_school_urn");--> statement-breakpoint
CREATE INDEX "directory_entries_search" ON "directory_entries" USING gin ("search_document");--> statement-breakpoint
CREATE INDEX "leader_specialisms_specialism" ON "leader_specialisms" USING btree ("specialism_id","leader_id");--> statement-breakpoint
CREATE UNIQUE INDEX "leaders_alliance_email" ON "leaders" USING btree ("alliance_id",lower("email"));--> statement-breakpoint
CREATE INDEX "leaders_home_school" ON "leaders" USING btree ("home_school_urn");--> statement-breakpoint
ALTER TABLE "enquiries" ADD CONSTRAINT "enquiries_requested_leader_id_leaders_id_fk" FOREIGN KEY ("requested_leader_id") REFERENCES "public"."leaders"("id") ON DELETE no action ON UPDATE no action;
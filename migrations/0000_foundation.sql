CREATE TABLE "alliances" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "alliances_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"address_lines" text[] NOT NULL,
	"telephone" text NOT NULL,
	"email" text NOT NULL,
	"website" text NOT NULL,
	"lead_school_urn" integer,
	"response_working_days" integer DEFAULT 2 NOT NULL,
	"cut_off_time" text DEFAULT '17:00' NOT NULL,
	"typical_sle_days_per_year" integer DEFAULT 15 NOT NULL,
	"minimum_deployment_half_days" integer DEFAULT 2 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alliances_slug_unique" UNIQUE("slug"),
	CONSTRAINT "alliances_response_working_days" CHECK ("alliances"."response_working_days" between 0 and 30),
	CONSTRAINT "alliances_cut_off_time" CHECK ("alliances"."cut_off_time" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
	CONSTRAINT "alliances_typical_sle_days" CHECK ("alliances"."typical_sle_days_per_year" between 0 and 200),
	CONSTRAINT "alliances_minimum_deployment" CHECK ("alliances"."minimum_deployment_half_days" between 1 and 400)
);
--> statement-breakpoint
CREATE TABLE "closure_dates" (
	"alliance_id" integer NOT NULL,
	"date" date NOT NULL,
	"description" text NOT NULL,
	CONSTRAINT "closure_dates_alliance_id_date_pk" PRIMARY KEY("alliance_id","date")
);
--> statement-breakpoint
CREATE TABLE "enquiries" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "enquiries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"alliance_id" integer NOT NULL,
	"reference" text NOT NULL,
	"school_urn" integer NOT NULL,
	"contact_name" text NOT NULL,
	"contact_role" text NOT NULL,
	"contact_email" text NOT NULL,
	"contact_phone" text NOT NULL,
	"support_type" text NOT NULL,
	"need" text NOT NULL,
	"timescale" text NOT NULL,
	"heard_from" text,
	"channel" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"respond_by" date NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	CONSTRAINT "enquiries_reference_unique" UNIQUE("reference")
);
--> statement-breakpoint
CREATE TABLE "enquiry_specialisms" (
	"enquiry_id" integer NOT NULL,
	"specialism_id" integer NOT NULL,
	CONSTRAINT "enquiry_specialisms_enquiry_id_specialism_id_pk" PRIMARY KEY("enquiry_id","specialism_id")
);
--> statement-breakpoint
CREATE TABLE "outbox_messages" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "outbox_messages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"dedupe_key" text,
	"recipient" text NOT NULL,
	"reply_to" text,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_until" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "outbox_messages_dedupeKey_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "schools" (
	"urn" integer PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"phase" text,
	"type_of_establishment" text,
	"local_authority_code" text,
	"local_authority_name" text,
	"postcode" text,
	"town" text,
	"easting" integer,
	"northing" integer,
	"latitude" double precision,
	"longitude" double precision,
	"local_authority_district_code" text,
	"status" text DEFAULT 'open' NOT NULL,
	"gender" text,
	"open_date" date,
	"trust_name" text,
	"trust_reference" text,
	"ofsted_rating" text,
	"number_of_pupils" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "specialisms" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "specialisms_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"alliance_id" integer NOT NULL,
	"name" text NOT NULL,
	"group_name" text NOT NULL,
	"retired" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE "closure_dates" ADD CONSTRAINT "closure_dates_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enquiries" ADD CONSTRAINT "enquiries_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enquiries" ADD CONSTRAINT "enquiries_school_urn_schools_urn_fk" FOREIGN KEY ("school_urn") REFERENCES "public"."schools"("urn") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enquiry_specialisms" ADD CONSTRAINT "enquiry_specialisms_enquiry_id_enquiries_id_fk" FOREIGN KEY ("enquiry_id") REFERENCES "public"."enquiries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enquiry_specialisms" ADD CONSTRAINT "enquiry_specialisms_specialism_id_specialisms_id_fk" FOREIGN KEY ("specialism_id") REFERENCES "public"."specialisms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "specialisms" ADD CONSTRAINT "specialisms_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "enquiries_alliance_respond_by" ON "enquiries" USING btree ("alliance_id","respond_by");--> statement-breakpoint
CREATE INDEX "enquiries_school" ON "enquiries" USING btree ("school_urn");--> statement-breakpoint
CREATE INDEX "outbox_messages_due" ON "outbox_messages" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "schools_name_lower" ON "schools" USING btree (lower("name") text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "specialisms_alliance_name" ON "specialisms" USING btree ("alliance_id",lower("name"));
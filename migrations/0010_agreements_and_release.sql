CREATE TABLE "agreement_objectives" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "agreement_objectives_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"version_id" integer NOT NULL,
	"position" integer NOT NULL,
	"objective" text NOT NULL,
	"baseline" text NOT NULL,
	"success_measure" text NOT NULL,
	"outcome" text
);
--> statement-breakpoint
CREATE TABLE "agreement_signatures" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "agreement_signatures_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"version_id" integer NOT NULL,
	"party" text NOT NULL,
	"signatory_name" text NOT NULL,
	"signatory_role" text NOT NULL,
	"capacity" text NOT NULL,
	"head_name" text,
	"method" text NOT NULL,
	"user_id" integer NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "agreement_signatures_delegate" CHECK (("agreement_signatures"."capacity" = 'delegate') = ("agreement_signatures"."head_name" is not null)),
	CONSTRAINT "agreement_signatures_alliance" CHECK (("agreement_signatures"."party" = 'alliance') = ("agreement_signatures"."capacity" = 'alliance')),
	CONSTRAINT "agreement_signatures_witnessed" CHECK ("agreement_signatures"."method" = 'in-service' or "agreement_signatures"."party" <> 'alliance')
);
--> statement-breakpoint
CREATE TABLE "agreement_versions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "agreement_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"agreement_id" integer NOT NULL,
	"number" integer NOT NULL,
	"variation_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"created_by_user_id" integer,
	"locked_at" timestamp with time zone,
	CONSTRAINT "agreement_versions_number_positive" CHECK ("agreement_versions"."number" >= 1),
	CONSTRAINT "agreement_versions_variation_reason" CHECK (("agreement_versions"."number" = 1) = ("agreement_versions"."variation_reason" is null))
);
--> statement-breakpoint
CREATE TABLE "agreements" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "agreements_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"alliance_id" integer NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"enquiry_id" integer,
	"supported_school_urn" integer NOT NULL,
	"leader_id" integer NOT NULL,
	"home_school_urn" integer NOT NULL,
	"current_version_id" integer,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"created_by_user_id" integer,
	CONSTRAINT "agreements_withdrawn" CHECK (("agreements"."status" = 'withdrawn') = ("agreements"."withdrawn_at" is not null and "agreements"."withdrawn_reason" is not null))
);
--> statement-breakpoint
CREATE TABLE "deployment_terms" (
	"version_id" integer PRIMARY KEY NOT NULL,
	"focus_specialism_id" integer NOT NULL,
	"half_days" integer NOT NULL,
	"visit_pattern" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"funding_type" text NOT NULL,
	"fee_pence" integer,
	"exchange_description" text,
	"exchange_half_days" integer,
	CONSTRAINT "deployment_terms_half_days" CHECK ("deployment_terms"."half_days" > 0),
	CONSTRAINT "deployment_terms_dates" CHECK ("deployment_terms"."end_date" > "deployment_terms"."start_date"),
	CONSTRAINT "deployment_terms_funding" CHECK (case "deployment_terms"."funding_type"
        when 'fee' then "deployment_terms"."fee_pence" > 0 and "deployment_terms"."exchange_description" is null and "deployment_terms"."exchange_half_days" is null
        when 'exchange' then "deployment_terms"."fee_pence" is null and "deployment_terms"."exchange_description" is not null and "deployment_terms"."exchange_half_days" > 0
        else "deployment_terms"."fee_pence" is null and "deployment_terms"."exchange_description" is null and "deployment_terms"."exchange_half_days" is null end)
);
--> statement-breakpoint
CREATE TABLE "placement_pairings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "placement_pairings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"version_id" integer NOT NULL,
	"position" integer NOT NULL,
	"leader_school_role" text NOT NULL,
	"leader_school_name" text,
	"supported_school_role" text NOT NULL,
	"supported_school_name" text,
	"specialism_id" integer NOT NULL,
	"half_days" integer NOT NULL,
	CONSTRAINT "placement_pairings_half_days" CHECK ("placement_pairings"."half_days" > 0)
);
--> statement-breakpoint
CREATE TABLE "placement_terms" (
	"version_id" integer PRIMARY KEY NOT NULL,
	"commissioning_body" text NOT NULL,
	"commissioning_body_name" text NOT NULL,
	"supported_head_name" text NOT NULL,
	"priority_reasons" text[] NOT NULL,
	"focus" text NOT NULL,
	"intensity_half_days_per_week" integer NOT NULL,
	"intensity_reason" text,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"end_point_reason" text,
	CONSTRAINT "placement_terms_priorities" CHECK (cardinality("placement_terms"."priority_reasons") >= 1),
	CONSTRAINT "placement_terms_dates" CHECK ("placement_terms"."end_date" > "placement_terms"."start_date"),
	CONSTRAINT "placement_terms_intensity" CHECK ("placement_terms"."intensity_half_days_per_week" between 1 and 10),
	CONSTRAINT "placement_terms_intensity_reason" CHECK ("placement_terms"."intensity_half_days_per_week" <= 2 or "placement_terms"."intensity_reason" is not null),
	CONSTRAINT "placement_terms_end_point_reason" CHECK (("placement_terms"."end_date" >= "placement_terms"."start_date" + interval '6 months' and "placement_terms"."end_date" <= "placement_terms"."start_date" + interval '3 years') or "placement_terms"."end_point_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "release_consents" (
	"alliance_id" integer NOT NULL,
	"leader_id" integer NOT NULL,
	"start_year" integer NOT NULL,
	"released_half_days" integer NOT NULL,
	"head_name" text NOT NULL,
	"head_consented_on" date NOT NULL,
	"chair_name" text NOT NULL,
	"chair_consented_on" date NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by_user_id" integer,
	CONSTRAINT "release_consents_leader_id_start_year_pk" PRIMARY KEY("leader_id","start_year"),
	CONSTRAINT "release_consents_half_days" CHECK ("release_consents"."released_half_days" between 0 and 400),
	CONSTRAINT "release_consents_year" CHECK ("release_consents"."start_year" between 2000 and 2100)
);
--> statement-breakpoint
ALTER TABLE "agreement_objectives" ADD CONSTRAINT "agreement_objectives_version_id_agreement_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."agreement_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_signatures" ADD CONSTRAINT "agreement_signatures_version_id_agreement_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."agreement_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_signatures" ADD CONSTRAINT "agreement_signatures_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_versions" ADD CONSTRAINT "agreement_versions_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_versions" ADD CONSTRAINT "agreement_versions_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_enquiry_id_enquiries_id_fk" FOREIGN KEY ("enquiry_id") REFERENCES "public"."enquiries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_supported_school_urn_schools_urn_fk" FOREIGN KEY ("supported_school_urn") REFERENCES "public"."schools"("urn") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_leader_id_leaders_id_fk" FOREIGN KEY ("leader_id") REFERENCES "public"."leaders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_home_school_urn_schools_urn_fk" FOREIGN KEY ("home_school_urn") REFERENCES "public"."schools"("urn") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_current_version_id_agreement_versions_id_fk" FOREIGN KEY ("current_version_id") REFERENCES "public"."agreement_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployment_terms" ADD CONSTRAINT "deployment_terms_version_id_agreement_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."agreement_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployment_terms" ADD CONSTRAINT "deployment_terms_focus_specialism_id_specialisms_id_fk" FOREIGN KEY ("focus_specialism_id") REFERENCES "public"."specialisms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_pairings" ADD CONSTRAINT "placement_pairings_version_id_agreement_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."agreement_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_pairings" ADD CONSTRAINT "placement_pairings_specialism_id_specialisms_id_fk" FOREIGN KEY ("specialism_id") REFERENCES "public"."specialisms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_terms" ADD CONSTRAINT "placement_terms_version_id_agreement_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."agreement_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_consents" ADD CONSTRAINT "release_consents_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_consents" ADD CONSTRAINT "release_consents_leader_id_leaders_id_fk" FOREIGN KEY ("leader_id") REFERENCES "public"."leaders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_consents" ADD CONSTRAINT "release_consents_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agreement_objectives_version" ON "agreement_objectives" USING btree ("version_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_signatures_party" ON "agreement_signatures" USING btree ("version_id","party");--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_versions_number" ON "agreement_versions" USING btree ("agreement_id","number");--> statement-breakpoint
CREATE INDEX "agreements_alliance_status" ON "agreements" USING btree ("alliance_id","status");--> statement-breakpoint
CREATE INDEX "agreements_alliance_leader" ON "agreements" USING btree ("alliance_id","leader_id","kind");--> statement-breakpoint
CREATE INDEX "agreements_supported_school" ON "agreements" USING btree ("supported_school_urn");--> statement-breakpoint
CREATE INDEX "agreements_home_school" ON "agreements" USING btree ("home_school_urn");--> statement-breakpoint
CREATE INDEX "agreements_enquiry" ON "agreements" USING btree ("enquiry_id");--> statement-breakpoint
CREATE INDEX "deployment_terms_start_date" ON "deployment_terms" USING btree ("start_date");--> statement-breakpoint
CREATE INDEX "placement_pairings_version" ON "placement_pairings" USING btree ("version_id","position");--> statement-breakpoint
CREATE INDEX "release_consents_alliance_year" ON "release_consents" USING btree ("alliance_id","start_year","leader_id");
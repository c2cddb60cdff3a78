CREATE TABLE "application_evidence" (
	"application_id" integer NOT NULL,
	"criterion_id" integer NOT NULL,
	"evidence" text NOT NULL,
	CONSTRAINT "application_evidence_application_id_criterion_id_pk" PRIMARY KEY("application_id","criterion_id")
);
--> statement-breakpoint
CREATE TABLE "application_requests" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "application_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"application_id" integer NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"job_title" text DEFAULT '' NOT NULL,
	"organisation" text DEFAULT '' NOT NULL,
	"token_hash" text,
	"token_expires_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"answer_text" text,
	"supports" boolean,
	"release_days" integer,
	"superseded_at" timestamp with time zone,
	"superseded_by_user_id" integer,
	CONSTRAINT "application_requests_tokenHash_unique" UNIQUE("token_hash"),
	CONSTRAINT "application_requests_release_days" CHECK ("application_requests"."release_days" is null or "application_requests"."release_days" between 0 and 200)
);
--> statement-breakpoint
CREATE TABLE "application_specialisms" (
	"application_id" integer NOT NULL,
	"specialism_id" integer NOT NULL,
	CONSTRAINT "application_specialisms_application_id_specialism_id_pk" PRIMARY KEY("application_id","specialism_id")
);
--> statement-breakpoint
CREATE TABLE "applications" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "applications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"alliance_id" integer NOT NULL,
	"reference" text,
	"designation_type" text NOT NULL,
	"round_id" integer,
	"status" text DEFAULT 'started' NOT NULL,
	"applicant_name" text NOT NULL,
	"applicant_email" text NOT NULL,
	"school_urn" integer,
	"job_title" text,
	"role" text,
	"years_in_role" integer,
	"leadership_years" integer,
	"years_staying" integer,
	"governors_support" boolean,
	"senior_staff_cover" boolean,
	"coaching_beyond_school" boolean,
	"phases" text[] DEFAULT '{}' NOT NULL,
	"other_alliance" text,
	"resume_token_hash" text,
	"resume_token_expires_at" timestamp with time zone,
	"leader_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	CONSTRAINT "applications_reference_unique" UNIQUE("reference"),
	CONSTRAINT "applications_resumeTokenHash_unique" UNIQUE("resume_token_hash"),
	CONSTRAINT "applications_years_bounded" CHECK (coalesce("applications"."years_in_role", 0) between 0 and 60 and coalesce("applications"."leadership_years", 0) between 0 and 60
      and coalesce("applications"."years_staying", 0) between 0 and 60),
	CONSTRAINT "applications_sent_has_reference" CHECK ("applications"."status" = 'started' or "applications"."reference" is not null)
);
--> statement-breakpoint
CREATE TABLE "designation_reviews" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "designation_reviews_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"designation_id" integer NOT NULL,
	"reason" text NOT NULL,
	"reason_note" text DEFAULT '' NOT NULL,
	"opened_on" date NOT NULL,
	"due_on" date NOT NULL,
	"opened_by_user_id" integer,
	"evidence_note" text DEFAULT '' NOT NULL,
	"outcome" text,
	"outcome_reason" text DEFAULT '' NOT NULL,
	"closed_on" date,
	"closed_by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appeals" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "appeals_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"decision_id" integer NOT NULL,
	"lodged_on" date NOT NULL,
	"grounds" text NOT NULL,
	"panel_id" integer,
	"outcome" text,
	"outcome_notes" text DEFAULT '' NOT NULL,
	"decided_on" date,
	"recorded_by_user_id" integer,
	CONSTRAINT "appeals_decisionId_unique" UNIQUE("decision_id")
);
--> statement-breakpoint
CREATE TABLE "application_decisions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "application_decisions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"application_id" integer NOT NULL,
	"panel_id" integer NOT NULL,
	"outcome" text NOT NULL,
	"feedback" text DEFAULT '' NOT NULL,
	"decided_on" date NOT NULL,
	"decided_by_user_id" integer NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "panel_applications" (
	"panel_id" integer NOT NULL,
	"application_id" integer NOT NULL,
	CONSTRAINT "panel_applications_panel_id_application_id_pk" PRIMARY KEY("panel_id","application_id")
);
--> statement-breakpoint
CREATE TABLE "panel_declared_conflicts" (
	"panel_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"application_id" integer NOT NULL,
	"reason" text NOT NULL,
	"declared_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "panel_declared_conflicts_panel_id_user_id_application_id_pk" PRIMARY KEY("panel_id","user_id","application_id")
);
--> statement-breakpoint
CREATE TABLE "panel_members" (
	"panel_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"school_urn" integer,
	CONSTRAINT "panel_members_panel_id_user_id_pk" PRIMARY KEY("panel_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "panel_scores" (
	"panel_id" integer NOT NULL,
	"application_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"criterion_id" integer NOT NULL,
	"score" integer NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"scored_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "panel_scores_panel_id_application_id_user_id_criterion_id_pk" PRIMARY KEY("panel_id","application_id","user_id","criterion_id"),
	CONSTRAINT "panel_scores_range" CHECK ("panel_scores"."score" between 1 and 4)
);
--> statement-breakpoint
CREATE TABLE "panels" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "panels_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"alliance_id" integer NOT NULL,
	"meets_on" date NOT NULL,
	"hearing" text DEFAULT 'application' NOT NULL,
	"chair_user_id" integer,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "designations" ADD COLUMN "core_training_on" date;--> statement-breakpoint
ALTER TABLE "designations" ADD COLUMN "core_training_provider" text;--> statement-breakpoint
ALTER TABLE "application_evidence" ADD CONSTRAINT "application_evidence_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_evidence" ADD CONSTRAINT "application_evidence_criterion_id_designation_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."designation_criteria"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_requests" ADD CONSTRAINT "application_requests_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_requests" ADD CONSTRAINT "application_requests_superseded_by_user_id_users_id_fk" FOREIGN KEY ("superseded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_specialisms" ADD CONSTRAINT "application_specialisms_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_specialisms" ADD CONSTRAINT "application_specialisms_specialism_id_specialisms_id_fk" FOREIGN KEY ("specialism_id") REFERENCES "public"."specialisms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_round_id_recruitment_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."recruitment_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_school_urn_schools_urn_fk" FOREIGN KEY ("school_urn") REFERENCES "public"."schools"("urn") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_leader_id_leaders_id_fk" FOREIGN KEY ("leader_id") REFERENCES "public"."leaders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "designation_reviews" ADD CONSTRAINT "designation_reviews_designation_id_designations_id_fk" FOREIGN KEY ("designation_id") REFERENCES "public"."designations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "designation_reviews" ADD CONSTRAINT "designation_reviews_opened_by_user_id_users_id_fk" FOREIGN KEY ("opened_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "designation_reviews" ADD CONSTRAINT "designation_reviews_closed_by_user_id_users_id_fk" FOREIGN KEY ("closed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_decision_id_application_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."application_decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_panel_id_panels_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."panels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_decisions" ADD CONSTRAINT "application_decisions_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_decisions" ADD CONSTRAINT "application_decisions_panel_id_panels_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."panels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_decisions" ADD CONSTRAINT "application_decisions_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_applications" ADD CONSTRAINT "panel_applications_panel_id_panels_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."panels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_applications" ADD CONSTRAINT "panel_applications_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_declared_conflicts" ADD CONSTRAINT "panel_declared_conflicts_panel_id_panels_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."panels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_declared_conflicts" ADD CONSTRAINT "panel_declared_conflicts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_declared_conflicts" ADD CONSTRAINT "panel_declared_conflicts_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_members" ADD CONSTRAINT "panel_members_panel_id_panels_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."panels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_members" ADD CONSTRAINT "panel_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_scores" ADD CONSTRAINT "panel_scores_panel_id_panels_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."panels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_scores" ADD CONSTRAINT "panel_scores_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_scores" ADD CONSTRAINT "panel_scores_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_scores" ADD CONSTRAINT "panel_scores_criterion_id_designation_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."designation_criteria"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panels" ADD CONSTRAINT "panels_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panels" ADD CONSTRAINT "panels_chair_user_id_users_id_fk" FOREIGN KEY ("chair_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "application_requests_application" ON "application_requests" USING btree ("application_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "application_requests_current" ON "application_requests" USING btree ("application_id","kind") WHERE "application_requests"."superseded_at" is null;--> statement-breakpoint
CREATE INDEX "application_requests_due" ON "application_requests" USING btree ("sent_at") WHERE "application_requests"."answered_at" is null and "application_requests"."superseded_at" is null;--> statement-breakpoint
CREATE INDEX "applications_alliance_status" ON "applications" USING btree ("alliance_id","status","sent_at");--> statement-breakpoint
CREATE INDEX "applications_email" ON "applications" USING btree ("alliance_id",lower("applicant_email"));--> statement-breakpoint
CREATE INDEX "designation_reviews_due" ON "designation_reviews" USING btree ("due_on") WHERE "designation_reviews"."outcome" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "designation_reviews_one_open" ON "designation_reviews" USING btree ("designation_id") WHERE "designation_reviews"."outcome" is null;--> statement-breakpoint
CREATE INDEX "appeals_panel" ON "appeals" USING btree ("panel_id");--> statement-breakpoint
CREATE UNIQUE INDEX "application_decisions_panel" ON "application_decisions" USING btree ("application_id","panel_id");--> statement-breakpoint
CREATE INDEX "panel_applications_application" ON "panel_applications" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "panel_members_user" ON "panel_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "panels_alliance_date" ON "panels" USING btree ("alliance_id","meets_on");
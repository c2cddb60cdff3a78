CREATE TABLE "designation_criteria" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "designation_criteria_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"alliance_id" integer NOT NULL,
	"designation_type" text NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "designation_rules" (
	"alliance_id" integer PRIMARY KEY NOT NULL,
	"sle_minimum_leadership_years" integer DEFAULT 2 NOT NULL,
	"lle_minimum_headship_years" integer DEFAULT 3 NOT NULL,
	"lle_minimum_years_staying" integer DEFAULT 2 NOT NULL,
	"evidence_word_limit" integer DEFAULT 500 NOT NULL,
	"designation_years" integer DEFAULT 4 NOT NULL,
	"appeal_days" integer DEFAULT 28 NOT NULL,
	"reminder_days" integer DEFAULT 7 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "designation_rules_bounded" CHECK ("designation_rules"."sle_minimum_leadership_years" between 0 and 20
      and "designation_rules"."lle_minimum_headship_years" between 0 and 20 and "designation_rules"."lle_minimum_years_staying" between 0 and 10
      and "designation_rules"."evidence_word_limit" between 50 and 2000 and "designation_rules"."designation_years" between 1 and 10
      and "designation_rules"."appeal_days" between 1 and 365 and "designation_rules"."reminder_days" between 1 and 60)
);
--> statement-breakpoint
CREATE TABLE "recruitment_round_specialisms" (
	"round_id" integer NOT NULL,
	"specialism_id" integer NOT NULL,
	CONSTRAINT "recruitment_round_specialisms_round_id_specialism_id_pk" PRIMARY KEY("round_id","specialism_id")
);
--> statement-breakpoint
CREATE TABLE "recruitment_rounds" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "recruitment_rounds_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"alliance_id" integer NOT NULL,
	"designation_type" text NOT NULL,
	"opens_on" date NOT NULL,
	"closes_on" date,
	"note" text DEFAULT '' NOT NULL,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recruitment_rounds_dates" CHECK ("recruitment_rounds"."closes_on" is null or "recruitment_rounds"."closes_on" >= "recruitment_rounds"."opens_on")
);
--> statement-breakpoint
ALTER TABLE "designation_criteria" ADD CONSTRAINT "designation_criteria_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "designation_rules" ADD CONSTRAINT "designation_rules_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recruitment_round_specialisms" ADD CONSTRAINT "recruitment_round_specialisms_round_id_recruitment_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."recruitment_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recruitment_round_specialisms" ADD CONSTRAINT "recruitment_round_specialisms_specialism_id_specialisms_id_fk" FOREIGN KEY ("specialism_id") REFERENCES "public"."specialisms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recruitment_rounds" ADD CONSTRAINT "recruitment_rounds_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "designation_criteria_title" ON "designation_criteria" USING btree ("alliance_id","designation_type",lower("title"));--> statement-breakpoint
CREATE INDEX "designation_criteria_order" ON "designation_criteria" USING btree ("alliance_id","designation_type","position");--> statement-breakpoint
CREATE INDEX "recruitment_rounds_alliance" ON "recruitment_rounds" USING btree ("alliance_id","opens_on");
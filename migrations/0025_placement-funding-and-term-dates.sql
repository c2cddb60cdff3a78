CREATE TABLE "term_dates" (
	"alliance_id" integer NOT NULL,
	"first_day" date NOT NULL,
	"last_day" date NOT NULL,
	CONSTRAINT "term_dates_alliance_id_first_day_pk" PRIMARY KEY("alliance_id","first_day"),
	CONSTRAINT "term_dates_range" CHECK ("term_dates"."last_day" >= "term_dates"."first_day" and "term_dates"."last_day" - "term_dates"."first_day" <= 130)
);
--> statement-breakpoint
ALTER TABLE "placement_terms" ADD COLUMN "funding_type" text;--> statement-breakpoint
ALTER TABLE "placement_terms" ADD COLUMN "fee_pence" integer;--> statement-breakpoint
ALTER TABLE "placement_terms" ADD COLUMN "exchange_description" text;--> statement-breakpoint
ALTER TABLE "placement_terms" ADD COLUMN "exchange_half_days" integer;--> statement-breakpoint
ALTER TABLE "term_dates" ADD CONSTRAINT "term_dates_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_terms" ADD CONSTRAINT "placement_terms_funding" CHECK (case "placement_terms"."funding_type"
        when 'fee' then "placement_terms"."fee_pence" > 0 and "placement_terms"."exchange_description" is null and "placement_terms"."exchange_half_days" is null
        when 'exchange' then "placement_terms"."fee_pence" is null and "placement_terms"."exchange_description" is not null and "placement_terms"."exchange_half_days" > 0
        else "placement_terms"."fee_pence" is null and "placement_terms"."exchange_description" is null and "placement_terms"."exchange_half_days" is null end);
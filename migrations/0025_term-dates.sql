CREATE TABLE "term_dates" (
	"alliance_id" integer NOT NULL,
	"first_day" date NOT NULL,
	"last_day" date NOT NULL,
	CONSTRAINT "term_dates_alliance_id_first_day_pk" PRIMARY KEY("alliance_id","first_day"),
	CONSTRAINT "term_dates_range" CHECK ("term_dates"."last_day" >= "term_dates"."first_day" and "term_dates"."last_day" - "term_dates"."first_day" <= 130)
);
--> statement-breakpoint
ALTER TABLE "term_dates" ADD CONSTRAINT "term_dates_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;
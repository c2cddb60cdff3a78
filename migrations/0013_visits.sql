CREATE TABLE "delivery_logs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "delivery_logs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"alliance_id" integer NOT NULL,
	"agreement_id" integer NOT NULL,
	"date" date NOT NULL,
	"pairing_id" integer,
	"half_days" integer,
	"minutes" integer,
	"counted_half_days" integer NOT NULL,
	"activities" text[] NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"logged_at" timestamp with time zone NOT NULL,
	"logged_by_user_id" integer NOT NULL,
	"changed_at" timestamp with time zone,
	"changed_by_user_id" integer,
	CONSTRAINT "delivery_logs_time" CHECK (("delivery_logs"."half_days" is null) <> ("delivery_logs"."minutes" is null)),
	CONSTRAINT "delivery_logs_half_days" CHECK ("delivery_logs"."half_days" is null or "delivery_logs"."half_days" > 0),
	CONSTRAINT "delivery_logs_minutes" CHECK ("delivery_logs"."minutes" is null or "delivery_logs"."minutes" > 0),
	CONSTRAINT "delivery_logs_counted" CHECK ("delivery_logs"."counted_half_days" > 0),
	CONSTRAINT "delivery_logs_activities" CHECK (cardinality("delivery_logs"."activities") >= 1)
);
--> statement-breakpoint
CREATE TABLE "delivery_progress" (
	"log_id" integer NOT NULL,
	"objective_id" integer NOT NULL,
	"progress" text NOT NULL,
	CONSTRAINT "delivery_progress_log_id_objective_id_pk" PRIMARY KEY("log_id","objective_id")
);
--> statement-breakpoint
CREATE TABLE "planned_visits" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "planned_visits_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"alliance_id" integer NOT NULL,
	"agreement_id" integer NOT NULL,
	"date" date NOT NULL,
	"start_minutes" integer,
	"length" text NOT NULL,
	"place" text NOT NULL,
	"pairing_id" integer,
	"created_at" timestamp with time zone NOT NULL,
	"created_by_user_id" integer NOT NULL,
	CONSTRAINT "planned_visits_start" CHECK ("planned_visits"."start_minutes" is null or "planned_visits"."start_minutes" between 0 and 1439)
);
--> statement-breakpoint
ALTER TABLE "delivery_logs" ADD CONSTRAINT "delivery_logs_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_logs" ADD CONSTRAINT "delivery_logs_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_logs" ADD CONSTRAINT "delivery_logs_pairing_id_placement_pairings_id_fk" FOREIGN KEY ("pairing_id") REFERENCES "public"."placement_pairings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_logs" ADD CONSTRAINT "delivery_logs_logged_by_user_id_users_id_fk" FOREIGN KEY ("logged_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_logs" ADD CONSTRAINT "delivery_logs_changed_by_user_id_users_id_fk" FOREIGN KEY ("changed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_progress" ADD CONSTRAINT "delivery_progress_log_id_delivery_logs_id_fk" FOREIGN KEY ("log_id") REFERENCES "public"."delivery_logs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_progress" ADD CONSTRAINT "delivery_progress_objective_id_agreement_objectives_id_fk" FOREIGN KEY ("objective_id") REFERENCES "public"."agreement_objectives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planned_visits" ADD CONSTRAINT "planned_visits_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planned_visits" ADD CONSTRAINT "planned_visits_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planned_visits" ADD CONSTRAINT "planned_visits_pairing_id_placement_pairings_id_fk" FOREIGN KEY ("pairing_id") REFERENCES "public"."placement_pairings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planned_visits" ADD CONSTRAINT "planned_visits_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "delivery_logs_agreement_date" ON "delivery_logs" USING btree ("agreement_id","date");--> statement-breakpoint
CREATE INDEX "delivery_logs_alliance_date" ON "delivery_logs" USING btree ("alliance_id","date");--> statement-breakpoint
CREATE INDEX "planned_visits_agreement_date" ON "planned_visits" USING btree ("agreement_id","date");
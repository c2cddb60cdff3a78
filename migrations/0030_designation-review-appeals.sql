CREATE TABLE "designation_review_appeals" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "designation_review_appeals_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"review_id" integer NOT NULL,
	"lodged_on" date NOT NULL,
	"grounds" text NOT NULL,
	"panel_id" integer,
	"outcome" text,
	"outcome_notes" text DEFAULT '' NOT NULL,
	"decided_on" date,
	"recorded_by_user_id" integer,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "designation_review_appeals_reviewId_unique" UNIQUE("review_id")
);
--> statement-breakpoint
ALTER TABLE "designation_review_appeals" ADD CONSTRAINT "designation_review_appeals_review_id_designation_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."designation_reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "designation_review_appeals" ADD CONSTRAINT "designation_review_appeals_panel_id_panels_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."panels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "designation_review_appeals" ADD CONSTRAINT "designation_review_appeals_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
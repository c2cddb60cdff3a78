CREATE TABLE "feedback_requests" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "feedback_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"alliance_id" integer NOT NULL,
	"agreement_id" integer NOT NULL,
	"version_id" integer NOT NULL,
	"recipients" text[] NOT NULL,
	"link_token_hash" text,
	"link_expires_at" timestamp with time zone,
	"first_requested_at" timestamp with time zone NOT NULL,
	"last_requested_at" timestamp with time zone NOT NULL,
	"last_requested_by_user_id" integer,
	"times_requested" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "feedback_requests_agreementId_unique" UNIQUE("agreement_id"),
	CONSTRAINT "feedback_requests_linkTokenHash_unique" UNIQUE("link_token_hash")
);
--> statement-breakpoint
CREATE TABLE "feedback_responses" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "feedback_responses_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"request_id" integer NOT NULL,
	"quality" integer NOT NULL,
	"would_recommend" boolean NOT NULL,
	"comments" text,
	"answered_at" timestamp with time zone NOT NULL,
	"answered_via" text NOT NULL,
	"answered_by_user_id" integer,
	CONSTRAINT "feedback_responses_requestId_unique" UNIQUE("request_id"),
	CONSTRAINT "feedback_responses_quality" CHECK ("feedback_responses"."quality" between 1 and 4),
	CONSTRAINT "feedback_responses_via" CHECK (("feedback_responses"."answered_via" = 'signed-in') = ("feedback_responses"."answered_by_user_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "agreement_reviews" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "agreement_reviews_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"alliance_id" integer NOT NULL,
	"agreement_id" integer NOT NULL,
	"version_id" integer NOT NULL,
	"kind" text NOT NULL,
	"summary" text NOT NULL,
	"next_steps" text NOT NULL,
	"recorded_by_user_id" integer NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"changed_by_user_id" integer,
	"changed_at" timestamp with time zone,
	CONSTRAINT "agreement_reviews_kind" CHECK ("agreement_reviews"."kind" in ('mid-point', 'end'))
);
--> statement-breakpoint
CREATE TABLE "review_ratings" (
	"review_id" integer NOT NULL,
	"objective_id" integer NOT NULL,
	"rating" text NOT NULL,
	"evidence" text NOT NULL,
	CONSTRAINT "review_ratings_review_id_objective_id_pk" PRIMARY KEY("review_id","objective_id"),
	CONSTRAINT "review_ratings_rating" CHECK ("review_ratings"."rating" in ('not-met', 'partly-met', 'met', 'exceeded'))
);
--> statement-breakpoint
ALTER TABLE "feedback_requests" ADD CONSTRAINT "feedback_requests_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_requests" ADD CONSTRAINT "feedback_requests_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_requests" ADD CONSTRAINT "feedback_requests_version_id_agreement_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."agreement_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_requests" ADD CONSTRAINT "feedback_requests_last_requested_by_user_id_users_id_fk" FOREIGN KEY ("last_requested_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_responses" ADD CONSTRAINT "feedback_responses_request_id_feedback_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."feedback_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_responses" ADD CONSTRAINT "feedback_responses_answered_by_user_id_users_id_fk" FOREIGN KEY ("answered_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_reviews" ADD CONSTRAINT "agreement_reviews_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_reviews" ADD CONSTRAINT "agreement_reviews_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_reviews" ADD CONSTRAINT "agreement_reviews_version_id_agreement_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."agreement_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_reviews" ADD CONSTRAINT "agreement_reviews_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_reviews" ADD CONSTRAINT "agreement_reviews_changed_by_user_id_users_id_fk" FOREIGN KEY ("changed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_ratings" ADD CONSTRAINT "review_ratings_review_id_agreement_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."agreement_reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_ratings" ADD CONSTRAINT "review_ratings_objective_id_agreement_objectives_id_fk" FOREIGN KEY ("objective_id") REFERENCES "public"."agreement_objectives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "feedback_requests_alliance" ON "feedback_requests" USING btree ("alliance_id","last_requested_at");--> statement-breakpoint
CREATE INDEX "feedback_responses_answered" ON "feedback_responses" USING btree ("answered_at");--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_reviews_once" ON "agreement_reviews" USING btree ("version_id","kind");--> statement-breakpoint
CREATE INDEX "agreement_reviews_agreement" ON "agreement_reviews" USING btree ("agreement_id");
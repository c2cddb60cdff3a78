CREATE TABLE "listing_consent_requests" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "listing_consent_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"leader_id" integer NOT NULL,
	"application_id" integer,
	"token_hash" text,
	"token_expires_at" timestamp with time zone,
	"sent_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"consented" boolean,
	CONSTRAINT "listing_consent_requests_tokenHash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "designation_review_consent_requests" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "designation_review_consent_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"review_id" integer NOT NULL,
	"role" text NOT NULL,
	"school_urn" integer NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"token_hash" text,
	"token_expires_at" timestamp with time zone,
	"sent_at" timestamp with time zone NOT NULL,
	"reminded_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"supports" boolean,
	"release_days" integer,
	"comment" text DEFAULT '' NOT NULL,
	CONSTRAINT "designation_review_consent_requests_tokenHash_unique" UNIQUE("token_hash"),
	CONSTRAINT "designation_review_consent_requests_days" CHECK ("designation_review_consent_requests"."release_days" is null or "designation_review_consent_requests"."release_days" between 0 and 200)
);
--> statement-breakpoint
ALTER TABLE "listing_consent_requests" ADD CONSTRAINT "listing_consent_requests_leader_id_leaders_id_fk" FOREIGN KEY ("leader_id") REFERENCES "public"."leaders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listing_consent_requests" ADD CONSTRAINT "listing_consent_requests_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "designation_review_consent_requests" ADD CONSTRAINT "designation_review_consent_requests_review_id_designation_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."designation_reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "designation_review_consent_requests" ADD CONSTRAINT "designation_review_consent_requests_school_urn_schools_urn_fk" FOREIGN KEY ("school_urn") REFERENCES "public"."schools"("urn") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "listing_consent_requests_leader" ON "listing_consent_requests" USING btree ("leader_id");--> statement-breakpoint
CREATE INDEX "designation_review_consent_requests_review" ON "designation_review_consent_requests" USING btree ("review_id","role");
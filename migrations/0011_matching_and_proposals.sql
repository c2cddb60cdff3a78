CREATE TABLE "matching_weights" (
	"alliance_id" integer PRIMARY KEY NOT NULL,
	"specialism" integer NOT NULL,
	"phase" integer NOT NULL,
	"distance" integer NOT NULL,
	"capacity" integer NOT NULL,
	"history" integer NOT NULL,
	"priority" integer NOT NULL,
	"max_distance_miles" integer NOT NULL,
	CONSTRAINT "matching_weights_range" CHECK (least("matching_weights"."specialism", "matching_weights"."phase", "matching_weights"."distance", "matching_weights"."capacity", "matching_weights"."history", "matching_weights"."priority") >= 0 and greatest("matching_weights"."specialism", "matching_weights"."phase", "matching_weights"."distance", "matching_weights"."capacity", "matching_weights"."history", "matching_weights"."priority") <= 100),
	CONSTRAINT "matching_weights_distance" CHECK ("matching_weights"."max_distance_miles" between 1 and 500)
);
--> statement-breakpoint
CREATE TABLE "proposals" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "proposals_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"alliance_id" integer NOT NULL,
	"enquiry_id" integer NOT NULL,
	"leader_id" integer NOT NULL,
	"status" text NOT NULL,
	"proposed_by" integer NOT NULL,
	"proposed_at" timestamp with time zone NOT NULL,
	"score" real NOT NULL,
	"reasons" jsonb NOT NULL,
	"message" text,
	"responded_at" timestamp with time zone,
	"responded_via" text,
	"response_note" text,
	"link_token_hash" text,
	"link_expires_at" timestamp with time zone,
	CONSTRAINT "proposals_linkTokenHash_unique" UNIQUE("link_token_hash")
);
--> statement-breakpoint
ALTER TABLE "matching_weights" ADD CONSTRAINT "matching_weights_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_enquiry_id_enquiries_id_fk" FOREIGN KEY ("enquiry_id") REFERENCES "public"."enquiries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_leader_id_leaders_id_fk" FOREIGN KEY ("leader_id") REFERENCES "public"."leaders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "proposals_enquiry_leader" ON "proposals" USING btree ("enquiry_id","leader_id");--> statement-breakpoint
CREATE INDEX "proposals_leader_status" ON "proposals" USING btree ("leader_id","status");
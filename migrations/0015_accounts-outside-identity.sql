CREATE TABLE "school_contacts" (
	"user_id" integer PRIMARY KEY NOT NULL,
	"school_urn" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leader_accounts" (
	"user_id" integer PRIMARY KEY NOT NULL,
	"leader_id" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" DROP CONSTRAINT "users_school_urn_schools_urn_fk";
--> statement-breakpoint
ALTER TABLE "users" DROP CONSTRAINT "users_leader_id_leaders_id_fk";
--> statement-breakpoint
ALTER TABLE "school_contacts" ADD CONSTRAINT "school_contacts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_contacts" ADD CONSTRAINT "school_contacts_school_urn_schools_urn_fk" FOREIGN KEY ("school_urn") REFERENCES "public"."schools"("urn") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leader_accounts" ADD CONSTRAINT "leader_accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leader_accounts" ADD CONSTRAINT "leader_accounts_leader_id_leaders_id_fk" FOREIGN KEY ("leader_id") REFERENCES "public"."leaders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "school_contacts_school" ON "school_contacts" USING btree ("school_urn");--> statement-breakpoint
CREATE INDEX "leader_accounts_leader" ON "leader_accounts" USING btree ("leader_id");--> statement-breakpoint
-- The links move out of users before its columns go: every school contact keeps their school, every
-- system leader their record.
INSERT INTO "school_contacts" ("user_id", "school_urn") SELECT "id", "school_urn" FROM "users" WHERE "school_urn" IS NOT NULL;--> statement-breakpoint
INSERT INTO "leader_accounts" ("user_id", "leader_id") SELECT "id", "leader_id" FROM "users" WHERE "leader_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "school_urn";--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "leader_id";
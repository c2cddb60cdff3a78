CREATE TABLE "import_locks" (
	"key" text PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"user_id" integer,
	"acquired_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "leaders" ADD COLUMN "listed_consent_on" date;--> statement-breakpoint
ALTER TABLE "import_locks" ADD CONSTRAINT "import_locks_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
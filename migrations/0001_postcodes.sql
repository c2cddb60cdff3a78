CREATE TABLE "outcodes" (
	"outcode" text PRIMARY KEY NOT NULL,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	"easting" integer,
	"northing" integer,
	"postcode_count" integer,
	"main_local_authority_district_code" text
);
--> statement-breakpoint
CREATE TABLE "postcodes" (
	"postcode" text PRIMARY KEY NOT NULL,
	"outcode" text NOT NULL,
	"local_authority_district_code" text,
	"easting" integer,
	"northing" integer,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL
);

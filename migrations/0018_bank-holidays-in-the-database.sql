CREATE TABLE "bank_holidays" (
	"date" date PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"division" text DEFAULT 'england-and-wales' NOT NULL
);

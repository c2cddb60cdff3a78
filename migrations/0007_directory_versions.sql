CREATE TABLE "directory_versions" (
	"alliance_id" integer PRIMARY KEY NOT NULL,
	"version" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "directory_versions" ADD CONSTRAINT "directory_versions_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- When the register changes a school that leaders work at, their entries change: so does the version.
CREATE OR REPLACE FUNCTION directory_entries_follow_school() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE directory_entries
  SET home_school_name = NEW.name,
      home_school_town = NEW.town,
      home_school_trust = NEW.trust_reference,
      unit_x = cos(radians(NEW.latitude)) * cos(radians(NEW.longitude)),
      unit_y = cos(radians(NEW.latitude)) * sin(radians(NEW.longitude)),
      unit_z = sin(radians(NEW.latitude))
  WHERE home_school_urn = NEW.urn;
  IF FOUND THEN
    INSERT INTO directory_versions (alliance_id, version)
    SELECT DISTINCT alliance_id, 1 FROM directory_entries WHERE home_school_urn = NEW.urn
    ON CONFLICT (alliance_id) DO UPDATE SET version = directory_versions.version + 1;
  END IF;
  RETURN NEW;
END
$$;

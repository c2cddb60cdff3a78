-- directory_entries now holds every leader with a designation in force (matching considers the
-- unlisted too; the public directory filters on `listed`), with what matching needs. It is derived
-- data, so it is emptied, widened and rebuilt here as refreshDirectoryEntries() would write it.
DROP INDEX "directory_entries_alliance_name";--> statement-breakpoint
DELETE FROM "directory_entries";--> statement-breakpoint
ALTER TABLE "directory_entries" ADD COLUMN "listed" boolean NOT NULL;--> statement-breakpoint
ALTER TABLE "directory_entries" ADD COLUMN "designated_since" date NOT NULL;--> statement-breakpoint
ALTER TABLE "directory_entries" ADD COLUMN "review_due" date;--> statement-breakpoint
ALTER TABLE "directory_entries" ADD COLUMN "home_school_trust" text;--> statement-breakpoint
INSERT INTO "directory_entries" (
  "leader_id", "alliance_id", "name", "listed", "types", "designated_since", "review_due", "specialism_ids", "phases",
  "home_school_urn", "home_school_name", "home_school_town", "home_school_trust", "unit_x", "unit_y", "unit_z", "search_document"
)
SELECT l.id, l.alliance_id, l.name, l.listed, d.types, d.designated_since, d.review_due,
  coalesce((SELECT array_agg(ls.specialism_id ORDER BY ls.specialism_id) FROM leader_specialisms ls WHERE ls.leader_id = l.id), '{}'),
  l.phases, s.urn, s.name, s.town, s.trust_reference,
  cos(radians(s.latitude)) * cos(radians(s.longitude)), cos(radians(s.latitude)) * sin(radians(s.longitude)), sin(radians(s.latitude)),
  setweight(to_tsvector('english', l.name), 'A')
    || setweight(to_tsvector('english', coalesce((SELECT string_agg(sp.name, ' ') FROM leader_specialisms ls JOIN specialisms sp ON sp.id = ls.specialism_id WHERE ls.leader_id = l.id), '')), 'B')
    || setweight(to_tsvector('english', l.profile), 'C')
FROM leaders l
JOIN schools s ON s.urn = l.home_school_urn
JOIN LATERAL (
  SELECT array_agg(DISTINCT type ORDER BY type) AS types, min(start_date) AS designated_since, min(review_date) AS review_due
  FROM designations WHERE leader_id = l.id AND status IN ('designated', 'under-review')
) d ON d.types IS NOT NULL;--> statement-breakpoint
CREATE INDEX "directory_entries_alliance_name" ON "directory_entries" USING btree ("alliance_id","listed","name");--> statement-breakpoint
-- The school trigger now also carries the trust across (matching keeps leaders out of their own trust).
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
  RETURN NEW;
END
$$;--> statement-breakpoint
DROP TRIGGER schools_update_directory_entries ON schools;--> statement-breakpoint
CREATE TRIGGER schools_update_directory_entries
AFTER UPDATE OF name, town, trust_reference, latitude, longitude ON schools
FOR EACH ROW
WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.town IS DISTINCT FROM NEW.town OR OLD.trust_reference IS DISTINCT FROM NEW.trust_reference
      OR OLD.latitude IS DISTINCT FROM NEW.latitude OR OLD.longitude IS DISTINCT FROM NEW.longitude)
EXECUTE FUNCTION directory_entries_follow_school();

-- The directory keeps a copy of each leader's home school name, town and position (see
-- directory_entries in leaders.tables.ts). When the register changes a school, its leaders'
-- entries follow in the same statement, whichever import or script made the change.
CREATE FUNCTION directory_entries_follow_school() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE directory_entries
  SET home_school_name = NEW.name,
      home_school_town = NEW.town,
      unit_x = cos(radians(NEW.latitude)) * cos(radians(NEW.longitude)),
      unit_y = cos(radians(NEW.latitude)) * sin(radians(NEW.longitude)),
      unit_z = sin(radians(NEW.latitude))
  WHERE home_school_urn = NEW.urn;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER schools_update_directory_entries
AFTER UPDATE OF name, town, latitude, longitude ON schools
FOR EACH ROW
WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.town IS DISTINCT FROM NEW.town
      OR OLD.latitude IS DISTINCT FROM NEW.latitude OR OLD.longitude IS DISTINCT FROM NEW.longitude)
EXECUTE FUNCTION directory_entries_follow_school();

-- A class's version goes up once per transaction that changes its enrollments
-- or waitlist, not twice: a seat or a drop updates the class's count first
-- (which bumps the version, "Course_version_update"), and the enrollment's
-- statement trigger then leaves alone a class row this transaction has already
-- updated (its xmin is this transaction's id). On a class that many students
-- tick at once, that is half as many new versions of its row (docs/decisions/031).
CREATE OR REPLACE FUNCTION "rollbook_touch_courses"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE "Course" SET "version" = "version" + 1
      WHERE "id" IN (SELECT "courseId" FROM new_rows) AND "xmin" <> pg_current_xact_id()::xid;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE "Course" SET "version" = "version" + 1
      WHERE "id" IN (SELECT "courseId" FROM old_rows) AND "xmin" <> pg_current_xact_id()::xid;
  ELSE
    UPDATE "Course" SET "version" = "version" + 1
      WHERE "id" IN (SELECT "courseId" FROM old_rows UNION SELECT "courseId" FROM new_rows) AND "xmin" <> pg_current_xact_id()::xid;
  END IF;
  RETURN NULL;
END $$;

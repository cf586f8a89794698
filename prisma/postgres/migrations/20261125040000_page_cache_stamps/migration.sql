-- AlterTable
ALTER TABLE "Course" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "DataStamp" (
    "name" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DataStamp_pkey" PRIMARY KEY ("name")
);


-- Change counters for the page cache (docs/decisions/008), kept by triggers so
-- that no write path, present or future, can forget them. Statement-level
-- where a bulk write (an import) would otherwise bump a row once per row.
INSERT INTO "DataStamp" ("name", "version") VALUES ('students', 0);

-- A class's version: its own row...
CREATE FUNCTION "rollbook_course_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."version" := OLD."version" + 1;
  RETURN NEW;
END $$;
CREATE TRIGGER "Course_version_update" BEFORE UPDATE ON "Course"
  FOR EACH ROW EXECUTE FUNCTION "rollbook_course_version"();

-- ...its enrollments and its waitlist (rows carrying "courseId")...
CREATE FUNCTION "rollbook_touch_courses"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE "Course" SET "version" = "version" + 1 WHERE "id" IN (SELECT "courseId" FROM new_rows);
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE "Course" SET "version" = "version" + 1 WHERE "id" IN (SELECT "courseId" FROM old_rows);
  ELSE
    UPDATE "Course" SET "version" = "version" + 1
      WHERE "id" IN (SELECT "courseId" FROM old_rows UNION SELECT "courseId" FROM new_rows);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "Enrollment_version_insert" AFTER INSERT ON "Enrollment"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "rollbook_touch_courses"();
CREATE TRIGGER "Enrollment_version_update" AFTER UPDATE ON "Enrollment"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "rollbook_touch_courses"();
CREATE TRIGGER "Enrollment_version_delete" AFTER DELETE ON "Enrollment"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "rollbook_touch_courses"();
CREATE TRIGGER "WaitlistEntry_version_insert" AFTER INSERT ON "WaitlistEntry"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "rollbook_touch_courses"();
CREATE TRIGGER "WaitlistEntry_version_update" AFTER UPDATE ON "WaitlistEntry"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "rollbook_touch_courses"();
CREATE TRIGGER "WaitlistEntry_version_delete" AFTER DELETE ON "WaitlistEntry"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "rollbook_touch_courses"();

-- ...the teacher shown with it...
CREATE FUNCTION "rollbook_teacher_courses"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Course" SET "version" = "version" + 1 WHERE "teacherId" IN (SELECT "id" FROM new_rows);
  RETURN NULL;
END $$;
CREATE TRIGGER "Teacher_version_update" AFTER UPDATE ON "Teacher"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "rollbook_teacher_courses"();

-- ...and the students on its roster or waitlist. Any student change also
-- bumps "students" (the admin class page lists students to add).
CREATE FUNCTION "rollbook_student_courses"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Course" SET "version" = "version" + 1 WHERE "id" IN (
    SELECT e."courseId" FROM "Enrollment" e WHERE e."studentId" IN (SELECT "id" FROM new_rows)
    UNION SELECT w."courseId" FROM "WaitlistEntry" w WHERE w."studentId" IN (SELECT "id" FROM new_rows));
  RETURN NULL;
END $$;
CREATE TRIGGER "Student_version_update" AFTER UPDATE ON "Student"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "rollbook_student_courses"();

CREATE FUNCTION "rollbook_students_stamp"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "DataStamp" SET "version" = "version" + 1 WHERE "name" = 'students';
  RETURN NULL;
END $$;
CREATE TRIGGER "Student_stamp" AFTER INSERT OR UPDATE OR DELETE ON "Student"
  FOR EACH STATEMENT EXECUTE FUNCTION "rollbook_students_stamp"();

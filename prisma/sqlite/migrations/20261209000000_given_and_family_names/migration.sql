-- A person's given and family names (docs/decisions/038): Student and Teacher
-- gain "givenName", "familyName" and "sortName" (what lists are ordered by);
-- "name" stays, as shown and searched. A name saved before is split as
-- lib/names splitFullName does: its last word is the family name, the rest
-- the given name; one word is a given name. Its sort key is the family name,
-- then the given name, in lower case (lib/names folds accents too; a name
-- with letters beyond ASCII gets that when the server starts: see
-- lib/server/data/people/name-keys.ts).
--
-- SQLite cannot add a NOT NULL column without a default, so each table is
-- rebuilt, as Prisma's own migrations do; dropping a table drops its
-- triggers, so the page-cache stamps' and the people search's are made again
-- as they were (20261125040000_page_cache_stamps, 20261129000000_people_search).
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;

CREATE TABLE "new_Student" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "givenName" TEXT NOT NULL,
    "familyName" TEXT NOT NULL DEFAULT '',
    "name" TEXT NOT NULL,
    "sortName" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "studentNumber" TEXT,
    "sourcedId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
-- rtrim(name, <its letters but spaces>) is the name up to its last space; the sort key follows from the two names.
INSERT INTO "new_Student" ("id", "givenName", "familyName", "name", "sortName", "email", "studentNumber", "sourcedId", "createdAt", "updatedAt")
SELECT "id",
       CASE WHEN instr("name", ' ') > 0 THEN rtrim(rtrim("name", replace("name", ' ', ''))) ELSE "name" END,
       CASE WHEN instr("name", ' ') > 0 THEN substr("name", length(rtrim("name", replace("name", ' ', ''))) + 1) ELSE '' END,
       "name",
       '',
       "email", "studentNumber", "sourcedId", "createdAt", "updatedAt"
FROM "Student";
UPDATE "new_Student" SET "sortName" = lower(CASE WHEN "familyName" <> '' THEN "familyName" || ' ' || "givenName" ELSE "givenName" END);
DROP TABLE "Student";
ALTER TABLE "new_Student" RENAME TO "Student";
CREATE UNIQUE INDEX "Student_email_key" ON "Student"("email");
CREATE UNIQUE INDEX "Student_studentNumber_key" ON "Student"("studentNumber");
CREATE UNIQUE INDEX "Student_sourcedId_key" ON "Student"("sourcedId");
CREATE INDEX "Student_sortName_id_idx" ON "Student"("sortName", "id");

CREATE TABLE "new_Teacher" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "givenName" TEXT NOT NULL,
    "familyName" TEXT NOT NULL DEFAULT '',
    "name" TEXT NOT NULL,
    "sortName" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "sourcedId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Teacher" ("id", "givenName", "familyName", "name", "sortName", "email", "sourcedId", "createdAt", "updatedAt")
SELECT "id",
       CASE WHEN instr("name", ' ') > 0 THEN rtrim(rtrim("name", replace("name", ' ', ''))) ELSE "name" END,
       CASE WHEN instr("name", ' ') > 0 THEN substr("name", length(rtrim("name", replace("name", ' ', ''))) + 1) ELSE '' END,
       "name",
       '',
       "email", "sourcedId", "createdAt", "updatedAt"
FROM "Teacher";
UPDATE "new_Teacher" SET "sortName" = lower(CASE WHEN "familyName" <> '' THEN "familyName" || ' ' || "givenName" ELSE "givenName" END);
DROP TABLE "Teacher";
ALTER TABLE "new_Teacher" RENAME TO "Teacher";
CREATE UNIQUE INDEX "Teacher_email_key" ON "Teacher"("email");
CREATE UNIQUE INDEX "Teacher_sourcedId_key" ON "Teacher"("sourcedId");
CREATE INDEX "Teacher_sortName_id_idx" ON "Teacher"("sortName", "id");

-- The triggers the two tables had, as they were.
CREATE TRIGGER "Teacher_version_update" AFTER UPDATE ON "Teacher"
BEGIN UPDATE "Course" SET "version" = "version" + 1 WHERE "teacherId" = NEW."id"; END;

CREATE TRIGGER "Student_version_update" AFTER UPDATE ON "Student"
BEGIN
  UPDATE "Course" SET "version" = "version" + 1 WHERE "id" IN (
    SELECT "courseId" FROM "Enrollment" WHERE "studentId" = NEW."id"
    UNION SELECT "courseId" FROM "WaitlistEntry" WHERE "studentId" = NEW."id");
  UPDATE "DataStamp" SET "version" = "version" + 1 WHERE "name" = 'students';
END;
CREATE TRIGGER "Student_version_insert" AFTER INSERT ON "Student"
BEGIN UPDATE "DataStamp" SET "version" = "version" + 1 WHERE "name" = 'students'; END;
CREATE TRIGGER "Student_version_delete" AFTER DELETE ON "Student"
BEGIN UPDATE "DataStamp" SET "version" = "version" + 1 WHERE "name" = 'students'; END;

CREATE TRIGGER "Student_search_insert" AFTER INSERT ON "Student" BEGIN
  INSERT INTO "StudentSearchEntry" ("studentId") VALUES (new."id");
  INSERT INTO "StudentSearch" ("rowid", "name", "email", "studentNumber") VALUES (last_insert_rowid(), new."name", new."email", new."studentNumber");
END;

CREATE TRIGGER "Student_search_update" AFTER UPDATE OF "id", "name", "email", "studentNumber" ON "Student"
WHEN old."id" IS NOT new."id" OR old."name" IS NOT new."name" OR old."email" IS NOT new."email" OR old."studentNumber" IS NOT new."studentNumber"
BEGIN
  UPDATE "StudentSearchEntry" SET "studentId" = new."id" WHERE "studentId" = old."id";
  DELETE FROM "StudentSearch" WHERE "rowid" = (SELECT "entry" FROM "StudentSearchEntry" WHERE "studentId" = new."id");
  INSERT INTO "StudentSearch" ("rowid", "name", "email", "studentNumber")
  SELECT "entry", new."name", new."email", new."studentNumber" FROM "StudentSearchEntry" WHERE "studentId" = new."id";
END;

CREATE TRIGGER "Student_search_delete" AFTER DELETE ON "Student" BEGIN
  DELETE FROM "StudentSearch" WHERE "rowid" = (SELECT "entry" FROM "StudentSearchEntry" WHERE "studentId" = old."id");
  DELETE FROM "StudentSearchEntry" WHERE "studentId" = old."id";
END;

PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateTable
CREATE TABLE "DataStamp" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "version" INTEGER NOT NULL DEFAULT 0
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Course" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "capacity" INTEGER,
    "enrolledCount" INTEGER NOT NULL DEFAULT 0,
    "teacherId" TEXT,
    "selfEnrollment" BOOLEAN NOT NULL DEFAULT false,
    "opensAt" DATETIME,
    "closesAt" DATETIME,
    "dropDeadline" DATETIME,
    "joinCode" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Course_teacherId_fkey" FOREIGN KEY ("teacherId") REFERENCES "Teacher" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Course" ("capacity", "closesAt", "code", "createdAt", "description", "dropDeadline", "enrolledCount", "id", "joinCode", "opensAt", "selfEnrollment", "teacherId", "title", "updatedAt") SELECT "capacity", "closesAt", "code", "createdAt", "description", "dropDeadline", "enrolledCount", "id", "joinCode", "opensAt", "selfEnrollment", "teacherId", "title", "updatedAt" FROM "Course";
DROP TABLE "Course";
ALTER TABLE "new_Course" RENAME TO "Course";
CREATE UNIQUE INDEX "Course_code_key" ON "Course"("code");
CREATE INDEX "Course_teacherId_idx" ON "Course"("teacherId");
CREATE INDEX "Course_title_idx" ON "Course"("title");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- Change counters for the page cache (docs/decisions/008), kept by triggers so
-- that no write path, present or future, can forget them.
INSERT INTO "DataStamp" ("name", "version") VALUES ('students', 0);

-- A class's version: its own row, its enrollments and its waitlist...
CREATE TRIGGER "Course_version_update" AFTER UPDATE ON "Course" WHEN NEW."version" = OLD."version"
BEGIN UPDATE "Course" SET "version" = "version" + 1 WHERE "id" = NEW."id"; END;

CREATE TRIGGER "Enrollment_version_insert" AFTER INSERT ON "Enrollment"
BEGIN UPDATE "Course" SET "version" = "version" + 1 WHERE "id" = NEW."courseId"; END;
CREATE TRIGGER "Enrollment_version_update" AFTER UPDATE ON "Enrollment"
BEGIN UPDATE "Course" SET "version" = "version" + 1 WHERE "id" IN (OLD."courseId", NEW."courseId"); END;
CREATE TRIGGER "Enrollment_version_delete" AFTER DELETE ON "Enrollment"
BEGIN UPDATE "Course" SET "version" = "version" + 1 WHERE "id" = OLD."courseId"; END;

CREATE TRIGGER "WaitlistEntry_version_insert" AFTER INSERT ON "WaitlistEntry"
BEGIN UPDATE "Course" SET "version" = "version" + 1 WHERE "id" = NEW."courseId"; END;
CREATE TRIGGER "WaitlistEntry_version_update" AFTER UPDATE ON "WaitlistEntry"
BEGIN UPDATE "Course" SET "version" = "version" + 1 WHERE "id" IN (OLD."courseId", NEW."courseId"); END;
CREATE TRIGGER "WaitlistEntry_version_delete" AFTER DELETE ON "WaitlistEntry"
BEGIN UPDATE "Course" SET "version" = "version" + 1 WHERE "id" = OLD."courseId"; END;

-- ...the teacher shown with it...
CREATE TRIGGER "Teacher_version_update" AFTER UPDATE ON "Teacher"
BEGIN UPDATE "Course" SET "version" = "version" + 1 WHERE "teacherId" = NEW."id"; END;

-- ...and the students on its roster or waitlist. Any student change also
-- bumps "students" (the admin class page lists students to add).
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

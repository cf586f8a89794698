-- CreateTable
CREATE TABLE "Meeting" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "courseId" TEXT NOT NULL,
    "day" INTEGER NOT NULL,
    "startMinute" INTEGER NOT NULL,
    "endMinute" INTEGER NOT NULL,
    "room" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "Meeting_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Meeting_courseId_day_startMinute_idx" ON "Meeting"("courseId", "day", "startMinute");

-- A class page shows when and where the class meets (docs/decisions/008).
CREATE TRIGGER "Meeting_version_insert" AFTER INSERT ON "Meeting"
BEGIN UPDATE "Course" SET "version" = "version" + 1 WHERE "id" = NEW."courseId"; END;
CREATE TRIGGER "Meeting_version_update" AFTER UPDATE ON "Meeting"
BEGIN UPDATE "Course" SET "version" = "version" + 1 WHERE "id" IN (OLD."courseId", NEW."courseId"); END;
CREATE TRIGGER "Meeting_version_delete" AFTER DELETE ON "Meeting"
BEGIN UPDATE "Course" SET "version" = "version" + 1 WHERE "id" = OLD."courseId"; END;

-- CreateTable
CREATE TABLE "Meeting" (
    "id" SERIAL NOT NULL,
    "courseId" TEXT NOT NULL,
    "day" INTEGER NOT NULL,
    "startMinute" INTEGER NOT NULL,
    "endMinute" INTEGER NOT NULL,
    "room" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "Meeting_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Meeting_courseId_day_startMinute_idx" ON "Meeting"("courseId", "day", "startMinute");

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A class page shows when and where the class meets (docs/decisions/008).
CREATE TRIGGER "Meeting_version_insert" AFTER INSERT ON "Meeting"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "rollbook_touch_courses"();
CREATE TRIGGER "Meeting_version_update" AFTER UPDATE ON "Meeting"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "rollbook_touch_courses"();
CREATE TRIGGER "Meeting_version_delete" AFTER DELETE ON "Meeting"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "rollbook_touch_courses"();

-- CreateTable
CREATE TABLE "Term" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "startsOn" DATETIME NOT NULL,
    "endsOn" DATETIME NOT NULL,
    "sourcedId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- AlterTable: a column added in place (not Prisma's copy of the table, which
-- would drop the class's page-cache trigger with the old table).
ALTER TABLE "Course" ADD COLUMN "termId" TEXT REFERENCES "Term" ("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- CreateIndex
CREATE UNIQUE INDEX "Term_name_key" ON "Term"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Term_sourcedId_key" ON "Term"("sourcedId");

-- CreateIndex
CREATE INDEX "Term_startsOn_idx" ON "Term"("startsOn");

-- CreateIndex
CREATE INDEX "Course_termId_code_idx" ON "Course"("termId", "code");

-- A class page shows its term's name and days (docs/decisions/008).
CREATE TRIGGER "Term_version_update" AFTER UPDATE ON "Term"
BEGIN UPDATE "Course" SET "version" = "version" + 1 WHERE "termId" = NEW."id"; END;

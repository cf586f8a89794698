-- AlterTable
ALTER TABLE "Course" ADD COLUMN     "termId" TEXT;

-- CreateTable
CREATE TABLE "Term" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "startsOn" TIMESTAMP(3) NOT NULL,
    "endsOn" TIMESTAMP(3) NOT NULL,
    "sourcedId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Term_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Term_name_key" ON "Term"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Term_sourcedId_key" ON "Term"("sourcedId");

-- CreateIndex
CREATE INDEX "Term_startsOn_idx" ON "Term"("startsOn");

-- CreateIndex
CREATE INDEX "Course_termId_code_idx" ON "Course"("termId", "code");

-- AddForeignKey
ALTER TABLE "Course" ADD CONSTRAINT "Course_termId_fkey" FOREIGN KEY ("termId") REFERENCES "Term"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- A class page shows its term's name and days (docs/decisions/008).
CREATE FUNCTION "rollbook_term_courses"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Course" SET "version" = "version" + 1 WHERE "termId" IN (SELECT "id" FROM new_rows);
  RETURN NULL;
END $$;
CREATE TRIGGER "Term_version_update" AFTER UPDATE ON "Term"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "rollbook_term_courses"();

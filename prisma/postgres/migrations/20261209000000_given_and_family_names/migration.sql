-- A person's given and family names (docs/decisions/038): Student and Teacher
-- gain "givenName", "familyName" and "sortName" (what lists are ordered by);
-- "name" stays, as shown and searched. A name saved before is split as
-- lib/names splitFullName does: its last word is the family name, the rest
-- the given name; one word is a given name. Its sort key is the family name,
-- then the given name, in lower case (lib/names folds accents too; a name
-- with letters beyond ASCII gets that when the server starts: see
-- lib/server/data/people/name-keys.ts).
DROP INDEX "Student_name_idx";
DROP INDEX "Teacher_name_idx";

ALTER TABLE "Student" ADD COLUMN "givenName" TEXT NOT NULL DEFAULT '',
ADD COLUMN "familyName" TEXT NOT NULL DEFAULT '',
ADD COLUMN "sortName" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Teacher" ADD COLUMN "givenName" TEXT NOT NULL DEFAULT '',
ADD COLUMN "familyName" TEXT NOT NULL DEFAULT '',
ADD COLUMN "sortName" TEXT NOT NULL DEFAULT '';

UPDATE "Student" SET
  "givenName" = CASE WHEN strpos("name", ' ') > 0 THEN rtrim(regexp_replace("name", ' [^ ]*$', '')) ELSE "name" END,
  "familyName" = CASE WHEN strpos("name", ' ') > 0 THEN regexp_replace("name", '^.* ', '') ELSE '' END;
UPDATE "Student" SET "sortName" = lower(CASE WHEN "familyName" <> '' THEN "familyName" || ' ' || "givenName" ELSE "givenName" END);
UPDATE "Teacher" SET
  "givenName" = CASE WHEN strpos("name", ' ') > 0 THEN rtrim(regexp_replace("name", ' [^ ]*$', '')) ELSE "name" END,
  "familyName" = CASE WHEN strpos("name", ' ') > 0 THEN regexp_replace("name", '^.* ', '') ELSE '' END;
UPDATE "Teacher" SET "sortName" = lower(CASE WHEN "familyName" <> '' THEN "familyName" || ' ' || "givenName" ELSE "givenName" END);

-- Every writer gives them (lib/names withNames): no default.
ALTER TABLE "Student" ALTER COLUMN "givenName" DROP DEFAULT, ALTER COLUMN "sortName" DROP DEFAULT;
ALTER TABLE "Teacher" ALTER COLUMN "givenName" DROP DEFAULT, ALTER COLUMN "sortName" DROP DEFAULT;

CREATE INDEX "Student_sortName_id_idx" ON "Student"("sortName", "id");
CREATE INDEX "Teacher_sortName_id_idx" ON "Teacher"("sortName", "id");

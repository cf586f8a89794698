-- People search (docs/decisions/027): a trigram full-text index of each
-- student's name, email address and student number, so "contains" and
-- "begins with" searches read the index instead of every student. Prisma's
-- schema cannot declare a virtual table: prisma/sqlite/outside-prisma.sql
-- names what this makes, for scripts/check-migrations.sh.
--
-- The index is keyed by an entry number of its own (StudentSearchEntry), not
-- by Student's rowid: Student's key is text, so its rowids are implicit and
-- VACUUM (and so `npm run backup`) may renumber them. The index keeps no copy
-- of the text (contentless); a student's entry finds its row to delete.
CREATE TABLE "StudentSearchEntry" (
    "entry" INTEGER NOT NULL PRIMARY KEY,
    "studentId" TEXT NOT NULL
);
CREATE UNIQUE INDEX "StudentSearchEntry_studentId_key" ON "StudentSearchEntry"("studentId");

CREATE VIRTUAL TABLE "StudentSearch" USING fts5("name", "email", "studentNumber", content = '', contentless_delete = 1, tokenize = 'trigram');

INSERT INTO "StudentSearchEntry" ("studentId") SELECT "id" FROM "Student";
INSERT INTO "StudentSearch" ("rowid", "name", "email", "studentNumber")
SELECT e."entry", s."name", s."email", s."studentNumber" FROM "Student" s JOIN "StudentSearchEntry" e ON e."studentId" = s."id";

CREATE TRIGGER "Student_search_insert" AFTER INSERT ON "Student" BEGIN
  INSERT INTO "StudentSearchEntry" ("studentId") VALUES (new."id");
  INSERT INTO "StudentSearch" ("rowid", "name", "email", "studentNumber") VALUES (last_insert_rowid(), new."name", new."email", new."studentNumber");
END;

-- Only when what the index holds changed: an import that rewrites a student as they were costs nothing here.
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

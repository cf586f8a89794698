-- People search (docs/decisions/027): a trigram full-text index of each
-- student's name, email address and student number, so "contains" and
-- "begins with" searches read the index instead of every student. Prisma's
-- schema cannot declare a virtual table: prisma/sqlite/outside-prisma.sql
-- names what this makes, for scripts/check-migrations.sh.
--
-- The index keeps its own copy of the text (not Student's rowid: VACUUM, and
-- so `npm run backup`, may renumber the rowids of a table whose key is text),
-- and the student's id, indexed too, so a change finds its row by the index.
CREATE VIRTUAL TABLE "StudentSearch" USING fts5("id", "name", "email", "studentNumber", tokenize = 'trigram');

INSERT INTO "StudentSearch" ("id", "name", "email", "studentNumber")
SELECT "id", "name", "email", "studentNumber" FROM "Student";

CREATE TRIGGER "Student_search_insert" AFTER INSERT ON "Student" BEGIN
  INSERT INTO "StudentSearch" ("id", "name", "email", "studentNumber") VALUES (new."id", new."name", new."email", new."studentNumber");
END;

CREATE TRIGGER "Student_search_update" AFTER UPDATE OF "id", "name", "email", "studentNumber" ON "Student" BEGIN
  DELETE FROM "StudentSearch" WHERE rowid IN (
    SELECT rowid FROM "StudentSearch" WHERE "StudentSearch" MATCH 'id : "' || replace(old."id", '"', '""') || '"' AND "id" = old."id");
  INSERT INTO "StudentSearch" ("id", "name", "email", "studentNumber") VALUES (new."id", new."name", new."email", new."studentNumber");
END;

CREATE TRIGGER "Student_search_delete" AFTER DELETE ON "Student" BEGIN
  DELETE FROM "StudentSearch" WHERE rowid IN (
    SELECT rowid FROM "StudentSearch" WHERE "StudentSearch" MATCH 'id : "' || replace(old."id", '"', '""') || '"' AND "id" = old."id");
END;

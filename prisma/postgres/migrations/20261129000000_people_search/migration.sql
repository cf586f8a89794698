-- People search (docs/decisions/027): a trigram index of each student's name,
-- email address and student number (in lower case, as the searches compare
-- them: LOWER(column) LIKE pattern), so "contains" and "begins with"
-- searches read the index instead of every student. pg_trgm ships with
-- PostgreSQL and is a trusted extension: the database's owner may create it.
-- Prisma's schema cannot declare an index for one provider only (the models
-- are shared with SQLite): prisma/postgres/outside-prisma.sql names it, for
-- scripts/check-migrations.sh.
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

CREATE INDEX "Student_search_idx" ON "Student" USING GIN (LOWER("name") gin_trgm_ops, LOWER("email") gin_trgm_ops, LOWER("studentNumber") gin_trgm_ops);

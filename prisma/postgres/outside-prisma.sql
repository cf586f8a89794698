-- What the migrations make that Prisma's schema cannot declare (docs/decisions/027).
-- scripts/check-migrations.sh drops these from a copy of its scratch database
-- before comparing it with the schema: each must exist (DROP without IF EXISTS).
DROP INDEX "Student_search_idx";
DROP FUNCTION "rollbook_must"(boolean, integer);

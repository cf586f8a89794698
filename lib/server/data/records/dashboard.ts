import "server-only";
import { requireAdmin, type Viewer } from "@/lib/server/authz";
import { db, readRow } from "@/lib/server/db";
import { asNumber } from "@/lib/server/data/sql";

// One statement. Enrollments are the sum of the classes' counters, which
// every enrollment write keeps equal to their rows (docs/decisions/003): no
// count over 100,000 rows on every view of the home page.
const COUNTS_SQL = `
  SELECT (SELECT COUNT(*) FROM "Student") AS "students", (SELECT COUNT(*) FROM "Course") AS "courses",
    (SELECT COUNT(*) FROM "Teacher") AS "teachers", (SELECT COALESCE(SUM("enrolledCount"), 0) FROM "Course") AS "enrollments",
    (SELECT COUNT(*) FROM "SignInRequest" WHERE "refusedAt" IS NULL) AS "linkRequests"`;

export async function getAdminCounts(viewer: Viewer | null) {
  requireAdmin(viewer);
  const row = (await readRow(db, COUNTS_SQL, []))!;
  return {
    students: asNumber(row.students),
    courses: asNumber(row.courses),
    teachers: asNumber(row.teachers),
    enrollments: asNumber(row.enrollments),
    /** school accounts waiting to be linked (decision 035) */
    linkRequests: asNumber(row.linkRequests),
  };
}

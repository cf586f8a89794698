import "server-only";
import { db, readRow } from "@/lib/server/db";

// The session user's row and the change counters a class page is rendered
// from. Database triggers bump Course.version and DataStamp "students" on
// every write a class page shows (prisma/*/migrations/*_page_cache_stamps).
const STAMP_SQL = `
  SELECT u."email", u."name", u."role", u."studentId", u."teacherId",
    (SELECT c."version" FROM "Course" c WHERE c."id" = $2) AS "courseVersion",
    (SELECT s."version" FROM "DataStamp" s WHERE s."name" = 'students') AS "studentsVersion"
  FROM "User" u WHERE u."id" = $1`;

/**
 * The stamp of a class page for a user, in one statement sent straight to
 * the driver (it runs on every request). Null when the user or the class
 * doesn't exist.
 */
export async function pageStamp(userId: string, courseId: string, students: boolean): Promise<string | null> {
  const row = await readRow(db, STAMP_SQL, [userId, courseId]);
  if (!row || row.courseVersion === null || row.courseVersion === undefined) return null;
  const { email, name, role, studentId, teacherId, courseVersion, studentsVersion } = row;
  return JSON.stringify([email, name, role, studentId, teacherId, String(courseVersion), students ? String(studentsVersion) : null]);
}

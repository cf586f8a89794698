import "server-only";
import { db, readRow } from "@/lib/server/db";
import { asDate } from "@/lib/server/data/sql";

// The session user's row (through their live session) and the change
// counters a class page is rendered from. Database triggers bump
// Course.version and DataStamp "students" on every write a class page shows
// (prisma/*/migrations/*_page_cache_stamps).
const STAMP_SQL = `
  SELECT u."email", u."name", u."role", u."studentId", u."teacherId", x."expiresAt",
    (SELECT c."version" FROM "Course" c WHERE c."id" = $2) AS "courseVersion",
    (SELECT s."version" FROM "DataStamp" s WHERE s."name" = 'students') AS "studentsVersion"
  FROM "Session" x JOIN "User" u ON u."id" = x."userId" WHERE x."id" = $1`;

/**
 * The stamp of a class page for a session's user, in one statement sent
 * straight to the driver (it runs on every request). Null when the session
 * was ended or has expired, or the class doesn't exist.
 */
export async function pageStamp(sessionId: string, courseId: string, students: boolean, now = new Date()): Promise<string | null> {
  const row = await readRow(db, STAMP_SQL, [sessionId, courseId]);
  if (!row || row.courseVersion === null || row.courseVersion === undefined || asDate(row.expiresAt) <= now) return null;
  const { email, name, role, studentId, teacherId, courseVersion, studentsVersion } = row;
  return JSON.stringify([email, name, role, studentId, teacherId, String(courseVersion), students ? String(studentsVersion) : null]);
}

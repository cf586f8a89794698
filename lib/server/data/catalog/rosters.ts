import "server-only";
import { ForbiddenError, requireRole, type Viewer } from "@/lib/server/authz";
import { db, readRows } from "@/lib/server/db";
import { readMeetings } from "@/lib/server/data/catalog/meetings";
import { studentSearch } from "@/lib/server/data/people/search";
import { asDate, asNumber, asNumberOrNull } from "@/lib/server/data/sql";
import type { Prisma } from "@/lib/generated/sqlite/client";

function requireTeacher(viewer: Viewer | null): string {
  const actor = requireRole(viewer, "TEACHER");
  if (!actor.teacherId) throw new ForbiddenError("Your account is not linked to a teacher record: ask your school.");
  return actor.teacherId;
}

/**
 * Which classes this viewer may read the roster of: an admin any, a teacher
 * only those they teach. Used in the query itself, so a class the viewer may
 * not see is simply not found (a 404, which doesn't confirm it exists).
 */
export function visibleCourses(viewer: Viewer | null): Prisma.CourseWhereInput {
  const actor = requireRole(viewer, "TEACHER", "ADMIN");
  return actor.role === "ADMIN" ? {} : { teacherId: requireTeacher(actor) };
}

/** "My classes": the classes the signed-in teacher teaches, with counts. */
export async function listMyCourses(viewer: Viewer | null) {
  const teacherId = requireTeacher(viewer);
  const courses = await db.course.findMany({
    where: { teacherId },
    orderBy: { code: "asc" },
    select: {
      id: true,
      code: true,
      title: true,
      capacity: true,
      enrolledCount: true,
      term: { select: { name: true } },
      _count: { select: { waitlist: true } },
    },
  });
  return courses.map(({ _count, term, ...c }) => ({ ...c, termName: term?.name ?? null, waitlistCount: _count.waitlist }));
}

// A roster is three statements sent straight to the driver; the first one
// also decides whether the viewer may see the class (a teacher: theirs only).
const ROSTER_COURSE_SQL = `
  SELECT c."id", c."code", c."title", c."capacity", c."enrolledCount", t."name" AS "teacherName", m."name" AS "termName"
  FROM "Course" c LEFT JOIN "Teacher" t ON t."id" = c."teacherId" LEFT JOIN "Term" m ON m."id" = c."termId"
  WHERE c."id" = $1 AND ($2 = '' OR c."teacherId" = $2)`;
// A roster is one class: its rows are tested (paging.ts, studentSearch "few"), not looked up in the school's index.
const rosterEnrolledSql = (search: string) => `
  SELECT s."id", s."name", s."email", s."studentNumber", e."enrolledAt", e."source"
  FROM "Enrollment" e JOIN "Student" s ON s."id" = e."studentId"
  WHERE e."courseId" = $1 AND ${search}
  ORDER BY s."sortName", s."id"`;
const ROSTER_WAITLIST_SQL = `
  SELECT s."id", s."name", s."email", w."joinedAt"
  FROM "WaitlistEntry" w JOIN "Student" s ON s."id" = w."studentId"
  WHERE w."courseId" = $1 ORDER BY w."id"`;

/**
 * A roster: the class (with its term and when it meets), its enrolled
 * students sorted by name (optionally searched), and its waitlist in order.
 * Null when the class does not exist or the viewer doesn't teach it. Four
 * statements whatever the roster size.
 */
export async function getRoster(viewer: Viewer | null, courseId: string, opts: { q: string } = { q: "" }) {
  const actor = requireRole(viewer, "TEACHER", "ADMIN");
  const teacherId = actor.role === "ADMIN" ? "" : requireTeacher(actor);
  const search = await studentSearch(opts.q, 2, "few");
  const [[course], enrolled, waitlist, meetings] = await Promise.all([
    readRows(db, ROSTER_COURSE_SQL, [courseId, teacherId]),
    readRows(db, rosterEnrolledSql(search.where("s")), [courseId, ...search.params]),
    readRows(db, ROSTER_WAITLIST_SQL, [courseId]),
    readMeetings([courseId]),
  ]);
  // Read side by side; what the viewer may not see is dropped, never shown.
  if (!course) return null;
  return {
    course: {
      id: String(course.id),
      code: String(course.code),
      title: String(course.title),
      capacity: asNumberOrNull(course.capacity),
      enrolledCount: asNumber(course.enrolledCount),
      teacher: course.teacherName === null ? null : { name: String(course.teacherName) },
      termName: (course.termName as string | null) ?? null,
      meetings: meetings.get(courseId) ?? [],
    },
    enrolled: enrolled.map((e) => ({
      id: String(e.id),
      name: String(e.name),
      email: String(e.email),
      studentNumber: (e.studentNumber as string | null) ?? null,
      enrolledAt: asDate(e.enrolledAt),
      source: String(e.source),
    })),
    waitlist: waitlist.map((w, i) => ({ id: String(w.id), name: String(w.name), email: String(w.email), joinedAt: asDate(w.joinedAt), position: i + 1 })),
  };
}

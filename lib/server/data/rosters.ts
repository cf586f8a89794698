import "server-only";
import { ForbiddenError, requireRole, type Viewer } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import { textSearch } from "@/lib/server/data/paging";
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
      _count: { select: { waitlist: true } },
    },
  });
  return courses.map(({ _count, ...c }) => ({ ...c, waitlistCount: _count.waitlist }));
}

/**
 * A roster: the class, its enrolled students sorted by name (optionally
 * searched), and its waitlist in order. Null when the class does not exist or
 * the viewer doesn't teach it. Three queries whatever the roster size.
 */
export async function getRoster(viewer: Viewer | null, courseId: string, opts: { q: string } = { q: "" }) {
  const where = { id: courseId, ...visibleCourses(viewer) };
  const course = await db.course.findFirst({
    where,
    select: { id: true, code: true, title: true, capacity: true, enrolledCount: true, teacher: { select: { name: true } } },
  });
  if (!course) return null;
  const studentWhere = textSearch<Prisma.StudentWhereInput>(opts.q, ["name", "email"]);
  const [enrolled, waitlist] = await Promise.all([
    db.enrollment.findMany({
      where: { courseId, student: studentWhere },
      orderBy: [{ student: { name: "asc" } }, { studentId: "asc" }],
      select: {
        enrolledAt: true,
        source: true,
        student: { select: { id: true, name: true, email: true, studentNumber: true } },
      },
    }),
    db.waitlistEntry.findMany({
      where: { courseId },
      orderBy: { id: "asc" },
      select: { joinedAt: true, student: { select: { id: true, name: true, email: true } } },
    }),
  ]);
  return {
    course,
    enrolled: enrolled.map((e) => ({ ...e.student, enrolledAt: e.enrolledAt, source: e.source })),
    waitlist: waitlist.map((w, i) => ({ ...w.student, joinedAt: w.joinedAt, position: i + 1 })),
  };
}

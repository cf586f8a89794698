import "server-only";
import { DAY_NAMES, formatTime } from "@/lib/meetings";
import { requireAdmin, type Viewer } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import { actorOf } from "@/lib/server/data/enrollment/actor";
import { schoolPolicy } from "@/lib/server/data/enrollment/rules";
import { runTick, tickTxn } from "@/lib/server/data/enrollment/tick";
import { localDay } from "@/lib/format-date";
import { MEETING_SELECT } from "@/lib/server/data/catalog/meetings";

/**
 * The JSON API's reads and writes: the same rules as the pages (admin only,
 * capacity, events), shaped for integrations. Lists are paged by `page` and
 * `limit` (at most 200).
 */

export type ApiPage = { page: number; limit: number };

function window({ page, limit }: ApiPage, total: number) {
  return { skip: (page - 1) * limit, take: limit, meta: { page, limit, total, pages: Math.max(1, Math.ceil(total / limit)) } };
}

export async function apiListClasses(viewer: Viewer | null, paging: ApiPage) {
  requireAdmin(viewer);
  const total = await db.course.count();
  const w = window(paging, total);
  const rows = await db.course.findMany({
    orderBy: { code: "asc" },
    skip: w.skip,
    take: w.take,
    select: {
      id: true,
      sourcedId: true,
      code: true,
      title: true,
      capacity: true,
      enrolledCount: true,
      selfEnrollment: true,
      teacher: { select: { id: true, name: true } },
      term: { select: { id: true, sourcedId: true, name: true, startsOn: true, endsOn: true } },
      meetings: { select: MEETING_SELECT, orderBy: [{ day: "asc" }, { startMinute: "asc" }] },
    },
  });
  return {
    data: rows.map(({ enrolledCount, term, meetings, ...c }) => ({
      ...c,
      enrolled: enrolledCount,
      term: term && { id: term.id, sourcedId: term.sourcedId, name: term.name, startDate: localDay(term.startsOn), endDate: localDay(term.endsOn) },
      meetings: meetings.map((m) => ({ day: DAY_NAMES[m.day - 1]!, start: formatTime(m.startMinute), end: formatTime(m.endMinute), room: m.room })),
    })),
    ...w.meta,
  };
}

/** A class's enrollments in the order of the students' family names, or null when there is no such class. */
export async function apiListClassEnrollments(viewer: Viewer | null, classId: string, paging: ApiPage) {
  requireAdmin(viewer);
  const course = await db.course.findUnique({ where: { id: classId }, select: { enrolledCount: true } });
  if (!course) return null;
  const total = await db.enrollment.count({ where: { courseId: classId } });
  const w = window(paging, total);
  const rows = await db.enrollment.findMany({
    where: { courseId: classId },
    orderBy: [{ student: { sortName: "asc" } }, { studentId: "asc" }],
    skip: w.skip,
    take: w.take,
    select: { enrolledAt: true, source: true, student: { select: { id: true, sourcedId: true, name: true, givenName: true, familyName: true, email: true, studentNumber: true } } },
  });
  return { data: rows.map((r) => ({ student: r.student, enrolledAt: r.enrolledAt, source: r.source })), ...w.meta };
}

/** A student's enrollments by class code, or null when there is no such student. */
export async function apiListStudentEnrollments(viewer: Viewer | null, studentId: string, paging: ApiPage) {
  requireAdmin(viewer);
  const student = await db.student.findUnique({ where: { id: studentId }, select: { id: true } });
  if (!student) return null;
  const total = await db.enrollment.count({ where: { studentId } });
  const w = window(paging, total);
  const rows = await db.enrollment.findMany({
    where: { studentId },
    orderBy: { course: { code: "asc" } },
    skip: w.skip,
    take: w.take,
    select: { enrolledAt: true, source: true, course: { select: { id: true, sourcedId: true, code: true, title: true } } },
  });
  return { data: rows.map((r) => ({ class: r.course, enrolledAt: r.enrolledAt, source: r.source })), ...w.meta };
}

export type ApiWrite =
  | { status: "created" | "deleted" | "unchanged"; enrollment: { enrolledAt: Date; source: string } | null }
  | { status: "not_found"; message: string }
  | { status: "refused"; message: string }
  /** the database was too busy: nothing was written, and trying again is safe */
  | { status: "busy"; message: string };

/**
 * PUT (enrolled: true) and DELETE (false) of one enrollment, through the same
 * change path as a tick on the admin pages (capacity, waitlist, events), as
 * a change set of kind API. PUT of an existing enrollment changes nothing.
 */
export async function apiSetEnrollment(viewer: Viewer | null, link: { studentId: string; courseId: string }, enrolled: boolean): Promise<ApiWrite> {
  const actor = requireAdmin(viewer);
  // The same short transaction as an admin's tick (enrollment/tick.ts), as a change set of kind API.
  const result = await runTick(() => tickTxn(actorOf(actor, "API"), "API", { ...link, enrolled }, schoolPolicy));
  if (result.ok) {
    const { enrolledAt } = result.value;
    return enrolled ? { status: "created", enrollment: { enrolledAt: enrolledAt!, source: "API" } } : { status: "deleted", enrollment: null };
  }
  if (result.code === "busy") return { status: "busy", message: result.message };
  if (result.code === "gone") return { status: "not_found", message: result.message };
  if (result.code === "not-enrolled") return { status: "not_found", message: "That student is not enrolled in that class." };
  if (result.code === "already") {
    const existing = await db.enrollment.findUnique({ where: { studentId_courseId: link }, select: { enrolledAt: true, source: true } });
    if (existing) return { status: "unchanged", enrollment: existing };
  }
  return { status: "refused", message: result.message };
}

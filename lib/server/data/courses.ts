import "server-only";
import { randomBytes } from "node:crypto";
import { requireAdmin, type Viewer } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import {
  enrollIn,
  inEnrollmentTransaction,
  type Link,
  promoteFromWaitlist,
  recordRemovals,
} from "@/lib/server/data/enrollments";
import { leaveWaitlistIn } from "@/lib/server/data/waitlist";
import { pageWindow, textSearch, type Page } from "@/lib/server/data/paging";
import { fail, isUniqueViolation, ok, refusable, RefusedError, type Result } from "@/lib/server/data/result";
import type { CourseInput } from "@/lib/schemas/courses";
import type { Prisma } from "@/lib/generated/sqlite/client";

export type CourseRow = {
  id: string;
  code: string;
  title: string;
  capacity: number | null;
  enrolledCount: number;
  teacher: { id: string; name: string } | null;
};

const courseRowSelect = {
  id: true,
  code: true,
  title: true,
  capacity: true,
  enrolledCount: true,
  teacher: { select: { id: true, name: true } },
} satisfies Prisma.CourseSelect;

export async function listCourses(viewer: Viewer | null, opts: { q: string; page: number }): Promise<Page<CourseRow>> {
  requireAdmin(viewer);
  const where = textSearch<Prisma.CourseWhereInput>(opts.q, ["code", "title"]);
  const total = await db.course.count({ where });
  const w = pageWindow(opts.page, total);
  const rows = await db.course.findMany({
    where,
    orderBy: { code: "asc" },
    skip: w.skip,
    take: w.take,
    select: courseRowSelect,
  });
  return { rows, total, page: w.page, pageCount: w.pageCount, pageSize: w.pageSize };
}

/** For forms: the class's editable fields, or null. */
export async function getCourse(viewer: Viewer | null, id: string) {
  requireAdmin(viewer);
  return db.course.findUnique({
    where: { id },
    select: {
      ...courseRowSelect,
      description: true,
      teacherId: true,
      selfEnrollment: true,
      opensAt: true,
      closesAt: true,
      dropDeadline: true,
      joinCode: true,
    },
  });
}

export const CANDIDATE_PAGE_SIZE = 20;

/**
 * A class's page: details, the whole roster sorted by name, and one page of
 * students matching the search, each with whether they are enrolled. A fixed
 * number of queries whatever the roster or school size.
 */
export async function getCoursePage(viewer: Viewer | null, id: string, opts: { q: string; page: number }) {
  requireAdmin(viewer);
  const candidateWhere = textSearch<Prisma.StudentWhereInput>(opts.q, ["name", "email"]);
  const [course, roster, waitlist, candidateTotal] = await Promise.all([
    db.course.findUnique({
      where: { id },
      select: {
        ...courseRowSelect,
        description: true,
        selfEnrollment: true,
        opensAt: true,
        closesAt: true,
        dropDeadline: true,
        joinCode: true,
      },
    }),
    db.enrollment.findMany({
      where: { courseId: id },
      orderBy: [{ student: { name: "asc" } }, { studentId: "asc" }],
      select: {
        enrolledAt: true,
        source: true,
        student: { select: { id: true, name: true, email: true } },
      },
    }),
    db.waitlistEntry.findMany({
      where: { courseId: id },
      orderBy: { id: "asc" },
      select: { joinedAt: true, student: { select: { id: true, name: true, email: true } } },
    }),
    db.student.count({ where: candidateWhere }),
  ]);
  if (!course) return null;
  const w = pageWindow(opts.page, candidateTotal, CANDIDATE_PAGE_SIZE);
  const candidates = await db.student.findMany({
    where: candidateWhere,
    orderBy: [{ name: "asc" }, { id: "asc" }],
    skip: w.skip,
    take: w.take,
    select: {
      id: true,
      name: true,
      email: true,
      enrollments: { where: { courseId: id }, select: { enrolledAt: true } },
    },
  });
  return {
    course,
    roster: roster.map((e) => ({ ...e.student, enrolledAt: e.enrolledAt, source: e.source })),
    waitlist: waitlist.map((w, i) => ({ ...w.student, joinedAt: w.joinedAt, position: i + 1 })),
    candidates: {
      rows: candidates.map(({ enrollments, ...s }) => ({ ...s, enrolledAt: enrollments[0]?.enrolledAt ?? null })),
      total: candidateTotal,
      page: w.page,
      pageCount: w.pageCount,
      pageSize: w.pageSize,
    } satisfies Page<unknown>,
  };
}

async function checkCourseInput(input: CourseInput, exceptId?: string): Promise<Record<string, string>> {
  const [clash, teacher] = await Promise.all([
    db.course.findFirst({
      where: { code: input.code, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
      select: { id: true },
    }),
    input.teacherId ? db.teacher.findUnique({ where: { id: input.teacherId }, select: { id: true } }) : null,
  ]);
  const errors: Record<string, string> = {};
  if (clash) errors.code = `Another class already has the code ${input.code}.`;
  if (input.teacherId && !teacher) errors.teacherId = "That teacher no longer exists: choose another.";
  return errors;
}

function codeClash(error: unknown, code: string): Result<never> | null {
  return isUniqueViolation(error, "code")
    ? fail("Check the form.", { code: `Another class already has the code ${code}.` })
    : null;
}

export async function createCourse(viewer: Viewer | null, input: CourseInput): Promise<Result<{ id: string }>> {
  requireAdmin(viewer);
  const errors = await checkCourseInput(input);
  if (Object.keys(errors).length) return fail("Check the form.", errors);
  try {
    return ok(await db.course.create({ data: input, select: { id: true } }));
  } catch (error) {
    const result = codeClash(error, input.code);
    if (result) return result;
    throw error;
  }
}

export async function updateCourse(
  viewer: Viewer | null,
  id: string,
  input: CourseInput,
): Promise<Result<{ id: string; promoted: number }>> {
  const actor = requireAdmin(viewer);
  const errors = await checkCourseInput(input, id);
  if (Object.keys(errors).length) return fail("Check the form.", errors);
  try {
    return await refusable(() =>
      db.$transaction(async (tx) => {
        // The capacity may not drop below the number already enrolled; the
        // condition is part of the update, so a concurrent enrollment can't slip in.
        const { count } = await tx.course.updateMany({
          where: { id, ...(input.capacity === null ? {} : { enrolledCount: { lte: input.capacity } }) },
          data: input,
        });
        if (count === 0) {
          const now = await tx.course.findUnique({ where: { id }, select: { enrolledCount: true } });
          if (!now) throw new RefusedError("That class no longer exists.");
          throw new RefusedError("Check the form.", {
            capacity: `${now.enrolledCount} students are enrolled: the capacity can't be lower than that.`,
          });
        }
        // A raised capacity (or none) seats the waitlist at once.
        const promoted = await promoteFromWaitlist(tx, actor, id);
        return { id, promoted };
      }),
    );
  } catch (error) {
    const result = codeClash(error, input.code);
    if (result) return result;
    throw error;
  }
}

// No 0/O or 1/I/L: codes are read aloud and copied from a board.
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

export function newJoinCode(length = 6): string {
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("");
}

/** Replaces a class's join code with a fresh random one; the old one stops working. */
export async function regenerateJoinCode(viewer: Viewer | null, id: string): Promise<Result<{ joinCode: string }>> {
  requireAdmin(viewer);
  const joinCode = newJoinCode();
  const { count } = await db.course.updateMany({ where: { id }, data: { joinCode } });
  return count ? ok({ joinCode }) : fail("That class no longer exists.");
}

/** An admin seats a waiting student now (capacity still applies). */
export async function admitFromWaitlist(viewer: Viewer | null, link: Link): Promise<Result<{ enrolledAt: Date }>> {
  const actor = requireAdmin(viewer);
  return inEnrollmentTransaction(async (tx) => {
    const entry = await tx.waitlistEntry.findUnique({ where: { studentId_courseId: link }, select: { id: true } });
    if (!entry) throw new RefusedError("That student is no longer on the waitlist.");
    return enrollIn(tx, actor, link, "ADMIN", "admitted from the waitlist");
  });
}

/** An admin takes a student off a waitlist without a seat. */
export async function removeFromWaitlist(viewer: Viewer | null, link: Link): Promise<Result<null>> {
  const actor = requireAdmin(viewer);
  return inEnrollmentTransaction(async (tx) => {
    await leaveWaitlistIn(tx, actor, link, "ADMIN");
    return null;
  });
}

/** Deletes a class, recording each enrollment that goes with it. */
export async function deleteCourse(viewer: Viewer | null, id: string): Promise<Result<{ removedEnrollments: number }>> {
  const actor = requireAdmin(viewer);
  return refusable(() =>
    db.$transaction(async (tx) => {
      const course = await tx.course.findUnique({
        where: { id },
        select: {
          id: true,
          code: true,
          enrollments: { select: { studentId: true, enrolledAt: true, source: true, student: { select: { name: true } } } },
        },
      });
      if (!course) throw new RefusedError("That class no longer exists.");
      await recordRemovals(
        tx,
        actor,
        course.enrollments.map((e) => ({
          studentId: e.studentId,
          studentName: e.student.name,
          courseId: course.id,
          courseCode: course.code,
          enrolledAt: e.enrolledAt,
          enrolledSource: e.source,
        })),
        "class deleted",
      );
      await tx.course.delete({ where: { id } });
      return { removedEnrollments: course.enrollments.length };
    }),
  );
}

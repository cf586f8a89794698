import "server-only";
import { requireAdmin, type Viewer } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import { recordRemovals } from "@/lib/server/data/enrollments";
import { pageWindow, type Page } from "@/lib/server/data/paging";
import { fail, isUniqueViolation, ok, refusable, RefusedError, type Result } from "@/lib/server/data/result";
import type { CourseInput } from "@/lib/schemas/courses";
import type { Prisma } from "@/lib/generated/prisma/client";

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
  const where: Prisma.CourseWhereInput = opts.q
    ? { OR: [{ code: { contains: opts.q } }, { title: { contains: opts.q } }] }
    : {};
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
    select: { ...courseRowSelect, description: true, teacherId: true },
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
  const candidateWhere: Prisma.StudentWhereInput = opts.q
    ? { OR: [{ name: { contains: opts.q } }, { email: { contains: opts.q } }] }
    : {};
  const [course, roster, candidateTotal] = await Promise.all([
    db.course.findUnique({ where: { id }, select: { ...courseRowSelect, description: true } }),
    db.enrollment.findMany({
      where: { courseId: id },
      orderBy: [{ student: { name: "asc" } }, { studentId: "asc" }],
      select: {
        enrolledAt: true,
        source: true,
        student: { select: { id: true, name: true, email: true } },
      },
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
): Promise<Result<{ id: string }>> {
  requireAdmin(viewer);
  const errors = await checkCourseInput(input, id);
  if (Object.keys(errors).length) return fail("Check the form.", errors);
  try {
    return await refusable(async () => {
      // The capacity may not drop below the number already enrolled; the
      // condition is part of the update, so a concurrent enrollment can't slip in.
      const { count } = await db.course.updateMany({
        where: { id, ...(input.capacity === null ? {} : { enrolledCount: { lte: input.capacity } }) },
        data: input,
      });
      if (count === 0) {
        const now = await db.course.findUnique({ where: { id }, select: { enrolledCount: true } });
        if (!now) throw new RefusedError("That class no longer exists.");
        throw new RefusedError("Check the form.", {
          capacity: `${now.enrolledCount} students are enrolled: the capacity can't be lower than that.`,
        });
      }
      return { id };
    });
  } catch (error) {
    const result = codeClash(error, input.code);
    if (result) return result;
    throw error;
  }
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
          enrollments: { select: { studentId: true, student: { select: { name: true } } } },
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
        })),
        "class deleted",
      );
      await tx.course.delete({ where: { id } });
      return { removedEnrollments: course.enrollments.length };
    }),
  );
}

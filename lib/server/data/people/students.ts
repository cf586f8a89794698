import "server-only";
import { actorFor, recordChange, type AuditFields } from "@/lib/server/data/records/audit";
import { readTimetable } from "@/lib/server/data/catalog/meetings";
import { inShownTermSql } from "@/lib/server/data/catalog/term-days";
import { startOfDay } from "@/lib/format-date";
import { requireAdmin, type Viewer } from "@/lib/server/authz";
import { db, readRows } from "@/lib/server/db";
import { asDate, asDateOrNull, asNumber, asNumberOrNull, transaction, within } from "@/lib/server/data/sql";
import { actorOf } from "@/lib/server/data/enrollment/actor";
import { applyMany } from "@/lib/server/data/enrollment/many";
import { pageWindow, pageOf, type Page, type Sort } from "@/lib/server/data/paging";
import { studentSearch, type StudentSearch } from "@/lib/server/data/people/search";
import { fail, isUniqueViolation, ok, refusable, RefusedError, type Result } from "@/lib/server/data/result";
import type { StudentInput } from "@/lib/schemas/people";

export type StudentRow = {
  id: string;
  name: string;
  email: string;
  studentNumber: string | null;
  classCount: number;
};

/** The orders the students list offers (its column headers). */
export const STUDENT_SORTS = ["name", "email", "number", "classes"] as const;
export type StudentSort = Sort<(typeof STUDENT_SORTS)[number]>;

// Ties (no number, as many classes) fall back to the name, then the id: a stable order for paging.
function studentOrderSql({ key, dir }: StudentSort): string {
  const d = dir === "desc" ? "DESC" : "ASC";
  if (key === "email") return `s."email" ${d}`;
  if (key === "number") return `s."studentNumber" ${d} NULLS LAST, s."sortName", s."id"`;
  if (key === "classes") return `"classCount" ${d}, s."sortName", s."id"`;
  return `s."sortName" ${d}, s."id" ${d}`;
}

const CLASS_COUNT = `(SELECT COUNT(*) FROM "Enrollment" e WHERE e."studentId" = s."id") AS "classCount"`;

/**
 * The students list's two statements for a search: how many match, and a
 * page of them (its limit and offset follow the search's parameters).
 * Classes are counted for the page's students only, unless they are the
 * order. Exported for bench:search.
 */
export function studentListSql(search: StudentSearch, sort: StudentSort) {
  const [limit, offset] = [`$${search.params.length + 1}`, `$${search.params.length + 2}`];
  const order = studentOrderSql(sort);
  const page =
    sort.key === "classes"
      ? `SELECT s."id", s."name", s."email", s."studentNumber", ${CLASS_COUNT}
         FROM "Student" s WHERE ${search.where("s")} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`
      : `SELECT s."id", s."name", s."email", s."studentNumber", ${CLASS_COUNT}
         FROM (SELECT s."id", s."name", s."sortName", s."email", s."studentNumber" FROM "Student" s WHERE ${search.where("s")}
               ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}) s
         ORDER BY ${order}`;
  return { count: `SELECT COUNT(*) AS "total" FROM "Student" s WHERE ${search.where("s")}`, page };
}

/**
 * The students list: a page of students matching the search (paging.ts,
 * studentSearch: from the people-search index at 3+ characters), each with
 * how many classes they are in, and how many match. Two statements (three
 * for a search the index answers on SQLite).
 */
export async function listStudents(
  viewer: Viewer | null,
  opts: { q: string; page: number; sort?: StudentSort; pageSize?: number },
): Promise<Page<StudentRow>> {
  requireAdmin(viewer);
  const search = await studentSearch(opts.q, 1);
  const sql = studentListSql(search, opts.sort ?? { key: "name", dir: "asc" });
  const [count] = await readRows(db, sql.count, search.params, search.planned);
  const total = asNumber(count!.total);
  const w = pageWindow(opts.page, total, opts.pageSize);
  const rows = await readRows(db, sql.page, [...search.params, w.take, w.skip], search.planned);
  return pageOf(
    rows.map((r) => ({
      id: String(r.id),
      name: String(r.name),
      email: String(r.email),
      studentNumber: (r.studentNumber as string | null) ?? null,
      classCount: asNumber(r.classCount),
    })),
    total,
    w,
  );
}

export async function getStudent(viewer: Viewer | null, id: string) {
  requireAdmin(viewer);
  const student = await db.student.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      givenName: true,
      familyName: true,
      email: true,
      studentNumber: true,
      createdAt: true,
      _count: { select: { enrollments: true } },
    },
  });
  if (!student) return null;
  const { _count, ...rest } = student;
  return { ...rest, classCount: _count.enrollments };
}

const STUDENT_SQL = `SELECT "id", "name", "email", "studentNumber", "createdAt",
  (SELECT COUNT(*) FROM "Enrollment" e WHERE e."studentId" = $1) AS "classCount" FROM "Student" WHERE "id" = $1`;
const studentClassesSql = (where: string) => `
  SELECT c."id", c."code", c."title", c."capacity", c."enrolledCount", e."enrolledAt", e."source", m."name" AS "termName"
  FROM "Course" c LEFT JOIN "Enrollment" e ON e."courseId" = c."id" AND e."studentId" = $1
  LEFT JOIN "Term" m ON m."id" = c."termId"
  WHERE ${where}
  ORDER BY c."code"`;
// Which classes a student's page lists: "" the current and next term's (and those without a term, as students see them),
// "all", "none" (without a term), or one term's id.
const STUDENT_CLASSES_SQL = {
  shown: studentClassesSql(inShownTermSql("c", "$2")),
  all: studentClassesSql("1 = 1"),
  none: studentClassesSql(`c."termId" IS NULL`),
  term: studentClassesSql(`c."termId" = $2`),
};

/**
 * A student's page: the student (with how many classes they are in, of any
 * term) and the classes of `term` ("" for the current and next term's, "all",
 * "none", or a term's id), ticked where enrolled, and the student's week
 * (their current and next term's classes). Three statements, whatever the sizes.
 */
export async function getStudentEnrollmentPage(viewer: Viewer | null, id: string, term = "", now = new Date()) {
  requireAdmin(viewer);
  const [sql, params] =
    term === ""
      ? [STUDENT_CLASSES_SQL.shown, [id, startOfDay(now)]]
      : term === "all" || term === "none"
        ? [STUDENT_CLASSES_SQL[term], [id]]
        : [STUDENT_CLASSES_SQL.term, [id, term]];
  const [[student], courses, timetable] = await Promise.all([
    readRows(db, STUDENT_SQL, [id]),
    readRows(db, sql, params),
    readTimetable(id, startOfDay(now)),
  ]);
  if (!student) return null;
  return {
    /** the student's week: the current and next term's classes they are in or waiting for */
    timetable,
    student: {
      id: String(student.id),
      name: String(student.name),
      email: String(student.email),
      studentNumber: (student.studentNumber as string | null) ?? null,
      createdAt: asDate(student.createdAt),
      classCount: asNumber(student.classCount),
    },
    courses: courses.map((c) => ({
      id: String(c.id),
      code: String(c.code),
      title: String(c.title),
      capacity: asNumberOrNull(c.capacity),
      enrolledCount: asNumber(c.enrolledCount),
      enrolledAt: asDateOrNull(c.enrolledAt),
      source: (c.source as string | null) ?? null,
      termName: (c.termName as string | null) ?? null,
    })),
  };
}

async function uniqueFieldErrors(input: StudentInput, exceptId?: string) {
  const clashes = await db.student.findMany({
    where: {
      OR: [{ email: input.email }, ...(input.studentNumber ? [{ studentNumber: input.studentNumber }] : [])],
      ...(exceptId ? { NOT: { id: exceptId } } : {}),
    },
    select: { email: true, studentNumber: true },
  });
  const errors: Record<string, string> = {};
  if (clashes.some((c) => c.email === input.email)) errors.email = "Another student already has this email.";
  if (input.studentNumber && clashes.some((c) => c.studentNumber === input.studentNumber))
    errors.studentNumber = "Another student already has this number.";
  return errors;
}

function uniqueViolationResult(error: unknown): Result<never> | null {
  if (isUniqueViolation(error, "email")) return fail("Check the form.", { email: "Another student already has this email." });
  if (isUniqueViolation(error, "studentNumber"))
    return fail("Check the form.", { studentNumber: "Another student already has this number." });
  return null;
}

/** A student as the audit log keeps them. */
export function studentFields(s: { givenName: string; familyName: string; email: string; studentNumber: string | null }): AuditFields {
  return { givenName: s.givenName, familyName: s.familyName, email: s.email, studentNumber: s.studentNumber };
}
const STUDENT_AUDIT = { name: true, givenName: true, familyName: true, email: true, studentNumber: true } as const;

export async function createStudent(viewer: Viewer | null, input: StudentInput): Promise<Result<{ id: string }>> {
  const actor = requireAdmin(viewer);
  const errors = await uniqueFieldErrors(input);
  if (Object.keys(errors).length) return fail("Check the form.", errors);
  try {
    return ok(
      await transaction(async (tx) => {
        const { id } = await tx.student.create({ data: input, select: { id: true } });
        await recordChange(tx, { actor: actorFor(actor), via: "PAGE", kind: "STUDENT", recordId: id, label: input.name, action: "CREATED", before: null, after: studentFields(input) });
        return { id };
      }),
    );
  } catch (error) {
    const result = uniqueViolationResult(error);
    if (result) return result;
    throw error;
  }
}

export async function updateStudent(
  viewer: Viewer | null,
  id: string,
  input: StudentInput,
): Promise<Result<{ id: string }>> {
  const actor = requireAdmin(viewer);
  const errors = await uniqueFieldErrors(input, id);
  if (Object.keys(errors).length) return fail("Check the form.", errors);
  try {
    return await transaction(async (tx) => {
      const was = await tx.student.findUnique({ where: { id }, select: STUDENT_AUDIT });
      if (!was) return fail("That student no longer exists.");
      await tx.student.update({ where: { id }, data: input, select: { id: true } });
      // Their login shows the name they have now (a session read as the old name is read again: sessions.ts).
      if (was.name !== input.name) await tx.user.updateMany({ where: { studentId: id }, data: { name: input.name } });
      await recordChange(tx, { actor: actorFor(actor), via: "PAGE", kind: "STUDENT", recordId: id, label: input.name, action: "UPDATED", before: studentFields(was), after: studentFields(input) });
      return ok({ id });
    });
  } catch (error) {
    const result = uniqueViolationResult(error);
    if (result) return result;
    throw error;
  }
}

/**
 * Deletes a student and their enrollments. Each enrollment's removal is
 * recorded as an event, and each class's seat count given back, in the same
 * transaction, so no history is lost.
 */
export async function deleteStudent(viewer: Viewer | null, id: string): Promise<Result<{ removedEnrollments: number }>> {
  const actor = requireAdmin(viewer);
  return refusable(() =>
    transaction(async (tx) => {
      const student = await tx.student.findUnique({
        where: { id },
        select: {
          id: true,
          ...STUDENT_AUDIT,
          enrollments: { select: { courseId: true } },
        },
      });
      if (!student) throw new RefusedError("That student no longer exists.");
      // Each removal is in the history, and each seat goes to the first waiting for it; the student is not told.
      const change = { actor: actorOf(actor, "ADMIN"), at: new Date(), changeSetId: null };
      const remove = student.enrollments.map((e) => ({ studentId: id, courseId: e.courseId }));
      await within(() => applyMany(change, { add: [], remove }, { addReason: null, removeReason: "student deleted", clash: "ignore", tell: false }));
      await tx.student.delete({ where: { id } });
      const note = student.enrollments.length ? `${student.enrollments.length} enrollments removed with them` : null;
      await recordChange(tx, { actor: actorFor(actor), via: "PAGE", kind: "STUDENT", recordId: id, label: student.name, action: "DELETED", before: studentFields(student), after: null, note });
      return { removedEnrollments: student.enrollments.length };
    }),
  );
}

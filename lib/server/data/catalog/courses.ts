import "server-only";
import { requireAdmin, type Viewer } from "@/lib/server/authz";
import { db, readRows } from "@/lib/server/db";
import { asBoolean, asDate, asDateOrNull, asNumber, asNumberOrNull, transaction, within } from "@/lib/server/data/sql";
import { actorFor, recordChange } from "@/lib/server/data/records/audit";
import { classForAudit } from "@/lib/server/data/catalog/class-audit";
import { actorOf } from "@/lib/server/data/enrollment/actor";
import { applyMany } from "@/lib/server/data/enrollment/many";
import { noticeFor, tell } from "@/lib/server/data/notices/tell";
import { startOfDay } from "@/lib/format-date";
import { MEETING_SELECT, meetingOf, meetingRows, readMeetings } from "@/lib/server/data/catalog/meetings";
import { newJoinCode } from "@/lib/server/data/catalog/join-codes";
import { readClassClashes, type Clash } from "@/lib/server/data/enrollment/clashes";
import { likePattern, pageWindow, pageOf, textMatch, type Page, type Sort } from "@/lib/server/data/paging";
import { studentSearch, type StudentSearch } from "@/lib/server/data/people/search";
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
  term: { id: string; name: string } | null;
};

const courseRowSelect = {
  id: true,
  code: true,
  title: true,
  capacity: true,
  enrolledCount: true,
  teacher: { select: { id: true, name: true } },
  term: { select: { id: true, name: true } },
} satisfies Prisma.CourseSelect;

/** The orders the class list offers (its column headers). */
export const COURSE_SORTS = ["code", "title", "term", "teacher", "enrolled"] as const;
export type CourseSort = Sort<(typeof COURSE_SORTS)[number]>;

const COURSE_ORDERS: Record<CourseSort["key"], (dir: string) => string> = {
  code: (dir) => `c."code" ${dir}`,
  title: (dir) => `c."title" ${dir}, c."code"`,
  // Classes without a teacher come first or last as each database orders nulls.
  teacher: (dir) => `t."sortName" ${dir}, c."code"`,
  enrolled: (dir) => `c."enrolledCount" ${dir}, c."code"`,
  // By the term's first day (newest last, ascending), then code.
  term: (dir) => `m."startsOn" ${dir}, c."code"`,
};

/** The class list's filters, from the URL: a term's or teacher's id, "none" for classes without one, "all" or "" for any (the page reads "" for the term as the current one). */
export type CourseFilters = { term: string; teacher: string; seats: "" | "open" | "full" | "waitlist" };
export const SEAT_FILTERS = ["open", "full", "waitlist"] as const;

export function parseCourseFilters(params: Record<string, string | string[] | undefined>): CourseFilters {
  const id = (raw: unknown) => (typeof raw === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(raw) ? raw : "");
  const seats = SEAT_FILTERS.find((s) => s === params.seats) ?? "";
  return { term: id(params.term), teacher: id(params.teacher), seats };
}

/** The class list's conditions, as SQL on `c` (the class), with their values from `$${from}` on. */
function courseConditions(q: string, f: CourseFilters | undefined, from: number): { where: string; params: unknown[] } {
  const tests: string[] = [];
  const params: unknown[] = [];
  const value = (v: unknown) => (params.push(v), `$${from + params.length - 1}`);
  if (q) tests.push(textMatch(['c."code"', 'c."title"'], value(likePattern(q))));
  for (const [column, id] of [["termId", f?.term], ["teacherId", f?.teacher]] as const) {
    if (id && id !== "all") tests.push(id === "none" ? `c."${column}" IS NULL` : `c."${column}" = ${value(id)}`);
  }
  // Full: as many enrolled as the capacity.
  if (f?.seats === "full") tests.push(`c."capacity" IS NOT NULL AND c."enrolledCount" >= c."capacity"`);
  if (f?.seats === "open") tests.push(`(c."capacity" IS NULL OR c."enrolledCount" < c."capacity")`);
  if (f?.seats === "waitlist") tests.push(`EXISTS (SELECT 1 FROM "WaitlistEntry" w WHERE w."courseId" = c."id")`);
  return { where: tests.length ? `WHERE ${tests.join(" AND ")}` : "", params };
}

const COURSE_LIST_FROM = `FROM "Course" c LEFT JOIN "Teacher" t ON t."id" = c."teacherId" LEFT JOIN "Term" m ON m."id" = c."termId"`;

/**
 * The admin's class list: a page of classes matching the search (code or
 * title containing it, as text: decision 022's rule) and the filters, in
 * the order chosen, with how many match. Two statements, whatever the size.
 */
export async function listCourses(
  viewer: Viewer | null,
  opts: { q: string; page: number; sort?: CourseSort; filters?: CourseFilters; pageSize?: number },
): Promise<Page<CourseRow>> {
  requireAdmin(viewer);
  const { where, params } = courseConditions(opts.q, opts.filters, 1);
  const [count] = await readRows(db, `SELECT COUNT(*) AS "n" ${COURSE_LIST_FROM} ${where}`, params, "each time");
  const total = asNumber(count!.n);
  const w = pageWindow(opts.page, total, opts.pageSize);
  const sort = opts.sort ?? { key: "code", dir: "asc" };
  const n = params.length;
  const rows = await readRows(
    db,
    `SELECT c."id", c."code", c."title", c."capacity", c."enrolledCount", t."id" AS "teacherId", t."name" AS "teacherName",
       m."id" AS "termId", m."name" AS "termName"
     ${COURSE_LIST_FROM} ${where} ORDER BY ${COURSE_ORDERS[sort.key](sort.dir === "desc" ? "DESC" : "ASC")} LIMIT $${n + 1} OFFSET $${n + 2}`,
    [...params, w.take, w.skip],
    "each time",
  );
  return pageOf(
    rows.map((r) => ({
      id: String(r.id),
      code: String(r.code),
      title: String(r.title),
      capacity: asNumberOrNull(r.capacity),
      enrolledCount: asNumber(r.enrolledCount),
      teacher: r.teacherId === null ? null : { id: String(r.teacherId), name: String(r.teacherName) },
      term: r.termId === null ? null : { id: String(r.termId), name: String(r.termName) },
    })),
    total,
    w,
  );
}

/** For forms: the class's editable fields, or null. */
export async function getCourse(viewer: Viewer | null, id: string) {
  requireAdmin(viewer);
  const course = await db.course.findUnique({
    where: { id },
    select: {
      meetings: { select: MEETING_SELECT, orderBy: [{ day: "asc" }, { startMinute: "asc" }] },
      ...courseRowSelect,
      description: true,
      teacherId: true,
      termId: true,
      selfEnrollment: true,
      opensAt: true,
      closesAt: true,
      dropDeadline: true,
      joinCode: true,
    },
  });
  return course && { ...course, meetings: course.meetings.map(meetingOf) };
}

export const CANDIDATE_PAGE_SIZE = 20;
/** Roster rows per page on an admin's class page ("Show all" lists every one). */
export const ROSTER_PAGE_SIZE = 100;

// An admin's class page is five reads, each one statement sent straight to
// the driver (run side by side), whatever the class's or the school's size.
const COURSE_SQL = `
  SELECT c."id", c."code", c."title", c."description", c."capacity", c."enrolledCount", c."selfEnrollment",
    c."opensAt", c."closesAt", c."dropDeadline", c."joinCode", t."id" AS "teacherId", t."name" AS "teacherName",
    m."id" AS "termId", m."name" AS "termName", m."startsOn" AS "termStartsOn", m."endsOn" AS "termEndsOn",
    (SELECT COUNT(*) FROM "Student") AS "studentCount"
  FROM "Course" c LEFT JOIN "Teacher" t ON t."id" = c."teacherId" LEFT JOIN "Term" m ON m."id" = c."termId" WHERE c."id" = $1`;
const ROSTER_SQL = `
  SELECT s."id", s."name", s."email", e."enrolledAt", e."source"
  FROM "Enrollment" e JOIN "Student" s ON s."id" = e."studentId"
  WHERE e."courseId" = $1 ORDER BY s."sortName", s."id" LIMIT $2 OFFSET $3`;
const WAITLIST_SQL = `
  SELECT s."id", s."name", s."email", w."joinedAt"
  FROM "WaitlistEntry" w JOIN "Student" s ON s."id" = w."studentId"
  WHERE w."courseId" = $1 ORDER BY w."id"`;
/**
 * Students matching the search (paging.ts, studentSearch: from the
 * people-search index at 3+ characters), each with whether they are in the
 * class, and how many match. The count is a subquery of its own, so only
 * the page's rows are joined to their enrollment. The search's parameters
 * begin at $4. Exported for bench:search.
 */
export const candidatesSql = (search: StudentSearch) => `
  SELECT s."id", s."name", s."email", e."enrolledAt",
    (SELECT COUNT(*) FROM "Student" m WHERE ${search.where("m")}) AS "total"
  FROM "Student" s LEFT JOIN "Enrollment" e ON e."studentId" = s."id" AND e."courseId" = $1
  WHERE ${search.where("s")}
  ORDER BY s."sortName", s."id" LIMIT $2 OFFSET $3`;
// Every student (no search): counted without a condition, which SQLite and
// PostgreSQL answer from an index instead of testing each row.
const ALL_CANDIDATES_SQL = `
  SELECT s."id", s."name", s."email", e."enrolledAt", (SELECT COUNT(*) FROM "Student") AS "total"
  FROM "Student" s LEFT JOIN "Enrollment" e ON e."studentId" = s."id" AND e."courseId" = $1
  ORDER BY s."sortName", s."id" LIMIT $2 OFFSET $3`;

/**
 * A class's page: details, a page of its roster sorted by name (or all of
 * it: `rosterPage` 0), its waitlist, and, when the admin searched or asked
 * for them (`candidates`), one page of students matching the search, each
 * with whether they are enrolled; and when the class meets. Four or five
 * statements whatever the roster or school size (six when a page asked for
 * is past the end).
 */
export async function getCoursePage(
  viewer: Viewer | null,
  id: string,
  opts: { q: string; page: number; rosterPage?: number; candidates?: boolean },
) {
  requireAdmin(viewer);
  const rosterPage = opts.rosterPage ?? 1;
  const withCandidates = opts.candidates ?? true;
  let searching: Promise<StudentSearch> | undefined;
  const candidates = async (page: number) => {
    const offset = (page - 1) * CANDIDATE_PAGE_SIZE;
    if (!opts.q) return readRows(db, ALL_CANDIDATES_SQL, [id, CANDIDATE_PAGE_SIZE, offset]);
    const search = await (searching ??= studentSearch(opts.q, 4));
    return readRows(db, candidatesSql(search), [id, CANDIDATE_PAGE_SIZE, offset, ...search.params], search.planned);
  };
  const [[course], rosterRows, waitlistRows, firstTry, meetings] = await Promise.all([
    readRows(db, COURSE_SQL, [id]),
    readRows(db, ROSTER_SQL, [id, rosterPage === 0 ? 1_000_000 : ROSTER_PAGE_SIZE, rosterPage === 0 ? 0 : (rosterPage - 1) * ROSTER_PAGE_SIZE]),
    readRows(db, WAITLIST_SQL, [id]),
    withCandidates ? candidates(opts.page) : [],
    readMeetings([id]),
  ]);
  if (!course) return null;
  let candidateRows = firstTry;
  let candidateTotal = candidateRows.length ? asNumber(candidateRows[0]!.total) : 0;
  if (withCandidates && candidateRows.length === 0 && opts.page > 1) {
    // Past the end: the last page (the count comes with any page).
    const last = await candidates(1);
    candidateTotal = last.length ? asNumber(last[0]!.total) : 0;
    const w = pageWindow(opts.page, candidateTotal, CANDIDATE_PAGE_SIZE);
    candidateRows = w.page === 1 ? last : await candidates(w.page);
  }
  const w = pageWindow(opts.page, candidateTotal, CANDIDATE_PAGE_SIZE);
  const enrolledCount = asNumber(course.enrolledCount);
  const rosterWindow = pageWindow(Math.max(rosterPage, 1), enrolledCount, ROSTER_PAGE_SIZE);
  return {
    course: {
      id: String(course.id),
      code: String(course.code),
      title: String(course.title),
      description: String(course.description),
      capacity: asNumberOrNull(course.capacity),
      enrolledCount,
      selfEnrollment: asBoolean(course.selfEnrollment),
      opensAt: asDateOrNull(course.opensAt),
      closesAt: asDateOrNull(course.closesAt),
      dropDeadline: asDateOrNull(course.dropDeadline),
      joinCode: (course.joinCode as string | null) ?? null,
      teacher: course.teacherId ? { id: String(course.teacherId), name: String(course.teacherName) } : null,
      term: course.termId
        ? { id: String(course.termId), name: String(course.termName), startsOn: asDate(course.termStartsOn), endsOn: asDate(course.termEndsOn) }
        : null,
      meetings: meetings.get(id) ?? [],
    },
    roster: rosterRows.map((r) => ({
      id: String(r.id),
      name: String(r.name),
      email: String(r.email),
      enrolledAt: asDate(r.enrolledAt),
      source: String(r.source),
    })),
    /** which part of the roster is shown: page 0 is all of it */
    rosterPaging: { page: rosterPage === 0 ? 0 : rosterWindow.page, pageCount: rosterWindow.pageCount, pageSize: ROSTER_PAGE_SIZE },
    waitlist: waitlistRows.map((r, i) => ({
      id: String(r.id),
      name: String(r.name),
      email: String(r.email),
      joinedAt: asDate(r.joinedAt),
      position: i + 1,
    })),
    /** how many students the school has (what "list them all" would list) */
    studentCount: asNumber(course.studentCount),
    /** null unless asked for */
    candidates: withCandidates
      ? ({
          rows: candidateRows.map((r) => ({ id: String(r.id), name: String(r.name), email: String(r.email), enrolledAt: asDateOrNull(r.enrolledAt) })),
          total: candidateTotal,
          page: w.page,
          pageCount: w.pageCount,
          pageSize: w.pageSize,
        } satisfies Page<unknown>)
      : null,
  };
}

export async function checkCourseInput(input: CourseInput, exceptId?: string): Promise<Record<string, string>> {
  const [clash, teacher, term] = await Promise.all([
    db.course.findFirst({
      where: { code: input.code, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
      select: { id: true },
    }),
    input.teacherId ? db.teacher.findUnique({ where: { id: input.teacherId }, select: { id: true } }) : null,
    input.termId ? db.term.findUnique({ where: { id: input.termId }, select: { id: true } }) : null,
  ]);
  const errors: Record<string, string> = {};
  if (clash) errors.code = `Another class already has the code ${input.code}.`;
  if (input.teacherId && !teacher) errors.teacherId = "That teacher no longer exists: choose another.";
  if (input.termId && !term) errors.termId = "That term no longer exists: choose another.";
  return errors;
}

export function codeClash(error: unknown, code: string): Result<never> | null {
  return isUniqueViolation(error, "code")
    ? fail("Check the form.", { code: `Another class already has the code ${code}.` })
    : null;
}

/** A class form's input as a new class's row, with its meetings. */
export function courseData({ meetings, ...fields }: CourseInput) {
  return { ...fields, meetings: { create: meetingRows(meetings) } } satisfies Prisma.CourseUncheckedCreateInput;
}

export async function createCourse(viewer: Viewer | null, input: CourseInput): Promise<Result<{ id: string }>> {
  const actor = requireAdmin(viewer);
  const errors = await checkCourseInput(input);
  if (Object.keys(errors).length) return fail("Check the form.", errors);
  try {
    return ok(
      await transaction(async (tx) => {
        const { id } = await tx.course.create({ data: courseData(input), select: { id: true } });
        const after = (await classForAudit(tx, id))!;
        await recordChange(tx, { actor: actorFor(actor), via: "PAGE", kind: "CLASS", recordId: id, label: after.label, action: "CREATED", before: null, after: after.fields });
        return { id };
      }),
    );
  } catch (error) {
    const result = codeClash(error, input.code);
    if (result) return result;
    throw error;
  }
}

/**
 * Where the class's students (enrolled or waiting) have another class at the
 * same time, as the admin's class page shows after new times are saved
 * (updateCourse counts them; the page reads them as they are now).
 */
export async function getClassClashes(viewer: Viewer | null, id: string, now = new Date()): Promise<Clash[]> {
  requireAdmin(viewer);
  return readClassClashes(id, startOfDay(now));
}

/** Replaces a class's join code with a fresh random one; the old one stops working. */
export async function regenerateJoinCode(viewer: Viewer | null, id: string): Promise<Result<{ joinCode: string }>> {
  const actor = requireAdmin(viewer);
  const joinCode = newJoinCode();
  return transaction(async (tx) => {
    const was = await tx.course.findUnique({ where: { id }, select: { code: true, title: true, joinCode: true } });
    if (!was) return fail("That class no longer exists.");
    await tx.course.update({ where: { id }, data: { joinCode }, select: { id: true } });
    const label = `${was.code} ${was.title}`;
    await recordChange(tx, { actor: actorFor(actor), via: "PAGE", kind: "CLASS", recordId: id, label, action: "NEW_JOIN_CODE", before: { joinCode: was.joinCode }, after: { joinCode } });
    return ok({ joinCode });
  });
}

/** Deletes a class, recording each enrollment that goes with it. */
export async function deleteCourse(viewer: Viewer | null, id: string): Promise<Result<{ removedEnrollments: number }>> {
  const actor = requireAdmin(viewer);
  return refusable(() =>
    transaction(async (tx) => {
      const course = await tx.course.findUnique({
        where: { id },
        select: {
          id: true,
          code: true,
          title: true,
          waitlist: { select: { studentId: true } },
          enrollments: { select: { studentId: true } },
        },
      });
      if (!course) throw new RefusedError("That class no longer exists.");
      // Each enrollment's removal is in the history; its students, enrolled and waiting, are told it is cancelled.
      const change = { actor: actorOf(actor, "ADMIN"), at: new Date(), changeSetId: null };
      const remove = course.enrollments.map((e) => ({ studentId: e.studentId, courseId: id }));
      const notices = [
        ...course.enrollments.map((e) => ({ studentId: e.studentId, courseId: id, ...noticeFor.cancelled(course, false) })),
        ...course.waitlist.map((w) => ({ studentId: w.studentId, courseId: id, ...noticeFor.cancelled(course, true) })),
      ];
      await within(function* () {
        yield* applyMany(change, { add: [], remove }, { addReason: null, removeReason: "class deleted", clash: "ignore", tell: false, promote: false });
        yield* tell(notices, change.at);
      });
      const was = (await classForAudit(tx, id))!;
      await tx.course.delete({ where: { id } });
      const note = course.enrollments.length ? `${course.enrollments.length} enrollments removed with it` : null;
      await recordChange(tx, { actor: actorFor(actor), via: "PAGE", kind: "CLASS", recordId: id, label: was.label, action: "DELETED", before: was.fields, after: null, note });
      return { removedEnrollments: course.enrollments.length };
    }),
  );
}

import "server-only";
import { requireStudent, type Viewer } from "@/lib/server/authz";
import { db, readRows } from "@/lib/server/db";
import { startOfDay } from "@/lib/format-date";
import type { Meeting } from "@/lib/meetings";
import { likePattern, pageWindow, textMatch, type Page } from "@/lib/server/data/paging";
import { asBoolean, asDate, asDateOrNull, asNumber, asNumberOrNull } from "@/lib/server/data/sql";
import { readMeetings } from "@/lib/server/data/catalog/meetings";
import { inShownTermSql } from "@/lib/server/data/catalog/term-days";
import { loadLimitNow, rulesOf, windowOf, type Window } from "@/lib/server/data/enrollment/rules";

/**
 * The student's page: their own classes and the open ones, with seats left
 * and each class's window as the rules (rules.ts) see it. Entry point: it
 * checks the viewer is a student and reads that student's own.
 */

export type CatalogRow = {
  id: string;
  code: string;
  title: string;
  teacherName: string | null;
  capacity: number | null;
  enrolledCount: number;
  seatsLeft: number | null;
  selfEnrollment: boolean;
  opensAt: Date | null;
  closesAt: Date | null;
  dropDeadline: Date | null;
  needsJoinCode: boolean;
  window: Window;
  enrolledAt: Date | null;
  source: string | null;
  waitlistPosition: number | null;
  /** its term, with the most of its classes a student may be in now (null: no limit; decision 040) */
  term: { id: string; name: string; startsOn: Date; endsOn: Date; loadLimit: number | null } | null;
  /** when it meets each week */
  meetings: Meeting[];
};

export const CATALOG_PAGE_SIZE = 25;

// The student's page is two statements (besides the viewer), whatever the
// sizes. "My classes": every class the student is in or waiting for (few),
// from their own enrollment and waitlist rows. "Open classes": one page of
// the classes open for self-enrollment that the student is in neither, with
// the total counted apart from the page, so that the page itself stops after
// its 25 rows in code order (a window count made the database build every
// row first). Both list only classes without a term, or of the current
// term(s) and the next one ($2 is the start of today).
const inShownTerm = (k: string) => inShownTermSql(k, "$2");
const CATALOG_COLUMNS = `c."id", c."code", c."title", c."capacity", c."enrolledCount", c."selfEnrollment",
    c."opensAt", c."closesAt", c."dropDeadline", c."joinCode" IS NOT NULL AS "needsJoinCode",
    t."name" AS "teacherName", m."id" AS "termId", m."name" AS "termName", m."startsOn" AS "termStartsOn", m."endsOn" AS "termEndsOn",
    m."loadLimit" AS "termLoadLimit", m."loadLimitFrom" AS "termLoadLimitFrom", m."loadLimitLater" AS "termLoadLimitLater"`;
const MY_CLASSES_SQL = `
  SELECT ${CATALOG_COLUMNS}, x."enrolledAt", x."source",
    CASE WHEN x."waitId" IS NULL THEN NULL ELSE
      (SELECT COUNT(*) FROM "WaitlistEntry" a WHERE a."courseId" = c."id" AND a."id" <= x."waitId") END AS "waitlistPosition"
  FROM (SELECT "courseId", "enrolledAt", "source", NULL AS "waitId" FROM "Enrollment" WHERE "studentId" = $1
        UNION ALL SELECT "courseId", NULL, NULL, "id" FROM "WaitlistEntry" WHERE "studentId" = $1) x
  JOIN "Course" c ON c."id" = x."courseId"
  LEFT JOIN "Teacher" t ON t."id" = c."teacherId"
  LEFT JOIN "Term" m ON m."id" = c."termId"
  WHERE ${inShownTerm("c")}
  ORDER BY c."code"`;
const openTo = (k: string) => `${k}."selfEnrollment" = true AND ($3 = '' OR ${textMatch([`${k}."code"`, `${k}."title"`], "$4")})
    AND NOT EXISTS (SELECT 1 FROM "Enrollment" y WHERE y."studentId" = $1 AND y."courseId" = ${k}."id")
    AND NOT EXISTS (SELECT 1 FROM "WaitlistEntry" y WHERE y."studentId" = $1 AND y."courseId" = ${k}."id")
    AND ${inShownTerm(k)}`;
const OPEN_CLASSES_SQL = `
  SELECT ${CATALOG_COLUMNS}, NULL AS "enrolledAt", NULL AS "source", NULL AS "waitlistPosition",
    (SELECT COUNT(*) FROM "Course" k WHERE ${openTo("k")}) AS "total"
  FROM "Course" c
  LEFT JOIN "Teacher" t ON t."id" = c."teacherId"
  LEFT JOIN "Term" m ON m."id" = c."termId"
  WHERE ${openTo("c")}
  ORDER BY c."code"
  LIMIT $5 OFFSET $6`;

/**
 * The student's page: "My classes" (every class of the current and next
 * term they are in or waiting for, with their date and place in line) and
 * one page of the open classes they are in neither, with seats left and the
 * window; then when all of those meet. Three statements whatever the sizes
 * (four when the page asked for is past the end). Join codes themselves are
 * never sent.
 */
export async function listMyCatalog(
  viewer: Viewer | null,
  opts: { q: string; page: number },
  now = new Date(),
): Promise<Page<CatalogRow> & { mine: CatalogRow[] }> {
  const { studentId } = requireStudent(viewer);
  const today = startOfDay(now);
  const read = (page: number, size = CATALOG_PAGE_SIZE) =>
    readRows(db, OPEN_CLASSES_SQL, [studentId, today, opts.q, likePattern(opts.q), size, (page - 1) * CATALOG_PAGE_SIZE]);
  let page = opts.page;
  const [mine, firstTry] = await Promise.all([readRows(db, MY_CLASSES_SQL, [studentId, today]), read(page)]);
  let found = firstTry;
  if (found.length === 0 && page > 1) {
    // Past the end (the list shrank, or a hand-made address): the last page.
    const first = await read(1, 1);
    page = pageWindow(page, first.length ? asNumber(first[0]!.total) : 0, CATALOG_PAGE_SIZE).page;
    found = await read(page);
  }
  const total = found.length ? asNumber(found[0]!.total) : 0;
  const w = pageWindow(page, total, CATALOG_PAGE_SIZE);
  const meetings = await readMeetings([...mine, ...found].map((r) => String(r.id)));
  const row = (r: Record<string, unknown>): CatalogRow => {
    const rules = rulesOf({
      code: String(r.code),
      selfEnrollment: r.selfEnrollment,
      opensAt: r.opensAt,
      closesAt: r.closesAt,
      dropDeadline: r.dropDeadline,
      joinCode: null,
      termEndsOn: r.termEndsOn,
    });
    const capacity = asNumberOrNull(r.capacity);
    const enrolledCount = asNumber(r.enrolledCount);
    return {
      id: String(r.id),
      code: rules.code,
      title: String(r.title),
      teacherName: (r.teacherName as string | null) ?? null,
      capacity,
      enrolledCount,
      seatsLeft: capacity === null ? null : Math.max(0, capacity - enrolledCount),
      selfEnrollment: rules.selfEnrollment,
      opensAt: rules.opensAt,
      closesAt: rules.closesAt,
      dropDeadline: rules.dropDeadline,
      needsJoinCode: asBoolean(r.needsJoinCode),
      window: windowOf(rules, now),
      enrolledAt: asDateOrNull(r.enrolledAt),
      source: (r.source as string | null) ?? null,
      waitlistPosition: asNumberOrNull(r.waitlistPosition),
      term:
        r.termId === null || r.termId === undefined
          ? null
          : {
              id: String(r.termId),
              name: String(r.termName),
              startsOn: asDate(r.termStartsOn),
              endsOn: asDate(r.termEndsOn),
              loadLimit: loadLimitNow({ loadLimit: asNumberOrNull(r.termLoadLimit), loadLimitFrom: asDateOrNull(r.termLoadLimitFrom), loadLimitLater: asNumberOrNull(r.termLoadLimitLater) }, now),
            },
      meetings: meetings.get(String(r.id)) ?? [],
    };
  };
  return { mine: mine.map(row), rows: found.map(row), total, page: w.page, pageCount: w.pageCount, pageSize: w.pageSize };
}

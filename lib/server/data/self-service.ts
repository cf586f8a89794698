import "server-only";
import { timingSafeEqual } from "node:crypto";
import { requireStudent, type Viewer } from "@/lib/server/authz";
import { db, readRows } from "@/lib/server/db";
import { checklistChanges, linkedIds, type ChangeSummary } from "@/lib/server/data/enrollments";
import { likePattern, pageWindow, type Page } from "@/lib/server/data/paging";
import { asBoolean, asDate, asDateOrNull, asNumber, asNumberOrNull } from "@/lib/server/data/sql";
import type { Result } from "@/lib/server/data/result";
import {
  changesTxn,
  joinWaitlistTxn,
  leaveWaitlistTxn,
  rulesOf as rulesFromRow,
  runTick,
  tickTxn,
  type Rules,
  type TickActor,
  type TickAnswer,
  type WaitlistAnswer,
} from "@/lib/server/data/ticks";
import { formatDateTime, formatDay, startOfDay } from "@/lib/format-date";
import { inShownTermSql, termEnd } from "@/lib/server/data/terms";
import { normalizeJoinCode } from "@/lib/schemas/courses";
import { readMeetings } from "@/lib/server/data/meetings";
import type { Meeting } from "@/lib/meetings";


function sameCode(given: string, expected: string) {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The class's term is over: its last day has passed. */
function termOver(course: Rules, now: Date): boolean {
  return course.termEndsOn !== null && termEnd({ endsOn: course.termEndsOn }) <= now;
}

/** Why a student may not enroll (or join the waitlist) now, or null if they may. */
export function enrollRefusal(course: Rules, now: Date, joinCode?: string | null): string | null {
  if (!course.selfEnrollment) return `${course.code} is not open for self-enrollment: ask your school.`;
  if (termOver(course, now)) return `${course.code}'s term ended ${formatDay(course.termEndsOn!)}.`;
  if (course.opensAt && now < course.opensAt) return `Enrollment in ${course.code} opens ${formatDateTime(course.opensAt)}.`;
  if (course.closesAt && now >= course.closesAt)
    return `Enrollment in ${course.code} closed ${formatDateTime(course.closesAt)}.`;
  if (course.joinCode) {
    const given = normalizeJoinCode(joinCode);
    if (!given) return `${course.code} needs a join code: ask your teacher for it.`;
    if (!sameCode(given, course.joinCode)) return `That join code is not right for ${course.code}.`;
  }
  return null;
}

/** Why a student may not drop a class now, or null if they may. */
export function dropRefusal(course: Rules, now: Date): string | null {
  if (!course.selfEnrollment) return `${course.code} is managed by your school: ask an admin to remove you.`;
  if (termOver(course, now)) return `${course.code}'s term ended ${formatDay(course.termEndsOn!)}: ask an admin.`;
  if (course.dropDeadline && now > course.dropDeadline)
    return `The drop deadline for ${course.code} was ${formatDateTime(course.dropDeadline)}: ask an admin.`;
  return null;
}

/** The signed-in student enrolls in a class (window, code and capacity apply): one short transaction (ticks.ts). */
export async function enrollMyself(
  viewer: Viewer | null,
  input: { courseId: string; joinCode?: string | null },
  now = new Date(),
): Promise<Result<TickAnswer>> {
  const { actor, studentId } = requireStudent(viewer);
  const check = (rules: Rules) => enrollRefusal(rules, now, input.joinCode ?? null);
  return runTick(() => tickTxn(selfActor(actor), { studentId, courseId: input.courseId, enrolled: true }, check, now));
}

/** The signed-in student drops a class (before its drop deadline); the first in line gets the seat. */
export async function dropMyself(viewer: Viewer | null, courseId: string, now = new Date()): Promise<Result<TickAnswer>> {
  const { actor, studentId } = requireStudent(viewer);
  return runTick(() => tickTxn(selfActor(actor), { studentId, courseId, enrolled: false }, (rules) => dropRefusal(rules, now), now));
}

const selfActor = (actor: Viewer): TickActor => ({ userId: actor.userId, name: actor.name, source: "SELF" });

/**
 * The Save button of the student's form (without JavaScript): enroll in the
 * ticked classes, drop the unticked ones, all or nothing.
 */
export async function saveMyClasses(
  viewer: Viewer | null,
  shown: string[],
  checked: string[],
  joinCodes: Record<string, string>,
  now = new Date(),
): Promise<Result<ChangeSummary>> {
  const { actor, studentId } = requireStudent(viewer);
  const changes = checklistChanges(shown, checked, await linkedIds(actor, { studentId }));
  if (changes.length === 0) return { ok: true, value: { added: 0, removed: 0 } };
  // All or nothing, in one short transaction (ticks.ts); each class's own rules and join code apply.
  const result = await runTick(() =>
    changesTxn(
      selfActor(actor),
      changes.map((c) => ({ studentId, courseId: c.id, enrolled: c.enrolled })),
      {
        enroll: (rules, courseId) => enrollRefusal(rules, now, joinCodes[courseId] ?? null),
        drop: (rules) => dropRefusal(rules, now),
      },
      now,
    ),
  );
  if (!result.ok) return result;
  const added = changes.filter((c) => c.enrolled).length;
  return { ok: true, value: { added, removed: changes.length - added } };
}

/**
 * The classes the student's form would drop: they are in them and unticked
 * them. The form without JavaScript asks to confirm these first.
 */
export async function myDropsIn(viewer: Viewer | null, shown: string[], checked: string[]): Promise<{ id: string; code: string }[]> {
  const { actor, studentId } = requireStudent(viewer);
  const drops = checklistChanges(shown, checked, await linkedIds(actor, { studentId }))
    .filter((c) => !c.enrolled)
    .map((c) => c.id);
  if (drops.length === 0) return [];
  return db.course.findMany({ where: { id: { in: drops } }, select: { id: true, code: true }, orderBy: { code: "asc" } });
}

/** The signed-in student joins a full class's waitlist, and is told their true place in it. */
export async function joinMyWaitlist(
  viewer: Viewer | null,
  input: { courseId: string; joinCode?: string | null },
  now = new Date(),
): Promise<Result<WaitlistAnswer>> {
  const { actor, studentId } = requireStudent(viewer);
  const check = (rules: Rules) => enrollRefusal(rules, now, input.joinCode ?? null);
  return runTick(() => joinWaitlistTxn(selfActor(actor), studentId, input.courseId, check, now));
}

/** The signed-in student leaves a waitlist. */
export async function leaveMyWaitlist(viewer: Viewer | null, courseId: string): Promise<Result<null>> {
  const { actor, studentId } = requireStudent(viewer);
  return runTick(() => leaveWaitlistTxn(selfActor(actor), studentId, courseId));
}

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
  window: "open" | "not-yet" | "closed" | "managed";
  enrolledAt: Date | null;
  source: string | null;
  waitlistPosition: number | null;
  term: { id: string; name: string; startsOn: Date; endsOn: Date } | null;
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
    t."name" AS "teacherName", m."id" AS "termId", m."name" AS "termName", m."startsOn" AS "termStartsOn", m."endsOn" AS "termEndsOn"`;
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
const openTo = (k: string) => `${k}."selfEnrollment" = true AND ($3 = '' OR LOWER(${k}."code") LIKE $4 ESCAPE '\\' OR LOWER(${k}."title") LIKE $4 ESCAPE '\\')
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
    const rules = rulesFromRow({
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
      window: !rules.selfEnrollment
        ? "managed"
        : rules.opensAt && now < rules.opensAt
          ? "not-yet"
          : rules.closesAt && now >= rules.closesAt
            ? "closed"
            : "open",
      enrolledAt: asDateOrNull(r.enrolledAt),
      source: (r.source as string | null) ?? null,
      waitlistPosition: asNumberOrNull(r.waitlistPosition),
      term:
        r.termId === null || r.termId === undefined
          ? null
          : { id: String(r.termId), name: String(r.termName), startsOn: asDate(r.termStartsOn), endsOn: asDate(r.termEndsOn) },
      meetings: meetings.get(String(r.id)) ?? [],
    };
  };
  return { mine: mine.map(row), rows: found.map(row), total, page: w.page, pageCount: w.pageCount, pageSize: w.pageSize };
}

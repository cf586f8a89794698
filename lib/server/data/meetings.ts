import "server-only";
import { db, readRows } from "@/lib/server/db";
import { all, asDate, asNumber, type Row, type Txn } from "@/lib/server/data/sql";
import { meetingLabel, type Meeting, type TermedEntry } from "@/lib/meetings";
import { inShownTermSql } from "@/lib/server/data/terms";

/**
 * When classes meet, and where a student's classes clash (docs/decisions/024).
 * Callers check who may read or write first; these helpers take ids.
 */

export function meetingOf(r: Row): Meeting {
  return { day: asNumber(r.day), start: asNumber(r.startMinute), end: asNumber(r.endMinute), room: String(r.room ?? "") };
}

/** Meetings as rows to write. */
export function meetingRows(meetings: Meeting[]): { day: number; startMinute: number; endMinute: number; room: string }[] {
  return meetings.map((m) => ({ day: m.day, startMinute: m.start, endMinute: m.end, room: m.room }));
}

/** The meetings of some classes, by class id (one statement; none for no ids). */
export async function readMeetings(courseIds: string[]): Promise<Map<string, Meeting[]>> {
  const ids = [...new Set(courseIds)];
  if (ids.length === 0) return new Map();
  const rows = await readRows(
    db,
    `SELECT "courseId", "day", "startMinute", "endMinute", "room" FROM "Meeting"
     WHERE "courseId" IN (${ids.map((_, i) => `$${i + 1}`).join(", ")}) ORDER BY "courseId", "day", "startMinute"`,
    ids,
  );
  return meetingsByCourse(rows);
}

/** Meeting rows (with their `courseId`) grouped by class. */
export function meetingsByCourse(rows: Row[]): Map<string, Meeting[]> {
  const byCourse = new Map<string, Meeting[]>();
  for (const r of rows) {
    const id = String(r.courseId);
    const list = byCourse.get(id) ?? [];
    list.push(meetingOf(r));
    byCourse.set(id, list);
  }
  return byCourse;
}

/** A student's class (in it, or waiting for it) meeting at the same time as a class they would join. */
export type Clash = {
  studentId: string;
  studentName: string;
  /** the class joined, and its meeting */
  courseId: string;
  code: string;
  meeting: Pick<Meeting, "day" | "start" | "end">;
  /** the student's class it clashes with, and its meeting */
  otherCode: string;
  other: Pick<Meeting, "day" | "start" | "end">;
  /** they are on its waitlist, not in it */
  waiting: boolean;
};

/**
 * For clashes, given two classes' terms (aliases of "Term", LEFT JOINed: null
 * for a class without one): the other class has not ended (`today`), and the
 * two meet in the same weeks (either has no term, or their terms share a day).
 */
function inWeeksBothHave(term: string, other: string, today: string): string {
  return `(${other}."id" IS NULL OR ${other}."endsOn" >= ${today})
    AND (${term}."id" IS NULL OR ${other}."id" IS NULL OR (${term}."startsOn" <= ${other}."endsOn" AND ${other}."startsOn" <= ${term}."endsOn"))`;
}

/**
 * Pairs of a student and a class they would join ($1..: the students, then
 * the classes, as lists) whose meetings overlap a class the student is in or
 * waiting for: the same day, overlapping times, in weeks both have (terms
 * that share a day, or a class without a term), leaving out classes whose
 * term has ended (`today`: the start of today). The first clash of each pair.
 */
function clashSql(students: number, courses: number): string {
  const list = (from: number, n: number) => Array.from({ length: n }, (_, i) => `$${from + i}`).join(", ");
  const today = `$${students + courses + 1}`;
  const studentList = list(1, students);
  return `
  SELECT x."studentId", s."name" AS "studentName", n."id" AS "courseId", n."code", mn."day",
    mn."startMinute" AS "start", mn."endMinute" AS "end", o."code" AS "otherCode",
    mo."startMinute" AS "otherStart", mo."endMinute" AS "otherEnd", x."waiting"
  FROM (SELECT "studentId", "courseId", 0 AS "waiting" FROM "Enrollment" WHERE "studentId" IN (${studentList})
        UNION ALL SELECT "studentId", "courseId", 1 FROM "WaitlistEntry" WHERE "studentId" IN (${studentList})) x
  JOIN "Meeting" mo ON mo."courseId" = x."courseId"
  JOIN "Meeting" mn ON mn."day" = mo."day" AND mn."startMinute" < mo."endMinute" AND mo."startMinute" < mn."endMinute"
    AND mn."courseId" <> mo."courseId" AND mn."courseId" IN (${list(students + 1, courses)})
  JOIN "Course" n ON n."id" = mn."courseId"
  JOIN "Course" o ON o."id" = mo."courseId"
  JOIN "Student" s ON s."id" = x."studentId"
  LEFT JOIN "Term" tn ON tn."id" = n."termId"
  LEFT JOIN "Term" tx ON tx."id" = o."termId"
  WHERE NOT EXISTS (SELECT 1 FROM "Enrollment" e WHERE e."studentId" = x."studentId" AND e."courseId" = n."id")
    AND ${inWeeksBothHave("tn", "tx", today)}
  ORDER BY s."name", x."studentId", n."code", x."waiting", mn."day", mn."startMinute", o."code"`;
}

function clashOf(r: Row): Clash {
  return {
    studentId: String(r.studentId),
    studentName: String(r.studentName),
    courseId: String(r.courseId),
    code: String(r.code),
    meeting: { day: asNumber(r.day), start: asNumber(r.start), end: asNumber(r.end) },
    otherCode: String(r.otherCode),
    other: { day: asNumber(r.day), start: asNumber(r.otherStart), end: asNumber(r.otherEnd) },
    waiting: asNumber(r.waiting) === 1,
  };
}

/** The first clash of each student and class pair. */
function firstOfEachPair(rows: Row[]): Clash[] {
  const seen = new Set<string>();
  const clashes: Clash[] = [];
  for (const r of rows) {
    const key = `${String(r.studentId)} ${String(r.courseId)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    clashes.push(clashOf(r));
  }
  return clashes;
}

/** Inside a write transaction: where joining `courseId` would clash for the student, or null. */
export function* clashTxn(studentId: string, courseId: string, today: Date): Txn<Clash | null> {
  const rows = yield* all(clashSql(1, 1), studentId, courseId, today);
  return rows.length ? clashOf(rows[0]!) : null;
}

/** For a preview: where any of the students joining any of the classes would clash (one statement). */
export async function findClashes(studentIds: string[], courseIds: string[], today: Date): Promise<Clash[]> {
  if (studentIds.length === 0 || courseIds.length === 0) return [];
  return firstOfEachPair(await readRows(db, clashSql(studentIds.length, courseIds.length), [...studentIds, ...courseIds, today]));
}

// A class's own students (enrolled or waiting) whose other classes (in or
// waiting for) meet when it does, by the same rules as clashSql: overlapping
// times on a day, in weeks both have, leaving out classes whose term has ended.
const CLASS_CLASHES_SQL = `
  WITH "mine" AS (SELECT "studentId" FROM "Enrollment" WHERE "courseId" = $1 UNION SELECT "studentId" FROM "WaitlistEntry" WHERE "courseId" = $1)
  SELECT x."studentId", s."name" AS "studentName", c."id" AS "courseId", c."code", mc."day",
    mc."startMinute" AS "start", mc."endMinute" AS "end", o."code" AS "otherCode",
    mo."startMinute" AS "otherStart", mo."endMinute" AS "otherEnd", x."waiting"
  FROM (SELECT "studentId", "courseId", 0 AS "waiting" FROM "Enrollment" WHERE "studentId" IN (SELECT "studentId" FROM "mine") AND "courseId" <> $1
        UNION ALL SELECT "studentId", "courseId", 1 FROM "WaitlistEntry" WHERE "studentId" IN (SELECT "studentId" FROM "mine") AND "courseId" <> $1) x
  JOIN "Meeting" mo ON mo."courseId" = x."courseId"
  JOIN "Meeting" mc ON mc."courseId" = $1 AND mc."day" = mo."day" AND mc."startMinute" < mo."endMinute" AND mo."startMinute" < mc."endMinute"
  JOIN "Course" c ON c."id" = $1
  JOIN "Course" o ON o."id" = x."courseId"
  JOIN "Student" s ON s."id" = x."studentId"
  LEFT JOIN "Term" tc ON tc."id" = c."termId"
  LEFT JOIN "Term" tx ON tx."id" = o."termId"
  WHERE ${inWeeksBothHave("tc", "tx", "$2")}
  ORDER BY s."name", x."studentId", o."code", mc."day", mc."startMinute"`;

/**
 * Where a class's own students (enrolled or waiting) have another class at
 * the same time: after its times change, say. The first clash of each
 * student and other class. One statement.
 */
export async function readClassClashes(courseId: string, today: Date): Promise<Clash[]> {
  const rows = await readRows(db, CLASS_CLASHES_SQL, [courseId, today]);
  const seen = new Set<string>();
  return rows
    .map(clashOf)
    .filter((c) => {
      const key = `${c.studentId} ${c.otherCode}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
}

/** "MATH-101 (Mon 09:00–10:00) clashes with PHYS-2 (Mon 09:30–10:30), which you're in." */
export function clashText(c: Clash, who: "you" | "name"): string {
  const whose =
    who === "you"
      ? c.waiting
        ? "whose waitlist you're on"
        : "which you're in"
      : c.waiting
        ? `whose waitlist ${c.studentName} is on`
        : `which ${c.studentName} is in`;
  return `${c.code} (${meetingLabel(c.meeting)}) clashes with ${c.otherCode} (${meetingLabel(c.other)}), ${whose}.`;
}

/** As kept in the history beside an enrollment an admin made anyway. */
export function clashNote(c: Clash): string {
  return `clashes with ${c.otherCode} (${meetingLabel(c.other)})`;
}

// A student's week: the classes of the current and next term they are in or
// waiting for, each with its term and meetings, in one statement.
const TIMETABLE_SQL = `
  SELECT c."id", c."code", c."title", x."waiting", m."id" AS "termId", m."name" AS "termName", m."startsOn", m."endsOn",
    g."day", g."startMinute", g."endMinute", g."room"
  FROM (SELECT "courseId", 0 AS "waiting" FROM "Enrollment" WHERE "studentId" = $1
        UNION ALL SELECT "courseId", 1 FROM "WaitlistEntry" WHERE "studentId" = $1) x
  JOIN "Course" c ON c."id" = x."courseId"
  LEFT JOIN "Term" m ON m."id" = c."termId"
  LEFT JOIN "Meeting" g ON g."courseId" = c."id"
  WHERE ${inShownTermSql("c", "$2")}
  ORDER BY c."code", g."day", g."startMinute"`;

/** The timetable of a student (the caller checked who may see it): today's and the next term's classes. */
export async function readTimetable(studentId: string, today: Date): Promise<TermedEntry[]> {
  const entries = new Map<string, TermedEntry>();
  for (const r of await readRows(db, TIMETABLE_SQL, [studentId, today])) {
    const id = String(r.id);
    let entry = entries.get(id);
    if (!entry) {
      entry = {
        id,
        code: String(r.code),
        title: String(r.title),
        waiting: asNumber(r.waiting) === 1,
        meetings: [],
        term: r.termId === null ? null : { id: String(r.termId), name: String(r.termName), startsOn: asDate(r.startsOn), endsOn: asDate(r.endsOn) },
      };
      entries.set(id, entry);
    }
    if (r.day !== null) entry.meetings.push(meetingOf(r));
  }
  return [...entries.values()];
}

import "server-only";
import { meetingLabel, type Meeting } from "@/lib/meetings";
import { db, readRows } from "@/lib/server/db";
import { startOfDay } from "@/lib/format-date";
import { asNumber, batch, forUpdate, refuse, statement, type Row, type Statement, type Txn } from "@/lib/server/data/sql";
import type { ClashRule } from "@/lib/server/data/enrollment/rules";

/**
 * The clash rule (decision 024), written once: two classes clash when they
 * meet on the same day at overlapping times (back to back is fine) in weeks
 * both have (terms that share a day, or a class without a term); a class
 * whose term has ended clashes with nothing. Asked inside a write (clashStatements:
 * a tick, a Save, the API, an import's apply), for a preview (findClashes),
 * and for a class whose times moved (readClassClashes). Steps: callers check
 * who may ask.
 */

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
  ORDER BY s."sortName", x."studentId", n."code", x."waiting", mn."day", mn."startMinute", o."code"`;
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

/** For a preview: where any of the students joining any of the classes would clash (one statement). */
export async function findClashes(studentIds: string[], courseIds: string[], today: Date): Promise<Clash[]> {
  if (studentIds.length === 0 || courseIds.length === 0) return [];
  return firstOfEachPair(await readRows(db, clashSql(studentIds.length, courseIds.length), [...studentIds, ...courseIds, today]));
}

// A class's own students (enrolled or waiting) whose other classes (in or
// waiting for) meet when it does, by the same rules as clashSql: overlapping
// times on a day, in weeks both have, leaving out classes whose term has ended.
// The class's own times and term are its stored ones, or (`proposed`, a
// preview before saving) the ones given: its term's id in $3, then its
// meetings from $4 on, three values each.
function classClashesSql(proposed: number | null): string {
  const own =
    proposed === null
      ? `"Meeting" mc ON mc."courseId" = $1 AND`
      : `(${Array.from({ length: proposed }, (_, i) => `SELECT CAST($${4 + 3 * i} AS INTEGER) AS "day", CAST($${5 + 3 * i} AS INTEGER) AS "startMinute", CAST($${6 + 3 * i} AS INTEGER) AS "endMinute"`).join(" UNION ALL ")}) mc ON`;
  return `
  WITH "mine" AS (SELECT "studentId" FROM "Enrollment" WHERE "courseId" = $1 UNION SELECT "studentId" FROM "WaitlistEntry" WHERE "courseId" = $1)
  SELECT x."studentId", s."name" AS "studentName", c."id" AS "courseId", c."code", mc."day",
    mc."startMinute" AS "start", mc."endMinute" AS "end", o."code" AS "otherCode",
    mo."startMinute" AS "otherStart", mo."endMinute" AS "otherEnd", x."waiting"
  FROM (SELECT "studentId", "courseId", 0 AS "waiting" FROM "Enrollment" WHERE "studentId" IN (SELECT "studentId" FROM "mine") AND "courseId" <> $1
        UNION ALL SELECT "studentId", "courseId", 1 FROM "WaitlistEntry" WHERE "studentId" IN (SELECT "studentId" FROM "mine") AND "courseId" <> $1) x
  JOIN "Meeting" mo ON mo."courseId" = x."courseId"
  JOIN ${own} mc."day" = mo."day" AND mc."startMinute" < mo."endMinute" AND mo."startMinute" < mc."endMinute"
  JOIN "Course" c ON c."id" = $1
  JOIN "Course" o ON o."id" = x."courseId"
  JOIN "Student" s ON s."id" = x."studentId"
  LEFT JOIN "Term" tc ON tc."id" = ${proposed === null ? `c."termId"` : "$3"}
  LEFT JOIN "Term" tx ON tx."id" = o."termId"
  WHERE ${inWeeksBothHave("tc", "tx", "$2")}
  ORDER BY s."sortName", x."studentId", o."code", mc."day", mc."startMinute"`;
}
const CLASS_CLASHES_SQL = classClashesSql(null);

/** The first clash of each student and other class. */
function firstOfEachOther(rows: Row[]): Clash[] {
  const seen = new Set<string>();
  return rows
    .map(clashOf)
    .filter((c) => {
      const key = `${c.studentId} ${c.otherCode}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
}

/**
 * Where a class's own students (enrolled or waiting) have another class at
 * the same time: after its times change, say. The first clash of each
 * student and other class. One statement.
 */
export async function readClassClashes(courseId: string, today: Date): Promise<Clash[]> {
  return firstOfEachOther(await readRows(db, CLASS_CLASHES_SQL, [courseId, today]));
}

/**
 * The same, for times and a term not saved yet (a class form's preview, and
 * the notices its Save sends): who would have another class at the same
 * time. One statement (none for no times).
 */
export async function readProposedClashes(courseId: string, proposed: { meetings: Pick<Meeting, "day" | "start" | "end">[]; termId: string | null }, today: Date): Promise<Clash[]> {
  if (proposed.meetings.length === 0) return [];
  const values = proposed.meetings.flatMap((m) => [m.day, m.start, m.end]);
  return firstOfEachOther(await readRows(db, classClashesSql(proposed.meetings.length), [courseId, today, proposed.termId, ...values], "each time"));
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


/**
 * The clash rule inside a write, in two halves so that a seat can send its
 * statements at once (seats.ts): the statements to ask it (none for a rule
 * that doesn't ask), and what their answer means: refused, or asked about,
 * or the note the history keeps (null: no clash). On PostgreSQL a student's
 * own is asked after their row is locked, so that two of their enrollments
 * at once can't both pass (SQLite's write transactions already queue).
 */
export function clashStatements(studentId: string, courseId: string, rule: ClashRule, at: Date): Statement[] {
  if (rule === "ignore") return [];
  const lock = rule === "refuse" && forUpdate() ? [statement.get(`SELECT "id" FROM "Student" WHERE "id" = $1${forUpdate()}`, studentId)] : [];
  return [...lock, statement.all(clashSql(1, 1), studentId, courseId, startOfDay(at))];
}

/**
 * The same rule for a write decided without reading first (seats.ts: a tick
 * on the class as last seen): the student's lock (as clashStatements), then
 * "no clash" as a `must`, which stops the write when there is one (it is
 * then decided again, on a read). Null for a rule that keeps the clash in
 * the history (its note needs the read).
 */
export function noClashStatements(studentId: string, courseId: string, rule: ClashRule, at: Date): Statement[] | null {
  if (rule === "record") return null;
  if (rule === "ignore") return [];
  const asked = clashStatements(studentId, courseId, rule, at);
  const clashes = asked.pop()!;
  return [...asked, statement.must(`SELECT 1 AS "none" WHERE NOT EXISTS (${clashes.sql})`, ...clashes.params)];
}

/** What the answer to clashStatements means under the rule (the clash's rows are the last answer). */
export function clashVerdict(answers: unknown[], rule: ClashRule): string | null {
  if (rule === "ignore") return null;
  const rows = answers.at(-1) as Row[];
  if (rows.length === 0) return null;
  const clash = clashOf(rows[0]!);
  if (rule === "refuse") refuse(clashText(clash, "you"), "clash");
  if (rule === "ask") refuse(clashText(clash, "name"), "clash");
  return clashNote(clash);
}

/** The clash rule on its own, for a write that asks it alone (joining a waitlist). */
export function* clashCheck(studentId: string, courseId: string, rule: ClashRule, at: Date): Txn<string | null> {
  const statements = clashStatements(studentId, courseId, rule, at);
  return clashVerdict(statements.length ? yield* batch(statements) : [], rule);
}

import "server-only";
import { ClassFullError, summaryText } from "@/lib/server/data/enrollments";
import { refusable, type Result } from "@/lib/server/data/result";
import { asBoolean, asDate, asDateOrNull, asNumber, asNumberOrNull, forUpdate, get, refuse, transact, type Txn } from "@/lib/server/data/sql";
import { clashNote, clashText, clashTxn } from "@/lib/server/data/meetings";
import { enrollmentNotice, noticeFor, noticeTxn, tellsStudent } from "@/lib/server/data/notices";
import { startOfDay } from "@/lib/format-date";
import type { ClassCounts } from "@/lib/action-state";
import type { ChangeSetKind, EnrollmentEventType, EnrollmentSource } from "@/lib/generated/sqlite/client";

/**
 * The writes registration day is made of, each one short transaction of a
 * few prepared statements (lib/server/data/sql.ts, docs/decisions/010):
 * enroll (a tick), drop (an untick, seating whoever is first on the
 * waitlist), join and leave a waitlist. Each answers with what changed: the
 * enrollment's date, the class's counts, who was promoted, the waitlist place.
 * Callers check who may do what first (enrollments.ts, self-service.ts, api.ts).
 *
 * Statements, the common case (add the viewer's own lookup for a request):
 * enroll 4 (+1 change set for an admin), drop 4 (+1), join a waitlist 4,
 * leave one 2; each promotion from a waitlist adds 4. Enrolling in or
 * waiting for a class that has meeting times adds the clash check (1; 2 for
 * a student's own on PostgreSQL, which locks the student's row first).
 * Telling a student (a promotion, an admin's or the API's change) adds 2:
 * the notice and its email (docs/decisions/026).
 */

export type { ClassCounts };
export type Promotion = { studentId: string; name: string };
/** What a tick changed. */
export type TickAnswer = {
  studentId: string;
  courseId: string;
  /** enrolled now (true after an enroll, false after a drop) */
  enrolled: boolean;
  enrolledAt: Date | null;
  course: ClassCounts;
  /** seated from the waitlist by a drop, first in line first */
  promoted: Promotion[];
  changeSetId: number | null;
};
export type WaitlistAnswer = { studentId: string; courseId: string; position: number; course: ClassCounts };

/** The self-enrollment rules of a class, as the statements return them. */
export type RulesRow = {
  code: string;
  selfEnrollment: unknown;
  opensAt: unknown;
  closesAt: unknown;
  dropDeadline: unknown;
  joinCode: string | null;
  /** the last day of the class's term, if it has one */
  termEndsOn: unknown;
};
type CourseRow = RulesRow & { title: string; capacity: number | null; enrolledCount: number; hasMeetings: unknown };

export type Rules = {
  code: string;
  selfEnrollment: boolean;
  opensAt: Date | null;
  closesAt: Date | null;
  dropDeadline: Date | null;
  joinCode: string | null;
  termEndsOn: Date | null;
};

export function rulesOf(row: RulesRow): Rules {
  return {
    code: row.code,
    selfEnrollment: asBoolean(row.selfEnrollment),
    opensAt: asDateOrNull(row.opensAt),
    closesAt: asDateOrNull(row.closesAt),
    dropDeadline: asDateOrNull(row.dropDeadline),
    joinCode: row.joinCode,
    termEndsOn: asDateOrNull(row.termEndsOn),
  };
}

const countsOf = (row: CourseRow): ClassCounts => ({
  code: row.code,
  enrolledCount: asNumber(row.enrolledCount),
  capacity: asNumberOrNull(row.capacity),
});

// The term's last day comes along (a key lookup, nothing when the class has no term): students can't enroll once it has passed.
// So does whether the class has meeting times (an index probe): only then can an enrollment clash.
const COURSE_COLUMNS = `"code", "title", "capacity", "enrolledCount", "selfEnrollment", "opensAt", "closesAt", "dropDeadline", "joinCode",
  (SELECT m."endsOn" FROM "Term" m WHERE m."id" = "Course"."termId") AS "termEndsOn",
  EXISTS (SELECT 1 FROM "Meeting" g WHERE g."courseId" = "Course"."id") AS "hasMeetings"`;

/**
 * What an enrollment into a class that meets when another of the student's
 * classes does (docs/decisions/024) does: a student's own is refused, naming
 * the clash; an admin's single tick is asked about first (refused with code
 * "clash"), then made with the clash kept in the history ("record"), as an
 * admin's Save (whose review listed it) and the API's are. Promotions from a
 * waitlist don't check: students can't wait for a class that clashes with
 * theirs. (An import's enrollments are a bulk write of their own, unchecked.)
 */
export type ClashRule = "refuse" | "ask" | "record" | "ignore";

/**
 * Who acts (their name tells a student who changed their classes), how, and
 * (for an admin's write) in which kind of change set an undo can reverse.
 */
export type TickActor = { userId: string; name: string; source: EnrollmentSource; changeSet?: ChangeSetKind };

type Event = {
  type: EnrollmentEventType;
  studentId: string;
  courseId: string;
  actor: TickActor;
  source?: EnrollmentSource;
  reason?: string | null;
  at: Date;
  enrolledAt?: Date | null;
  enrolledSource?: EnrollmentSource | null;
  /** the waitlist entry an enrollment took the student off (its id is the place in line), for undo */
  waitlist?: { id: number; joinedAt: Date } | null;
  changeSetId: number | null;
};

/** Writes one event, with the student's name and the class's code as they are now; returns the name. */
function* writeEvent(e: Event): Txn<string> {
  const row = yield* get<{ studentName: string }>(
    `INSERT INTO "EnrollmentEvent" ("type", "studentId", "courseId", "studentName", "courseCode", "actorId", "source", "reason", "at", "enrolledAt", "enrolledSource", "changeSetId", "waitlistEntryId", "waitlistJoinedAt")
     SELECT $1::"EnrollmentEventType", s."id", c."id", s."name", c."code", $4, $5::"EnrollmentSource", $6, $7::timestamp(3), $8::timestamp(3), $9::"EnrollmentSource", $10::integer, $11::integer, $12::timestamp(3)
     FROM "Student" s, "Course" c WHERE s."id" = $2 AND c."id" = $3
     RETURNING "studentName"`,
    e.type,
    e.studentId,
    e.courseId,
    e.actor.userId,
    e.source ?? e.actor.source,
    e.reason ?? null,
    e.at,
    e.enrolledAt ?? null,
    e.enrolledSource ?? null,
    e.changeSetId,
    e.waitlist?.id ?? null,
    e.waitlist?.joinedAt ?? null,
  );
  if (!row) refuse("That student or class no longer exists.", "gone");
  return row.studentName;
}

function* openChangeSet(actor: TickActor, summary: string, at: Date): Txn<number | null> {
  if (!actor.changeSet) return null;
  const row = yield* get<{ id: unknown }>(
    `INSERT INTO "ChangeSet" ("kind", "actorId", "summary", "createdAt") VALUES ($1::"ChangeSetKind", $2, $3, $4::timestamp(3)) RETURNING "id"`,
    actor.changeSet,
    actor.userId,
    summary,
    at,
  );
  return asNumber(row!.id);
}

/** Why a seat could not be taken: the class is gone, the rules say no, the student is already in, or it is full. */
function* seatRefusal(studentId: string, courseId: string, check: ((rules: Rules) => string | null) | null, self: boolean): Txn<never> {
  const row = yield* get<CourseRow & { studentName: string | null; already: unknown }>(
    `SELECT ${COURSE_COLUMNS},
       (SELECT s."name" FROM "Student" s WHERE s."id" = $2) AS "studentName",
       (SELECT COUNT(*) FROM "Enrollment" e WHERE e."studentId" = $2 AND e."courseId" = $1) AS "already"
     FROM "Course" WHERE "id" = $1`,
    courseId,
    studentId,
  );
  if (!row) refuse("That class no longer exists.", "gone");
  if (row.studentName === null) refuse("That student no longer exists.", "gone");
  const refusal = check?.(rulesOf(row));
  if (refusal) refuse(refusal);
  if (asNumber(row.already) > 0) refuse(`${row.studentName} is already enrolled in ${row.code}.`, "already");
  throw new ClassFullError(
    `${row.code} is full: ${asNumber(row.enrolledCount)} of ${asNumber(row.capacity)}.${self ? " You can join the waitlist." : ""}`,
  );
}

/**
 * Takes a seat (a conditional update of the class's count, which the
 * database applies atomically: two writers can't both take the last seat,
 * docs/decisions/003), then the enrollment row, its event, and the student
 * off the class's waitlist if they were on it.
 */
function* seat(
  actor: TickActor,
  studentId: string,
  courseId: string,
  at: Date,
  opts: {
    check: ((rules: Rules) => string | null) | null;
    changeSetId: number | null;
    source?: EnrollmentSource;
    reason?: string;
    /** an admin's seat past the class's capacity, on purpose, with why (kept in the history) */
    overCapacity?: string;
    clash: ClashRule;
  },
): Txn<{ enrolledAt: Date; course: CourseRow; name: string }> {
  const course = yield* get<CourseRow>(
    opts.overCapacity
      ? `UPDATE "Course" SET "enrolledCount" = "enrolledCount" + 1 WHERE "id" = $1 RETURNING ${COURSE_COLUMNS}`
      : `UPDATE "Course" SET "enrolledCount" = "enrolledCount" + 1
     WHERE "id" = $1 AND ("capacity" IS NULL OR "enrolledCount" < "capacity")
     RETURNING ${COURSE_COLUMNS}`,
    courseId,
  );
  const self = actor.source === "SELF";
  if (!course) return yield* seatRefusal(studentId, courseId, opts.check, self);
  const refusal = opts.check?.(rulesOf(course));
  if (refusal) refuse(refusal); // rolls the seat back
  const clash = yield* clashCheck(studentId, courseId, course, opts.clash, at);
  const source = opts.source ?? actor.source;
  const inserted = yield* get<{ enrolledAt: unknown }>(
    `INSERT INTO "Enrollment" ("studentId", "courseId", "enrolledAt", "enrolledById", "source")
     SELECT s."id", $2, $3::timestamp(3), $4, $5::"EnrollmentSource" FROM "Student" s WHERE s."id" = $1
     ON CONFLICT DO NOTHING
     RETURNING "enrolledAt"`,
    studentId,
    courseId,
    at,
    actor.userId,
    source,
  );
  if (!inserted) return yield* seatRefusal(studentId, courseId, null, self);
  const enrolledAt = asDate(inserted.enrolledAt);
  const waiting = yield* get<{ id: unknown; joinedAt: unknown }>(
    `DELETE FROM "WaitlistEntry" WHERE "studentId" = $1 AND "courseId" = $2 RETURNING "id", "joinedAt"`,
    studentId,
    courseId,
  );
  const name = yield* writeEvent({
    type: "ENROLLED",
    studentId,
    courseId,
    actor,
    source,
    reason:
      [
        opts.overCapacity ? `over capacity (${asNumber(course.enrolledCount)} of ${asNumber(course.capacity)}): ${opts.overCapacity}` : opts.reason,
        clash,
      ]
        .filter(Boolean)
        .join("; ") || null,
    at,
    enrolledAt,
    enrolledSource: source,
    waitlist: waiting ? { id: asNumber(waiting.id), joinedAt: asDate(waiting.joinedAt) } : null,
    changeSetId: opts.changeSetId,
  });
  const notice = enrollmentNotice(source, course, actor.name);
  if (notice) yield* noticeTxn({ studentId, courseId, ...notice }, name, at);
  return { enrolledAt, course, name };
}

/**
 * Where the student's classes clash with this one, by the rule: refused, or
 * asked about, or the note the history keeps (null: no clash, or not checked).
 * A class without meeting times costs nothing here. On PostgreSQL the
 * student's row is locked first, so that two of their own enrollments at
 * once can't both pass the check (SQLite's write transactions already queue).
 */
function* clashCheck(studentId: string, courseId: string, course: CourseRow, rule: ClashRule, at: Date): Txn<string | null> {
  if (rule === "ignore" || !asBoolean(course.hasMeetings)) return null;
  if (rule === "refuse" && forUpdate()) yield* get(`SELECT "id" FROM "Student" WHERE "id" = $1${forUpdate()}`, studentId);
  const clash = yield* clashTxn(studentId, courseId, startOfDay(at));
  if (!clash) return null;
  if (rule === "refuse") refuse(clashText(clash, "you"), "clash");
  if (rule === "ask") refuse(clashText(clash, "name"), "clash");
  return clashNote(clash);
}

/** Why the rules refuse a change (a student's own), or null if they allow it; null for an admin's. */
type Check = ((rules: Rules) => string | null) | null;
/**
 * One change inside a transaction, in a change set (or none). `confirmed`:
 * false when a drop that would seat someone from the waitlist must be
 * confirmed first (an admin's single untick); it is then refused, naming them.
 */
type Step = {
  studentId: string;
  courseId: string;
  check: Check;
  at: Date;
  changeSetId: number | null;
  confirmed?: boolean;
  /** an admin's enroll past capacity: why */
  overCapacity?: string;
  clash: ClashRule;
};

/**
 * One tick: enrolls a student in a class, or removes them (then seats the
 * first on its waitlist while there are free seats), as a change set of its
 * own. `check` says why the rules refuse it, if they do.
 */
export function* tickTxn(
  actor: TickActor,
  change: { studentId: string; courseId: string; enrolled: boolean; confirmed?: boolean; overCapacity?: string; clash?: ClashRule },
  check: Check,
  at = new Date(),
): Txn<TickAnswer> {
  const summary = summaryText(change.enrolled ? { added: 1, removed: 0 } : { added: 0, removed: 1 });
  const changeSetId = yield* openChangeSet(actor, summary, at);
  const step = {
    studentId: change.studentId,
    courseId: change.courseId,
    check,
    at,
    changeSetId,
    confirmed: change.confirmed,
    overCapacity: change.overCapacity,
    clash: change.clash ?? defaultClashRule(actor),
  };
  return change.enrolled ? yield* enrollStep(actor, step) : yield* dropStep(actor, step);
}

/** A student's own enrollment is refused on a clash; anyone else's goes ahead with the clash kept in the history. */
function defaultClashRule(actor: TickActor): ClashRule {
  return actor.source === "SELF" ? "refuse" : "record";
}

function* enrollStep(actor: TickActor, { studentId, courseId, check, at, changeSetId, overCapacity, clash }: Step): Txn<TickAnswer> {
  const { enrolledAt, course } = yield* seat(actor, studentId, courseId, at, { check, changeSetId, overCapacity, clash });
  return { studentId, courseId, enrolled: true, enrolledAt, course: countsOf(course), promoted: [], changeSetId };
}

/**
 * Several changes as one transaction and one change set (a Save of a
 * checklist): all or nothing, the first refusal rolls every change back.
 * `check` gives the rules for a student's own changes (null for an admin).
 */
export function* changesTxn(
  actor: TickActor,
  changes: { studentId: string; courseId: string; enrolled: boolean }[],
  check: { enroll: (rules: Rules, courseId: string) => string | null; drop: (rules: Rules, courseId: string) => string | null } | null,
  at = new Date(),
): Txn<TickAnswer[]> {
  const added = changes.filter((c) => c.enrolled).length;
  const changeSetId = yield* openChangeSet(actor, summaryText({ added, removed: changes.length - added }), at);
  const answers: TickAnswer[] = [];
  for (const c of changes) {
    const rule = check && (c.enrolled ? check.enroll : check.drop);
    const step = {
      studentId: c.studentId,
      courseId: c.courseId,
      check: rule ? (rules: Rules) => rule(rules, c.courseId) : null,
      at,
      changeSetId,
      clash: defaultClashRule(actor),
    };
    answers.push(c.enrolled ? yield* enrollStep(actor, step) : yield* dropStep(actor, step));
  }
  return answers;
}

function* dropStep(actor: TickActor, { studentId, courseId, check, at, changeSetId, confirmed }: Step): Txn<TickAnswer> {
  const removed = yield* get<{ enrolledAt: unknown; source: EnrollmentSource }>(
    `DELETE FROM "Enrollment" WHERE "studentId" = $1 AND "courseId" = $2 RETURNING "enrolledAt", "source"`,
    studentId,
    courseId,
  );
  if (!removed) {
    const row = yield* get<{ name: string | null; code: string | null }>(
      `SELECT (SELECT "name" FROM "Student" WHERE "id" = $1) AS "name", (SELECT "code" FROM "Course" WHERE "id" = $2) AS "code"`,
      studentId,
      courseId,
    );
    if (!row?.name) refuse("That student no longer exists.", "gone");
    if (!row.code) refuse("That class no longer exists.", "gone");
    refuse(`${row.name} is not enrolled in ${row.code}.`, "not-enrolled");
  }
  let course = (yield* get<CourseRow>(
    `UPDATE "Course" SET "enrolledCount" = "enrolledCount" - 1 WHERE "id" = $1 RETURNING ${COURSE_COLUMNS}`,
    courseId,
  ))!;
  const refusal = check?.(rulesOf(course));
  if (refusal) refuse(refusal); // puts the enrollment back
  const name = yield* writeEvent({
    type: "DROPPED",
    studentId,
    courseId,
    actor,
    at,
    enrolledAt: asDate(removed.enrolledAt),
    enrolledSource: removed.source,
    changeSetId,
  });
  if (tellsStudent(actor.source)) yield* noticeTxn({ studentId, courseId, ...noticeFor.removed(course, actor.name) }, name, at);
  const promoted: Promotion[] = [];
  while (course.capacity === null || asNumber(course.enrolledCount) < asNumber(course.capacity)) {
    const first = yield* get<{ studentId: string }>(
      `SELECT "studentId" FROM "WaitlistEntry" WHERE "courseId" = $1 ORDER BY "id" LIMIT 1`,
      courseId,
    );
    if (!first) break;
    const seated = yield* seat(actor, first.studentId, courseId, at, {
      check: null,
      changeSetId,
      source: "WAITLIST",
      reason: "promoted from the waitlist",
      clash: "ignore",
    });
    promoted.push({ studentId: first.studentId, name: seated.name });
    course = seated.course;
  }
  if (promoted.length && confirmed === false) {
    // Rolled back: the admin is asked first, told who would get the seat.
    const who = yield* get<{ name: string }>(`SELECT "name" FROM "Student" WHERE "id" = $1`, studentId);
    refuse(`Removing ${who?.name ?? "this student"} gives the seat to ${promoted.map((p) => p.name).join(", ")} from the waitlist.`, "confirm");
  }
  return { studentId, courseId, enrolled: false, enrolledAt: null, course: countsOf(course), promoted, changeSetId };
}

/**
 * Puts a student at the end of a full class's waitlist and says their
 * place. The class's row is locked first, so joins to one class queue up:
 * the place counted is the true one even with many joining at once.
 */
export function* joinWaitlistTxn(
  actor: TickActor,
  studentId: string,
  courseId: string,
  check: ((rules: Rules) => string | null) | null,
  at = new Date(),
): Txn<WaitlistAnswer> {
  const course = yield* get<CourseRow>(`SELECT ${COURSE_COLUMNS} FROM "Course" WHERE "id" = $1${forUpdate()}`, courseId);
  if (!course) refuse("That class no longer exists.");
  const refusal = check?.(rulesOf(course));
  if (refusal) refuse(refusal);
  if (course.capacity === null || asNumber(course.enrolledCount) < asNumber(course.capacity)) {
    refuse(`${course.code} has seats left: enroll instead.`);
  }
  // Waiting for a class is a promise of its seat: not for one that clashes with the student's own.
  yield* clashCheck(studentId, courseId, course, defaultClashRule(actor), at);
  const entry = yield* get<{ id: unknown }>(
    `INSERT INTO "WaitlistEntry" ("studentId", "courseId", "joinedAt")
     SELECT s."id", $2, $3::timestamp(3) FROM "Student" s
     WHERE s."id" = $1 AND NOT EXISTS (SELECT 1 FROM "Enrollment" e WHERE e."studentId" = $1 AND e."courseId" = $2)
     ON CONFLICT DO NOTHING
     RETURNING "id"`,
    studentId,
    courseId,
    at,
  );
  if (!entry) {
    const row = yield* get<{ name: string | null; enrolled: unknown }>(
      `SELECT (SELECT "name" FROM "Student" WHERE "id" = $1) AS "name",
         (SELECT COUNT(*) FROM "Enrollment" WHERE "studentId" = $1 AND "courseId" = $2) AS "enrolled"`,
      studentId,
      courseId,
    );
    if (!row?.name) refuse("That student no longer exists.");
    if (asNumber(row.enrolled) > 0) refuse(`${row.name} is already enrolled in ${course.code}.`);
    refuse(`${row.name} is already on the waitlist for ${course.code}.`);
  }
  yield* writeEvent({ type: "WAITLISTED", studentId, courseId, actor, at, changeSetId: null });
  const place = yield* get<{ n: unknown }>(
    `SELECT COUNT(*) AS "n" FROM "WaitlistEntry" WHERE "courseId" = $1 AND "id" <= $2`,
    courseId,
    entry.id,
  );
  return { studentId, courseId, position: asNumber(place!.n), course: countsOf(course) };
}

/** Takes a student off a class's waitlist, with an event. */
export function* leaveWaitlistTxn(actor: TickActor, studentId: string, courseId: string, at = new Date()): Txn<null> {
  const removed = yield* get(`DELETE FROM "WaitlistEntry" WHERE "studentId" = $1 AND "courseId" = $2 RETURNING "id"`, studentId, courseId);
  if (!removed) {
    const course = yield* get<{ code: string }>(`SELECT "code" FROM "Course" WHERE "id" = $1`, courseId);
    if (!course) refuse("That class no longer exists.");
    refuse(`Not on the waitlist for ${course.code}.`);
  }
  yield* writeEvent({ type: "UNWAITLISTED", studentId, courseId, actor, at, changeSetId: null });
  return null;
}

/** Runs one of the transactions above: a refusal (full, closed, already in...) comes back as a Fail, having written nothing. */
export function runTick<T>(body: () => Txn<T>): Promise<Result<T>> {
  return refusable(() => transact(body));
}

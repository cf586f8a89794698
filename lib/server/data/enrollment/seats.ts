import "server-only";
import type { ClassCounts } from "@/lib/action-state";
import { asBoolean, asDate, asNumber, asNumberOrNull, batch, get, refuse, Retry, statement, Unmet, type Row, type Statement, type Txn } from "@/lib/server/data/sql";
import type { Change, Link } from "@/lib/server/data/enrollment/actor";
import { classAsSeen, forgetClass, rememberClass, seenClass } from "@/lib/server/data/enrollment/classes-seen";
import { clashStatements, clashVerdict, noClashStatements } from "@/lib/server/data/enrollment/clashes";
import { droppedEvent, enrolledEvent, noteOnEvent } from "@/lib/server/data/enrollment/events";
import { ClassFullError, rulesOf, standingColumns, standingVerdict, standsClear, STANDING_SQL, standsClearSql, type Check, type ClashRule, type Standing, type StandingRule, type RulesRow } from "@/lib/server/data/enrollment/rules";
import { enrollmentNotice, noticeFor, tell, tellStatements, tellsStudent } from "@/lib/server/data/notices/tell";
import type { EnrollmentSource } from "@/lib/generated/sqlite/client";

/**
 * Seats: the one implementation of taking a seat, giving it up, and seating
 * the waitlist, for every path (decision 028). Steps inside a write
 * transaction (lib/server/data/sql.ts: `transact` for a change of its own,
 * `within` inside a Prisma transaction): they take ids from a caller that
 * has checked who is asking.
 *
 * Statements, the common case. A tick's (a transaction's last change,
 * decisions 031 and 032): on a class this process has seen
 * (classes-seen.ts), one request: the class still as seen, no clash (for a
 * class with times; 2 for a student's own on PostgreSQL, which locks the
 * student's row first), the event, off the waitlist, then the count and
 * the row, with the COMMIT; a drop the same with "still no one waiting".
 * Otherwise the read the rules decide on first (1, with the clash check
 * 2), then the same writes with the COMMIT. Any other change (decision
 * 030): a seat 4 and the clash check, one batch; a drop 4 (the event, the
 * count, the row, the first in line), one batch; each promotion from a
 * waitlist a seat. Telling a student (a promotion, an admin's or the API's
 * change) adds 2: the notice and its email (docs/decisions/026), sent with
 * the COMMIT.
 */

export type { ClassCounts };
export type Promotion = { studentId: string; name: string };

/** A class as the core's statements return it: its counts and rules. */
export type CourseRow = RulesRow & { title: string; capacity: number | null; enrolledCount: number; hasMeetings: unknown };

export const countsOf = (row: CourseRow): ClassCounts => ({
  code: row.code,
  enrolledCount: asNumber(row.enrolledCount),
  capacity: asNumberOrNull(row.capacity),
});

/** Seats are left: no capacity, or fewer enrolled than it. */
export const hasSeat = (row: CourseRow) => row.capacity === null || asNumber(row.enrolledCount) < asNumber(row.capacity);

// The term's last day comes along (a key lookup, nothing when the class has no term): students can't enroll once it has passed.
// So does whether the class has meeting times (an index probe): only then can an enrollment clash.
export const COURSE_COLUMNS = `"code", "title", "capacity", "enrolledCount", "selfEnrollment", "opensAt", "closesAt", "dropDeadline", "joinCode",
  (SELECT m."endsOn" FROM "Term" m WHERE m."id" = "Course"."termId") AS "termEndsOn",
  EXISTS (SELECT 1 FROM "Meeting" g WHERE g."courseId" = "Course"."id") AS "hasMeetings"`;

/**
 * Why a seat could not be taken: the class is gone, the rules say no, the
 * student is already in, or it is full. `ours`: the seat's own batch
 * inserted the student's row (it is rolled back with the refusal), so it
 * doesn't count as already being in.
 */
function* seatRefusal(link: Link, check: Check, self: boolean, ours: boolean, at: Date): Txn<never> {
  const row = yield* get<LinkRow>(LINK_SQL, link.courseId, link.studentId, at);
  // Remembered as it is now: a class seen with a seat that has filled since is read first next time, not written to.
  if (row) rememberClass(link.courseId, row);
  seatCheck(row, check, ours);
  throw new ClassFullError(fullText(row!, self), countsOf(row!));
}

/**
 * A class as a seat or a drop decides on it, with the student's name,
 * whether they are in it, and whether anyone waits for it: read first, before
 * anything is locked, by a tick's last change (`last`), or after a refusal to
 * say why. One statement.
 */
const LINK_SQL = `SELECT ${COURSE_COLUMNS},
    (SELECT s."name" FROM "Student" s WHERE s."id" = $2) AS "studentName", ${standingColumns("$2", "$3::timestamp(3)")},
    (SELECT COUNT(*) FROM "Enrollment" e WHERE e."studentId" = $2 AND e."courseId" = $1) AS "already",
    EXISTS (SELECT 1 FROM "WaitlistEntry" w WHERE w."courseId" = $1) AS "waiting"
  FROM "Course" WHERE "id" = $1`;
type LinkRow = CourseRow & Standing & { studentName: string | null; already: unknown; waiting: unknown };

/** Refused when the class or the student is gone. */
function present(row: LinkRow | undefined): asserts row is LinkRow & { studentName: string } {
  if (!row) refuse("That class no longer exists.", "gone");
  if (row.studentName === null) refuse("That student no longer exists.", "gone");
}

/** The seat's refusals but a full class, in order: the class or the student gone, the class's rules, already in (`ours`: the row the seat's own batch made doesn't count). */
function seatCheck(row: LinkRow | undefined, check: Check, ours: boolean): asserts row is LinkRow {
  present(row);
  const refusal = check?.(rulesOf(row));
  if (refusal) refuse(refusal);
  if (asNumber(row.already) - (ours ? 1 : 0) > 0) refuse(`${row.studentName} is already enrolled in ${row.code}.`, "already");
}

const fullText = (row: CourseRow, self: boolean) =>
  `${row.code} is full: ${asNumber(row.enrolledCount)} of ${asNumber(row.capacity)}.${self ? " You can join the waitlist." : ""}`;

export type SeatOptions = {
  /** a student's own: the class's rules (window, join code, term) */
  check: Check;
  clash: ClashRule;
  /** how it is made: the actor's way unless said (a promotion's is WAITLIST) */
  source?: EnrollmentSource;
  /** an enrollment put back or loaded as it was (an undo, an import's beginDate): its date and, for an undo, how it was first made */
  enrolledAt?: Date;
  enrolledSource?: EnrollmentSource;
  /** kept in its event */
  reason?: string | null;
  /** the rules about the student (a hold): as the path meets them (default "ignore": a promotion, an undo) */
  standing?: StandingRule;
  /** an admin's reason to go past a rule about the student (their tick's "Enroll anyway"), kept with it in the history */
  pass?: string;
  /** an admin's seat past the class's capacity, on purpose, with why (kept in the history) */
  overCapacity?: string;
  /** tell the student (default: as the source says, enrollmentNotice); an import's undo tells nobody */
  tell?: boolean;
  /** the transaction's last change (a tick's): decided on a read first, its writes then sent with the COMMIT */
  last?: boolean;
};

/**
 * Takes a seat (a conditional update of the class's count, which the
 * database applies atomically: two writers can't both take the last seat,
 * docs/decisions/003), then the enrollment row, its event, the student off
 * the class's waitlist if they were on it, and the notice. The statements
 * go as one batch (one round trip on PostgreSQL); what they answer is read
 * afterwards, and a refusal rolls all of it back.
 */
export function* seat(change: Change, link: Link, opts: SeatOptions): Txn<{ enrolledAt: Date; course: CourseRow; name: string }> {
  if (opts.last) return yield* seatLast(change, link, opts);
  const { studentId, courseId } = link;
  const source = opts.source ?? change.actor.source;
  const enrolledSource = opts.enrolledSource ?? source;
  const enrolledAt = opts.enrolledAt ?? change.at;
  const clash = clashStatements(studentId, courseId, opts.clash, change.at);
  const standing = (opts.standing ?? "ignore") === "ignore" ? [] : [statement.get(STANDING_SQL, studentId, courseId, change.at)];
  // The class's row is locked first (by the seat), then the student's (for a student's own clash check).
  // A last change (seatLast) takes them the other way round; a circle of the two (one student's Save
  // and tick at once) is broken by PostgreSQL and answered "busy, try again", nothing written.
  const answers = yield* batch([
    statement.get(opts.overCapacity ? SEAT_PAST_CAPACITY_SQL : SEAT_SQL, courseId),
    ...standing,
    ...clash,
    // Both must exist (the batch goes on after a class that is gone: its refusal is read afterwards).
    statement.get(
      ENROLL_SQL,
      studentId,
      courseId,
      enrolledAt,
      change.actor.userId,
      enrolledSource,
    ),
    enrolledEvent(change, link, { source, reason: opts.reason ?? null, enrolledAt, enrolledSource }),
    // Off the class's waitlist if they were on it (the event keeps the entry, for an undo).
    statement.run(`DELETE FROM "WaitlistEntry" WHERE "studentId" = $1 AND "courseId" = $2`, studentId, courseId),
  ]);
  const course = answers[0] as CourseRow | undefined;
  const standingRow = answers[1] as Standing | undefined;
  const clashAnswers = answers.slice(1 + standing.length, 1 + standing.length + clash.length);
  const [inserted, event] = answers.slice(1 + standing.length + clash.length) as [{ enrolledAt: unknown } | undefined, { id: unknown; studentName: string } | undefined];
  const self = change.actor.source === "SELF";
  if (!course) return yield* seatRefusal(link, opts.check, self, !!inserted, change.at);
  const refusal = opts.check?.(rulesOf(course));
  if (refusal) refuse(refusal);
  // The student's standing is said before a clash (a hold stops any add), but after "already in" (nothing to add).
  if (!inserted || !event) return yield* seatRefusal(link, null, self, !!inserted, change.at);
  const standingNote = standing.length ? standingVerdict(standingRow!, event.studentName, opts.standing!, change.at, opts.pass) : null;
  const clashNote = clash.length && asBoolean(course.hasMeetings) ? clashVerdict(clashAnswers, opts.clash) : null;
  // The reason is kept only for a seat past the capacity: a seat that came free since the admin was asked needs none.
  const past = opts.overCapacity && course.capacity !== null && asNumber(course.enrolledCount) > asNumber(course.capacity);
  const over = past ? `over capacity (${asNumber(course.enrolledCount)} of ${asNumber(course.capacity)}): ${opts.overCapacity}` : null;
  if (over || clashNote || standingNote) yield* noteOnEvent(event.id, [over, opts.reason, standingNote, clashNote].filter(Boolean).join("; "));
  const notice = opts.tell === false ? null : enrollmentNotice(source, course, change.actor.name);
  if (notice) yield* tell([{ studentId, courseId, ...notice }], change.at);
  return { enrolledAt: asDate(inserted.enrolledAt), course, name: event.studentName };
}

const SEAT_SQL = `UPDATE "Course" SET "enrolledCount" = "enrolledCount" + 1
  WHERE "id" = $1 AND ("capacity" IS NULL OR "enrolledCount" < "capacity")
  RETURNING ${COURSE_COLUMNS}`;
const SEAT_PAST_CAPACITY_SQL = `UPDATE "Course" SET "enrolledCount" = "enrolledCount" + 1 WHERE "id" = $1 RETURNING ${COURSE_COLUMNS}`;
const ENROLL_SQL = `INSERT INTO "Enrollment" ("studentId", "courseId", "enrolledAt", "enrolledById", "source")
  SELECT s."id", c."id", $3::timestamp(3), $4, $5::"EnrollmentSource" FROM "Student" s, "Course" c WHERE s."id" = $1 AND c."id" = $2
  ON CONFLICT DO NOTHING
  RETURNING "enrolledAt"`;

/**
 * The same seat as a transaction's last change (decision 031): the class,
 * the student and the clash rule are read first (nothing locked but, for a
 * student's own clash check, the student's row), the rules decide on that;
 * or, for a class this process has seen, the rules decide on it as seen
 * and the writes check it still is (decision 032). Then the writes go as
 * one batch with the notice and the COMMIT, each write that must hold (a
 * seat left, not already in, the class as seen, no clash) checked by the
 * database as it runs. The class's row is locked only while PostgreSQL
 * runs the end of that batch, not across a turn of the app's event loop. A
 * write that didn't hold rolls back and is read again to say why (full,
 * already in, gone), or the change runs again from a read (the class
 * changed since it was seen, a clash).
 */
function* seatLast(change: Change, link: Link, opts: SeatOptions): Txn<{ enrolledAt: Date; course: CourseRow; name: string }> {
  const { studentId, courseId } = link;
  const source = opts.source ?? change.actor.source;
  const enrolledSource = opts.enrolledSource ?? source;
  const enrolledAt = opts.enrolledAt ?? change.at;
  const self = change.actor.source === "SELF";
  // Decided on the class as last seen, with no read first, when its rules let the student in and it had a seat (classes-seen.ts);
  // a class without times clashes with nothing (the check that it still has none goes with classAsSeen).
  const seen = opts.overCapacity ? undefined : seenClass(courseId);
  const noClash = !seen ? null : !asBoolean(seen.hasMeetings) ? [] : noClashStatements(studentId, courseId, opts.clash, change.at);
  // The student's standing, checked by a `must` with the writes: a hold stops them, and the change is decided again on a
  // read, which refuses or asks, or (a rule that records it) makes the enrollment with the hold in its note.
  const standingRule = opts.standing ?? "ignore";
  const noHold = standingRule === "ignore" ? [] : [statement.must(standsClearSql(standingRule === "refuse"), studentId, courseId, change.at)];
  let row: CourseRow & { waiting: unknown };
  let guards: Statement[] = [];
  let clashNote: string | null = null;
  let standingNote: string | null = null;
  if (seen && noClash && !opts.check?.(rulesOf(seen)) && hasSeat(seen)) {
    row = seen;
    guards = [classAsSeen(courseId, seen, studentId), ...noHold, ...noClash];
  } else {
    const clash = clashStatements(studentId, courseId, opts.clash, change.at);
    const [read, ...clashAnswers] = (yield* batch([statement.get(LINK_SQL, courseId, studentId, change.at), ...clash])) as [LinkRow | undefined, ...unknown[]];
    if (read) rememberClass(courseId, read);
    seatCheck(read, opts.check, false);
    standingNote = standingVerdict(read, read.studentName!, standingRule, change.at, opts.pass);
    if (!opts.overCapacity && !hasSeat(read)) throw new ClassFullError(fullText(read, self), countsOf(read));
    clashNote = clash.length && asBoolean(read.hasMeetings) ? clashVerdict(clashAnswers, opts.clash) : null;
    row = read;
  }
  const notice = opts.tell === false ? null : enrollmentNotice(source, row, change.actor.name);
  const seat = statement.must(opts.overCapacity ? SEAT_PAST_CAPACITY_SQL : SEAT_SQL, courseId);
  const enroll = statement.must(ENROLL_SQL, studentId, courseId, enrolledAt, change.actor.userId, enrolledSource);
  const event = enrolledEvent(change, link, { source, reason: [opts.reason, standingNote, clashNote].filter(Boolean).join("; ") || null, enrolledAt, enrolledSource });
  // The class's row is locked from the seat to the COMMIT: the seat goes last but the row (whose
  // statement trigger then leaves the class's version as the seat set it, page-stamps.ts), so that
  // registration day's busiest row is held for as little as can be.
  const writes = [
    ...guards,
    event,
    statement.run(`DELETE FROM "WaitlistEntry" WHERE "studentId" = $1 AND "courseId" = $2`, studentId, courseId),
    ...(notice ? tellStatements([{ studentId, courseId, ...notice }], change.at) : []),
    seat,
    enroll,
  ];
  let answers: unknown[];
  try {
    // A seat past the capacity notes by how much once it is taken: its COMMIT goes after.
    answers = yield* batch(writes, { commit: !opts.overCapacity, together: courseId });
  } catch (error) {
    if (!(error instanceof Unmet)) throw error;
    if (error.index < guards.length) {
      // The class changed since it was seen, or the student would clash or has a hold: decided again, on a read.
      forgetClass(courseId);
      throw new Retry();
    }
    return yield* seatRefusal(link, opts.check, self, !!(error.answers[writes.indexOf(enroll)] as Row | undefined), change.at);
  }
  const course = answers[writes.indexOf(seat)] as CourseRow;
  const inserted = answers[writes.indexOf(enroll)] as { enrolledAt: unknown };
  const written = answers[writes.indexOf(event)] as { id: unknown; studentName: string };
  rememberClass(courseId, { ...course, waiting: row.waiting });
  if (opts.overCapacity && course.capacity !== null && asNumber(course.enrolledCount) > asNumber(course.capacity)) {
    const over = `over capacity (${asNumber(course.enrolledCount)} of ${asNumber(course.capacity)}): ${opts.overCapacity}`;
    yield* noteOnEvent(written.id, [over, opts.reason, standingNote, clashNote].filter(Boolean).join("; "));
  }
  return { enrolledAt: asDate(inserted.enrolledAt), course, name: written.studentName };
}

export type DropOptions = {
  /** a student's own: the class's rules (drop deadline, term) */
  check: Check;
  /** false: a drop that would seat someone from the waitlist is refused (code "confirm"), naming them */
  confirmed?: boolean;
  /** seat the waitlist into the freed seat now (default); an import or undo seats it once all its changes are made */
  promote?: boolean;
  /** kept in its event */
  reason?: string | null;
  /** tell the student (default: as the actor's source says, tellsStudent) */
  tell?: boolean;
  /** the transaction's last change (a tick's): decided on a read first, its writes then sent with the COMMIT */
  last?: boolean;
};

/**
 * Removes a student from a class, gives the seat back and (unless told not
 * to) seats the first on the waitlist. One batch: the event (from the
 * enrollment's row, before it goes), the row, the count, and who is first
 * in line; a refusal read afterwards rolls it all back.
 */
export function* drop(change: Change, link: Link, opts: DropOptions): Txn<{ course: CourseRow; promoted: Promotion[] }> {
  if (opts.last) {
    const dropped = yield* dropLast(change, link, opts);
    if (dropped) return dropped;
  }
  const { studentId, courseId } = link;
  const [event, course, removed, first] = (yield* batch([
    droppedEvent(change, link, opts.reason ?? null),
    statement.get(UNSEAT_SQL, courseId),
    statement.get(UNENROLL_SQL, studentId, courseId),
    statement.get(FIRST_WAITING_SQL, courseId, change.at),
  ])) as [unknown, CourseRow | undefined, unknown, { studentId: string } | undefined];
  if (!event || !removed || !course) {
    const row = yield* get<{ name: string | null; code: string | null }>(
      `SELECT (SELECT "name" FROM "Student" WHERE "id" = $1) AS "name", (SELECT "code" FROM "Course" WHERE "id" = $2) AS "code"`,
      studentId,
      courseId,
    );
    if (!row?.name) refuse("That student no longer exists.", "gone");
    if (!row.code) refuse("That class no longer exists.", "gone");
    refuse(`${row.name} is not enrolled in ${row.code}.`, "not-enrolled");
  }
  const refusal = opts.check?.(rulesOf(course));
  if (refusal) refuse(refusal); // puts the enrollment back
  if (opts.tell ?? tellsStudent(change.actor.source)) {
    yield* tell([{ studentId, courseId, ...noticeFor.removed(course, change.actor.name) }], change.at);
  }
  if (opts.promote === false) return { course, promoted: [] };
  const seated = yield* promote(change, courseId, course, first ?? null);
  if (seated.promoted.length && opts.confirmed === false) {
    // Rolled back: the admin is asked first, told who would get the seat.
    const who = yield* get<{ name: string }>(`SELECT "name" FROM "Student" WHERE "id" = $1`, studentId);
    refuse(
      `Removing ${who?.name ?? "this student"} gives the seat to ${seated.promoted.map((p) => p.name).join(", ")} from the waitlist.`,
      "confirm",
    );
  }
  return seated;
}

/**
 * The same drop as a transaction's last change (decision 031), when no one
 * waits for the class: read first (or, for a class seen, decided on it as
 * seen and checked with the writes, decision 032), the rules decide, then
 * the event, the notice, the count and the row go with the COMMIT, with a
 * check that still no one waits (a student who joined the waitlist
 * meanwhile is seated: the whole change runs again, from a read).
 * Undefined when someone waits: the drop then runs as any other, seating
 * them.
 */
function* dropLast(change: Change, link: Link, opts: DropOptions): Txn<{ course: CourseRow; promoted: Promotion[] } | undefined> {
  const { studentId, courseId } = link;
  const seats = opts.promote !== false;
  // Decided on the class as last seen, with no read first, when its rules let the student drop and no one waited (classes-seen.ts).
  const seen = seenClass(courseId);
  let row: CourseRow & { waiting: unknown };
  let guards: Statement[] = [];
  if (seen && !opts.check?.(rulesOf(seen)) && !(seats && asBoolean(seen.waiting))) {
    row = seen;
    guards = [classAsSeen(courseId, seen, studentId)];
  } else {
    const read = yield* get<LinkRow>(LINK_SQL, courseId, studentId, change.at);
    if (read) rememberClass(courseId, read);
    enrolledIn(read);
    const refusal = opts.check?.(rulesOf(read));
    if (refusal) refuse(refusal);
    if (seats && asBoolean(read.waiting)) return undefined;
    row = read;
  }
  const told = opts.tell ?? tellsStudent(change.actor.source);
  const noOneWaiting = statement.must(NO_ONE_WAITING_SQL, courseId);
  // The count before the row: the class's row is updated once (its version with it, page-stamps.ts).
  const unseat = statement.must(UNSEAT_SQL, courseId);
  // As a seat's: the class's row locked (by the count) last but the row and the check that no one waits.
  const writes = [
    ...guards,
    droppedEvent(change, link, opts.reason ?? null),
    ...(told ? tellStatements([{ studentId, courseId, ...noticeFor.removed(row, change.actor.name) }], change.at) : []),
    unseat,
    statement.must(UNENROLL_SQL, studentId, courseId),
    ...(seats ? [noOneWaiting] : []),
  ];
  let answers: unknown[];
  try {
    answers = yield* batch(writes, { commit: true, together: courseId });
  } catch (error) {
    if (!(error instanceof Unmet)) throw error;
    // The class changed since it was seen, or someone joined its waitlist: decided again, on a read.
    if (error.index < guards.length || writes[error.index] === noOneWaiting) {
      forgetClass(courseId);
      throw new Retry();
    }
    // The class's count or the student's row was gone when the batch ran: read which, and say so.
    const now = yield* get<LinkRow>(LINK_SQL, courseId, studentId, change.at);
    present(now);
    refuse(notEnrolled(now), "not-enrolled");
  }
  const course = answers[writes.indexOf(unseat)] as CourseRow;
  rememberClass(courseId, { ...course, waiting: seats ? false : row.waiting });
  return { course, promoted: [] };
}

/** A drop's refusals before its rules: the class or the student gone, not enrolled. */
function enrolledIn(row: LinkRow | undefined): asserts row is LinkRow {
  present(row);
  if (asNumber(row.already) === 0) refuse(notEnrolled(row), "not-enrolled");
}

const notEnrolled = (row: LinkRow) => `${row.studentName} is not enrolled in ${row.code}.`;

const UNSEAT_SQL = `UPDATE "Course" SET "enrolledCount" = "enrolledCount" - 1 WHERE "id" = $1 RETURNING ${COURSE_COLUMNS}`;
const UNENROLL_SQL = `DELETE FROM "Enrollment" WHERE "studentId" = $1 AND "courseId" = $2 RETURNING "studentId"`;

// Checked after the count: a student who joined the waitlist before it must be seated.
const NO_ONE_WAITING_SQL = `SELECT 1 AS "none" WHERE NOT EXISTS (SELECT 1 FROM "WaitlistEntry" WHERE "courseId" = $1)`;

// A student something stands in the way of (a hold, their load: decisions 039, 040) keeps their place but is
// passed over; seated once it is lifted, or a seat they hold is dropped. $2: now.
const FIRST_WAITING_SQL = `SELECT w."studentId" FROM "WaitlistEntry" w JOIN "Course" ON "Course"."id" = w."courseId"
  WHERE w."courseId" = $1 AND ${standsClear(`w."studentId"`, "$2::timestamp(3)", false)}
  ORDER BY w."id" LIMIT 1`;

/**
 * Seats the first on a class's waitlist while it has free seats, in the
 * same transaction as whatever freed them (a drop, a removal, a raised
 * capacity, an import or undo). `course`: the class as the caller last read
 * it, if it did (saves a statement).
 */
export function* promote(
  change: Change,
  courseId: string,
  course?: CourseRow,
  /** who is first in line, if the caller just read it (undefined: not read) */
  firstInLine?: { studentId: string } | null,
): Txn<{ course: CourseRow; promoted: Promotion[] }> {
  let now = course ?? (yield* get<CourseRow>(`SELECT ${COURSE_COLUMNS} FROM "Course" WHERE "id" = $1`, courseId));
  let first = firstInLine;
  const promoted: Promotion[] = [];
  while (now && hasSeat(now)) {
    if (first === undefined) first = yield* get<{ studentId: string }>(FIRST_WAITING_SQL, courseId, change.at);
    if (!first) break;
    const seated = yield* seat(change, { studentId: first.studentId, courseId }, {
      check: null,
      source: "WAITLIST",
      reason: "promoted from the waitlist",
      clash: "ignore",
    });
    promoted.push({ studentId: first.studentId, name: seated.name });
    now = seated.course;
    first = undefined;
  }
  return { course: now!, promoted };
}

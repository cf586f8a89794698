import "server-only";
import { asBoolean, asNumber, forUpdate, get, refuse, run, type Txn } from "@/lib/server/data/sql";
import type { Change, Link } from "@/lib/server/data/enrollment/actor";
import { clashCheck } from "@/lib/server/data/enrollment/clashes";
import { writeEvent } from "@/lib/server/data/enrollment/events";
import { rulesOf, standingVerdict, STANDING_SQL, type Check, type ClashRule, type Standing, type StandingRule } from "@/lib/server/data/enrollment/rules";
import { COURSE_COLUMNS, countsOf, hasSeat, type ClassCounts, type CourseRow } from "@/lib/server/data/enrollment/seats";
import { noticeFor, tell, tellsStudent } from "@/lib/server/data/notices/tell";

/**
 * Waitlists: joining one (a full class's), leaving one, and an undo's
 * putting a student back in their old place. Seating the waitlist is a
 * seat's (seats.ts: promote). Steps: callers check who is asking.
 */

export type WaitlistAnswer = { studentId: string; courseId: string; position: number; course: ClassCounts };

/**
 * Puts a student at the end of a full class's waitlist and says their
 * place. The class's row is locked first, so joins to one class queue up:
 * the place counted is the true one even with many joining at once.
 */
export function* joinWaitlist(change: Change, link: Link, opts: { check: Check; clash: ClashRule; standing: StandingRule }): Txn<WaitlistAnswer> {
  const { studentId, courseId } = link;
  const course = yield* get<CourseRow>(`SELECT ${COURSE_COLUMNS} FROM "Course" WHERE "id" = $1${forUpdate()}`, courseId);
  if (!course) refuse("That class no longer exists.");
  const refusal = opts.check?.(rulesOf(course));
  if (refusal) refuse(refusal);
  if (hasSeat(course)) refuse(`${course.code} has seats left: enroll instead.`);
  // A place in line is a promise of a seat: a hold stops it as it stops an enrollment.
  if (opts.standing !== "ignore") standingVerdict((yield* get<Standing>(STANDING_SQL, studentId, courseId, change.at))!, "", opts.standing, change.at);
  // Waiting for a class is a promise of its seat: not for one that clashes with the student's own.
  if (asBoolean(course.hasMeetings)) yield* clashCheck(studentId, courseId, opts.clash, change.at);
  const entry = yield* get<{ id: unknown }>(
    `INSERT INTO "WaitlistEntry" ("studentId", "courseId", "joinedAt")
     SELECT s."id", $2, $3::timestamp(3) FROM "Student" s
     WHERE s."id" = $1 AND NOT EXISTS (SELECT 1 FROM "Enrollment" e WHERE e."studentId" = $1 AND e."courseId" = $2)
     ON CONFLICT DO NOTHING
     RETURNING "id"`,
    studentId,
    courseId,
    change.at,
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
  yield* writeEvent(change, { type: "WAITLISTED", studentId, courseId });
  const place = yield* get<{ n: unknown }>(`SELECT COUNT(*) AS "n" FROM "WaitlistEntry" WHERE "courseId" = $1 AND "id" <= $2`, courseId, entry.id);
  return { studentId, courseId, position: asNumber(place!.n), course: countsOf(course) };
}

/** Takes a student off a class's waitlist, with an event; an admin's taking them off is told to them. */
export function* leaveWaitlist(change: Change, link: Link): Txn<null> {
  const { studentId, courseId } = link;
  const removed = yield* get(`DELETE FROM "WaitlistEntry" WHERE "studentId" = $1 AND "courseId" = $2 RETURNING "id"`, studentId, courseId);
  if (!removed) {
    const course = yield* get<{ code: string }>(`SELECT "code" FROM "Course" WHERE "id" = $1`, courseId);
    if (!course) refuse("That class no longer exists.");
    refuse(`Not on the waitlist for ${course.code}.`);
  }
  yield* writeEvent(change, { type: "UNWAITLISTED", studentId, courseId });
  if (tellsStudent(change.actor.source)) {
    const course = (yield* get<{ code: string; title: string }>(`SELECT "code", "title" FROM "Course" WHERE "id" = $1`, courseId))!;
    yield* tell([{ studentId, courseId, ...noticeFor.unwaitlisted(course, change.actor.name) }], change.at);
  }
  return null;
}

/** A waitlist place put back as it was (an undo): its id is its place in line. */
export type WaitlistPlace = Link & { id: number; joinedAt: Date };

/** Puts a student back on a class's waitlist in their old place, with an event. */
export function* rewait(change: Change, place: WaitlistPlace, reason: string | null): Txn<void> {
  yield* run(
    `INSERT INTO "WaitlistEntry" ("id", "studentId", "courseId", "joinedAt") VALUES ($1::integer, $2, $3, $4::timestamp(3))`,
    place.id,
    place.studentId,
    place.courseId,
    place.joinedAt,
  );
  yield* writeEvent(change, {
    type: "WAITLISTED",
    studentId: place.studentId,
    courseId: place.courseId,
    reason,
    waitlist: { id: place.id, joinedAt: place.joinedAt },
  });
}

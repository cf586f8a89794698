import "server-only";
import { dialect } from "@/lib/server/data/dialect";
import { get, later, refuse, statement, type Statement, type Txn } from "@/lib/server/data/sql";
import type { Change } from "@/lib/server/data/enrollment/actor";
import type { EnrollmentEventType, EnrollmentSource } from "@/lib/generated/sqlite/client";

/**
 * The history of enrollments: an event per change, never rewritten. Every
 * event is written here, by the core's steps, with the student's name and
 * the class's code as they are at the time.
 */

export type Event = {
  type: EnrollmentEventType;
  studentId: string;
  courseId: string;
  /** how: the actor's own unless said (a promotion's is WAITLIST) */
  source?: EnrollmentSource;
  reason?: string | null;
  /** the enrollment's date and how it was made: kept for an undo, which puts it back as it was */
  enrolledAt?: Date | null;
  enrolledSource?: EnrollmentSource | null;
  /** the waitlist entry a change took the student off or put them back on (its id is the place in line), for an undo */
  waitlist?: { id: number; joinedAt: Date } | null;
};

/** Writes one event in the change's change set; answers the student's name (refused when the student or class is gone). */
export function* writeEvent(change: Change, e: Event): Txn<string> {
  const row = yield* get<{ studentName: string }>(
    `INSERT INTO "EnrollmentEvent" ("type", "studentId", "courseId", "studentName", "courseCode", "actorId", "source", "reason", "at", "enrolledAt", "enrolledSource", "changeSetId", "waitlistEntryId", "waitlistJoinedAt")
     SELECT $1::"EnrollmentEventType", s."id", c."id", s."name", c."code", $4, $5::"EnrollmentSource", $6, $7::timestamp(3), $8::timestamp(3), $9::"EnrollmentSource", $10::integer, $11::integer, $12::timestamp(3)
     FROM "Student" s, "Course" c WHERE s."id" = $2 AND c."id" = $3
     RETURNING "studentName"`,
    e.type,
    e.studentId,
    e.courseId,
    change.actor.userId,
    e.source ?? change.actor.source,
    e.reason ?? null,
    change.at,
    e.enrolledAt ?? null,
    e.enrolledSource ?? null,
    change.changeSetId,
    e.waitlist?.id ?? null,
    e.waitlist?.joinedAt ?? null,
  );
  if (!row) refuse("That student or class no longer exists.", "gone");
  return row.studentName;
}

const EVENT_COLUMNS = `"type", "studentId", "courseId", "studentName", "courseCode", "actorId", "source", "reason", "at", "enrolledAt", "enrolledSource", "changeSetId", "waitlistEntryId", "waitlistJoinedAt"`;

/**
 * The event of an enrollment about to be made, for a seat's batch: written
 * before the student leaves the class's waitlist, so that it keeps their
 * entry (its id is their place in line) for an undo. Answers its id and the
 * student's name; nothing when the student or class is gone.
 */
export function enrolledEvent(
  change: Change,
  link: { studentId: string; courseId: string },
  e: { source: EnrollmentSource; reason: string | null; enrolledAt: Date; enrolledSource: EnrollmentSource },
): Statement {
  const changeSet = changeSetOf(change, 9);
  return statement.get(
    `INSERT INTO "EnrollmentEvent" (${EVENT_COLUMNS})
     SELECT 'ENROLLED'::"EnrollmentEventType", s."id", c."id", s."name", c."code", $3, $4::"EnrollmentSource", $5, $6::timestamp(3), $7::timestamp(3), $8::"EnrollmentSource", ${changeSet.sql},
       (SELECT w."id" FROM "WaitlistEntry" w WHERE w."studentId" = $1 AND w."courseId" = $2),
       (SELECT w."joinedAt" FROM "WaitlistEntry" w WHERE w."studentId" = $1 AND w."courseId" = $2)
     FROM "Student" s, "Course" c WHERE s."id" = $1 AND c."id" = $2
     RETURNING "id", "studentName"`,
    link.studentId,
    link.courseId,
    change.actor.userId,
    e.source,
    e.reason,
    change.at,
    e.enrolledAt,
    e.enrolledSource,
    ...changeSet.params,
  );
}

/**
 * The event of an enrollment about to be removed, for a drop's batch:
 * written from the enrollment's row before it goes (its date and how it was
 * made, for an undo). Answers its id; nothing when there is no such enrollment.
 */
export function droppedEvent(change: Change, link: { studentId: string; courseId: string }, reason: string | null): Statement {
  const changeSet = changeSetOf(change, 7);
  return statement.get(
    `INSERT INTO "EnrollmentEvent" (${EVENT_COLUMNS})
     SELECT 'DROPPED'::"EnrollmentEventType", s."id", c."id", s."name", c."code", $3, $4::"EnrollmentSource", $5, $6::timestamp(3), e."enrolledAt", e."source", ${changeSet.sql}, NULL, NULL
     FROM "Enrollment" e JOIN "Student" s ON s."id" = e."studentId" JOIN "Course" c ON c."id" = e."courseId"
     WHERE e."studentId" = $1 AND e."courseId" = $2
     RETURNING "id"`,
    link.studentId,
    link.courseId,
    change.actor.userId,
    change.actor.source,
    reason,
    change.at,
    ...changeSet.params,
  );
}

/**
 * The change's change set in an event's SQL: its id, the statement's last
 * parameter ($n); or, while the change set's row is on its way in the same
 * request (a tick decided on the class as last seen, seats.ts), the id this
 * transaction just gave it.
 */
function changeSetOf(change: Change, n: number): { sql: string; params: unknown[] } {
  if (change.changeSetSent?.()) return { sql: dialect().lastChangeSetId, params: [] };
  return { sql: `$${n}::integer`, params: [change.changeSetId] };
}

/** Adds to an event's reason what was learnt after it was written (a clash, a seat past the capacity). */
export function* noteOnEvent(id: unknown, reason: string): Txn<void> {
  yield* later(`UPDATE "EnrollmentEvent" SET "reason" = $2 WHERE "id" = $1::integer`, Number(id), reason);
}

import "server-only";
import { get, refuse, type Txn } from "@/lib/server/data/sql";
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

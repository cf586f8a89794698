import "server-only";
import { setBounded } from "@/lib/bounded-map";
import { statement, type Statement } from "@/lib/server/data/sql";
import type { RulesRow } from "@/lib/server/data/enrollment/rules";

/**
 * Each class as this process last read it for a tick (decision 032): its
 * rules, code and title, its counts then, and whether anyone waited for it.
 * A tick's last change may be decided on it without reading first, its
 * writes then going with `classAsSeen` (the class is still as seen) and the
 * COMMIT in one request (seats.ts); when the class has changed, the change
 * runs again from a fresh read. A guess, never an answer: nothing is
 * refused or told on it. Bounded; a class not seen yet is read.
 */
export type SeenClass = RulesRow & { title: string; capacity: number | null; enrolledCount: number; hasMeetings: unknown; waiting: unknown };

const seen = new Map<string, SeenClass>();
const MAX_SEEN = 5_000;

export function seenClass(courseId: string): SeenClass | undefined {
  return seen.get(courseId);
}

/** Remembers a class as just read or written (its counts as they came back). */
export function rememberClass(courseId: string, row: SeenClass): void {
  const { code, title, capacity, enrolledCount, hasMeetings, selfEnrollment, opensAt, closesAt, dropDeadline, joinCode, termEndsOn, waiting } = row;
  setBounded(seen, courseId, { code, title, capacity, enrolledCount, hasMeetings, selfEnrollment, opensAt, closesAt, dropDeadline, joinCode, termEndsOn, waiting }, MAX_SEEN);
}

export function forgetClass(courseId: string): void {
  seen.delete(courseId);
}

/**
 * A `must`: the class is still as seen (what a tick decides on and tells:
 * its rules, code and title, whether it has times to clash), and the
 * student is there (the writes before the seat would otherwise fail on a
 * student who is gone, where a read says so).
 */
export function classAsSeen(courseId: string, row: SeenClass, studentId: string): Statement {
  return statement.must(
    CLASS_AS_SEEN_SQL,
    courseId,
    row.code,
    row.title,
    row.selfEnrollment,
    row.opensAt,
    row.closesAt,
    row.dropDeadline,
    row.joinCode,
    row.termEndsOn,
    row.hasMeetings,
    studentId,
  );
}

// Values as the class's own read answered them (text dates, 0/1 on SQLite), compared as stored.
const CLASS_AS_SEEN_SQL = `SELECT 1 AS "same" FROM "Course" WHERE "id" = $1 AND "code" = $2 AND "title" = $3 AND "selfEnrollment" = $4
  AND "opensAt" IS NOT DISTINCT FROM $5::timestamp(3) AND "closesAt" IS NOT DISTINCT FROM $6::timestamp(3)
  AND "dropDeadline" IS NOT DISTINCT FROM $7::timestamp(3) AND "joinCode" IS NOT DISTINCT FROM $8
  AND (SELECT m."endsOn" FROM "Term" m WHERE m."id" = "Course"."termId") IS NOT DISTINCT FROM $9::timestamp(3)
  AND EXISTS (SELECT 1 FROM "Meeting" g WHERE g."courseId" = "Course"."id") = $10
  AND EXISTS (SELECT 1 FROM "Student" s WHERE s."id" = $11)`;

import "server-only";
import { db, readRows } from "@/lib/server/db";
import { asDate, asNumber, type Row } from "@/lib/server/data/sql";
import type { Meeting, TermedEntry } from "@/lib/meetings";
import { inShownTermSql } from "@/lib/server/data/catalog/term-days";

/**
 * When classes meet (docs/decisions/024): each class's weekly meetings, and a
 * student's week. Steps: callers check who may read or write first; these
 * take ids. Where classes clash is the enrollment core's rule
 * (enrollment/clashes.ts).
 */

/** A meeting's columns, as meetingOf reads them: for a Prisma select. */
export const MEETING_SELECT = { day: true, startMinute: true, endMinute: true, room: true } as const;

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

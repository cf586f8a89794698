import "server-only";
import { nameSortKey, splitFullName } from "@/lib/names";
import { requireAdmin, ForbiddenError, type Viewer } from "@/lib/server/authz";
import { db, readRows } from "@/lib/server/db";
import { asDate, asDateOrNull, asNumber } from "@/lib/server/data/sql";
import { pageWindow, pageOf, type Page } from "@/lib/server/data/paging";
import { visibleCourses } from "@/lib/server/data/catalog/rosters";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { recordChangeEntry, type RecordChangeEntry } from "@/lib/server/data/records/audit";

/**
 * History you can see, from the append-only event table: timelines of a
 * class, a student, or one student in one class; a class's roster as it was
 * on a date; and enrollments and drops per week for the charts.
 */

export type TimelineEntry = {
  id: number;
  at: Date;
  /** "Enrolled", "Enrolled again", "Promoted from the waitlist", "Dropped", "Joined the waitlist", "Left the waitlist" */
  what: string;
  studentId: string;
  studentName: string;
  courseId: string;
  courseCode: string;
  /** who did it: a user's name, "the student", or "someone since deleted" */
  who: string;
  source: string;
  reason: string | null;
  changeSetId: number | null;
};

const HISTORY_PAGE_SIZE = 20;

/** One line of a record's timeline: an enrollment's event, or a change to the record. */
export type HistoryItem = ({ type: "enrollment" } & TimelineEntry) | ({ type: "record" } & RecordChangeEntry);

/** The timeline's page: which events and entries, newest first (ids only; one statement). */
const PAGE_OF_BOTH_SQL = (events: string) => `
  SELECT "src", "id" FROM (
    SELECT 'event' AS "src", "id", "at" FROM "EnrollmentEvent" WHERE ${events} = $1
    UNION ALL
    SELECT 'audit' AS "src", "id", "at" FROM "AuditEntry" WHERE "kind" = $2 AND "recordId" = $1
  ) x ORDER BY "at" DESC, "src", "id" DESC LIMIT $3 OFFSET $4`;
const COUNT_BOTH_SQL = (events: string) => `
  SELECT (SELECT COUNT(*) FROM "EnrollmentEvent" WHERE ${events} = $1) AS "events",
    (SELECT COUNT(*) FROM "AuditEntry" WHERE "kind" = $2 AND "recordId" = $1) AS "changes"`;

/**
 * Timeline of a class or of a student, newest first, paged: its enrollments'
 * events and the changes to the record itself (the audit log) in one
 * timeline; or of one student in one class (events only). Four statements
 * whatever the page.
 */
export async function listHistory(
  viewer: Viewer | null,
  where: { courseId?: string; studentId?: string },
  page: number,
): Promise<Page<HistoryItem>> {
  requireAdmin(viewer);
  if (!where.courseId && !where.studentId) throw new ForbiddenError("Ask for the history of a class or a student.");
  if (where.courseId && where.studentId) {
    const filter: Prisma.EnrollmentEventWhereInput = { ...where };
    const total = await db.enrollmentEvent.count({ where: filter });
    const w = pageWindow(page, total, HISTORY_PAGE_SIZE);
    const events = await db.enrollmentEvent.findMany({ where: filter, orderBy: { id: "desc" }, skip: w.skip, take: w.take });
    return pageOf((await eventEntries(events)).map((e) => ({ type: "enrollment" as const, ...e })), total, w);
  }
  const [column, kind, id] = where.courseId ? ['"courseId"', "CLASS", where.courseId] : ['"studentId"', "STUDENT", where.studentId!];
  const [counts] = await readRows(db, COUNT_BOTH_SQL(column), [id, kind]);
  const total = asNumber(counts!.events) + asNumber(counts!.changes);
  const w = pageWindow(page, total, HISTORY_PAGE_SIZE);
  const ids = await readRows(db, PAGE_OF_BOTH_SQL(column), [id, kind, w.take, w.skip]);
  const eventIds = ids.filter((r) => r.src === "event").map((r) => asNumber(r.id));
  const auditIds = ids.filter((r) => r.src === "audit").map((r) => asNumber(r.id));
  const [events, audits] = await Promise.all([
    eventIds.length ? db.enrollmentEvent.findMany({ where: { id: { in: eventIds } } }) : Promise.resolve([]),
    auditIds.length ? db.auditEntry.findMany({ where: { id: { in: auditIds } } }) : Promise.resolve([]),
  ]);
  const eventById = new Map((await eventEntries(events)).map((e) => [e.id, e]));
  const auditById = new Map(audits.map((a) => [a.id, recordChangeEntry(a)]));
  const rows = ids.map((r): HistoryItem => {
    const n = asNumber(r.id);
    return r.src === "event" ? { type: "enrollment", ...eventById.get(n)! } : { type: "record", ...auditById.get(n)! };
  });
  return pageOf(rows, total, w);
}

type EventRow = Awaited<ReturnType<typeof db.enrollmentEvent.findMany>>[number];

/** Enrollment events as timeline lines: two more statements whatever their number (who acted, which enrollments are repeats). */
async function eventEntries(events: EventRow[]): Promise<TimelineEntry[]> {
  const actorIds = [...new Set(events.map((e) => e.actorId).filter((id): id is string => !!id))];
  const pairs = events.filter((e) => e.type === "ENROLLED").map((e) => ({ studentId: e.studentId, courseId: e.courseId }));
  const [actors, firsts] = await Promise.all([
    actorIds.length
      ? db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true, studentId: true } })
      : Promise.resolve([]),
    pairs.length
      ? db.enrollmentEvent.groupBy({ by: ["studentId", "courseId"], where: { type: "ENROLLED", OR: pairs }, _min: { id: true } })
      : Promise.resolve([]),
  ]);
  const actorById = new Map(actors.map((a) => [a.id, a]));
  const firstEnrolled = new Map(firsts.map((f) => [`${f.studentId} ${f.courseId}`, f._min.id]));
  return events.map((e): TimelineEntry => {
    const actor = e.actorId ? actorById.get(e.actorId) : undefined;
    const who = !e.actorId ? "the system" : !actor ? "someone since deleted" : actor.studentId === e.studentId ? "the student" : actor.name;
    const byUndo = e.changeSetId !== null && UNDO_REASONS.has(e.reason ?? "");
    let what: string;
    if (e.type === "ENROLLED") {
      what = byUndo
        ? "Restored by undo"
        : e.source === "WAITLIST"
          ? "Promoted from the waitlist"
          : firstEnrolled.get(`${e.studentId} ${e.courseId}`) === e.id
            ? "Enrolled"
            : "Enrolled again";
    } else if (e.type === "DROPPED") what = byUndo ? "Removed by undo" : who === "the student" ? "Dropped" : "Removed";
    else if (e.type === "WAITLISTED") what = byUndo ? "Back on the waitlist by undo" : "Joined the waitlist";
    else what = "Left the waitlist";
    return {
      id: e.id,
      at: e.at,
      what,
      studentId: e.studentId,
      studentName: e.studentName,
      courseId: e.courseId,
      courseCode: e.courseCode,
      who,
      source: e.source,
      // The undo's own reasons are in `what` already.
      reason: byUndo ? null : e.reason,
      changeSetId: e.changeSetId,
    };
  });
}

/** The reasons an undo writes (lib/server/data/change-sets.ts): said by the entry's name instead. */
const UNDO_REASONS = new Set(["undone", "restored by undo", "back in line by undo"]);

export { endOfDay } from "@/lib/format-date";

export type AsOfRow = { id: string; name: string; email: string | null; studentNumber: string | null; enrolledAt: Date; source: string };

/**
 * Who was enrolled in a class at a moment, rebuilt from its events: each
 * ENROLLED opens a stay from its enrollment date, the next DROPPED closes it.
 * Visible as the roster is (lib/server/data/rosters.ts): a teacher's own
 * classes, an admin's any; null when the class doesn't exist or isn't theirs. One pass over the class's events.
 */
export async function getRosterAsOf(viewer: Viewer | null, courseId: string, at: Date) {
  const course = await db.course.findFirst({
    where: { id: courseId, ...visibleCourses(viewer) },
    select: { id: true, code: true, title: true, term: { select: { name: true, startsOn: true, endsOn: true } } },
  });
  if (!course) return null;
  const events = await db.enrollmentEvent.findMany({
    where: { courseId, type: { in: ["ENROLLED", "DROPPED"] }, at: { lte: at } },
    orderBy: { id: "asc" },
    select: { type: true, studentId: true, studentName: true, at: true, enrolledAt: true, enrolledSource: true, source: true },
  });
  const current = new Map<string, { name: string; enrolledAt: Date; source: string } | null>();
  for (const e of events) {
    if (e.type === "ENROLLED") {
      current.set(e.studentId, { name: e.studentName, enrolledAt: e.enrolledAt ?? e.at, source: e.enrolledSource ?? e.source });
    } else current.set(e.studentId, null);
  }
  const stays = [...current.entries()].filter(
    (entry): entry is [string, { name: string; enrolledAt: Date; source: string }] => entry[1] !== null && entry[1].enrolledAt <= at,
  );
  // Today's email, number and sort key of each (null for a student deleted since).
  const people = await db.student.findMany({
    where: { id: { in: stays.map(([id]) => id) } },
    select: { id: true, email: true, studentNumber: true, sortName: true },
  });
  const byId = new Map(people.map((s) => [s.id, s]));
  // In the roster's order (by family name); a student deleted since by their name as it was.
  const keyOf = (id: string, name: string) => byId.get(id)?.sortName ?? nameSortKey(splitFullName(name));
  const rows: AsOfRow[] = stays
    .map(([id, s]) => ({
      id,
      name: s.name,
      email: byId.get(id)?.email ?? null,
      studentNumber: byId.get(id)?.studentNumber ?? null,
      enrolledAt: s.enrolledAt,
      source: s.source,
      key: keyOf(id, s.name),
    }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map(({ key: _, ...row }) => row);
  return { course, at, rows };
}

export type WeekPoint = { week: Date; enrolled: number; dropped: number; total: number };
type Weeks = Map<number, { enrolled: number; dropped: number }>;

function weekOf(d: Date) {
  const day = new Date(d.getFullYear(), d.getMonth(), d.getDate());
  day.setDate(day.getDate() - ((day.getDay() + 6) % 7));
  return day.getTime();
}

type ChartEvent = { id: number; type: string; at: Date; enrolledAt: Date | null };

function fold(weeks: Weeks, e: ChartEvent) {
  // An enrollment counts from when it took effect (an import's beginDate), a drop from when it happened.
  const key = weekOf(e.type === "ENROLLED" ? (e.enrolledAt ?? e.at) : e.at);
  const w = weeks.get(key) ?? { enrolled: 0, dropped: 0 };
  if (e.type === "ENROLLED") w.enrolled++;
  else w.dropped++;
  weeks.set(key, w);
}

function series(weeks: Weeks): WeekPoint[] {
  let total = 0;
  const points = [...weeks.entries()]
    .sort(([a], [b]) => a - b)
    .map(([week, w]) => {
      total += w.enrolled - w.dropped;
      return { week: new Date(week), ...w, total };
    });
  return points.slice(-26);
}

/**
 * The school-wide weeks, folded from the append-only event table once and
 * then kept up to date by reading only newer events: 100,000+ rows on the
 * first view, a handful after. Every event is folded once, by id. An id
 * skipped between two folded ones may belong to a transaction still open
 * (PostgreSQL hands out ids before commit), so it is looked for again on the
 * next views, until it appears or is older than any transaction can last
 * (an import's is 2 minutes): then it was rolled back.
 */
const school = {
  weeks: new Map() as Weeks,
  lastId: 0,
  /** ids skipped so far, with when they were first missed */
  holes: new Map<number, number>(),
  reading: null as Promise<void> | null,
};
const SETTLED_MS = 5 * 60_000;
const MAX_HOLES = 500;

async function catchUp() {
  const newer = await readEvents(SCHOOL_EVENTS_SQL, [school.lastId]);
  const now = Date.now();
  for (const e of newer) {
    for (let id = school.lastId + 1; id < e.id && school.holes.size < MAX_HOLES; id++) school.holes.set(id, now);
    if (charted(e)) fold(school.weeks, e);
    school.lastId = e.id;
  }
  for (const [id, since] of school.holes) if (now - since > SETTLED_MS) school.holes.delete(id);
  if (school.holes.size === 0) return;
  const ids = [...school.holes.keys()];
  const found = await readEvents(`${HOLES_SQL} AND "id" IN (${ids.map((_, i) => `$${i + 1}`).join(", ")})`, ids);
  for (const e of found) {
    if (charted(e)) fold(school.weeks, e);
    school.holes.delete(e.id);
  }
}

const charted = (e: ChartEvent) => e.type === "ENROLLED" || e.type === "DROPPED";

/**
 * Enrollments and drops per week (weeks start on Monday), with the number
 * enrolled at each week's end, for a class or the whole school. At most the
 * last 26 weeks that saw any change; one query (two while an id is missing).
 */
export async function enrollmentsByWeek(viewer: Viewer | null, courseId?: string): Promise<WeekPoint[]> {
  requireAdmin(viewer);
  if (courseId) {
    const weeks: Weeks = new Map();
    for (const e of await readEvents(CLASS_EVENTS_SQL, [courseId])) fold(weeks, e);
    return series(weeks);
  }
  // Requests that arrive together share one read (the first view reads 100,000+ rows).
  school.reading ??= catchUp().finally(() => (school.reading = null));
  await school.reading;
  return series(school.weeks);
}

// Straight to the driver: the first view of the school's chart reads every
// event (of every type, so that the ids it has seen run without gaps).
const SCHOOL_EVENTS_SQL = `SELECT "id", "type", "at", "enrolledAt" FROM "EnrollmentEvent" WHERE "id" > $1 ORDER BY "id"`;
const HOLES_SQL = `SELECT "id", "type", "at", "enrolledAt" FROM "EnrollmentEvent" WHERE TRUE`;
const CLASS_EVENTS_SQL = `SELECT "id", "type", "at", "enrolledAt" FROM "EnrollmentEvent" WHERE "type" IN ('ENROLLED', 'DROPPED') AND "courseId" = $1 ORDER BY "id"`;

async function readEvents(sql: string, params: unknown[]): Promise<ChartEvent[]> {
  return (await readRows(db, sql, params)).map((r) => ({
    id: asNumber(r.id),
    type: String(r.type),
    at: asDate(r.at),
    enrolledAt: asDateOrNull(r.enrolledAt),
  }));
}

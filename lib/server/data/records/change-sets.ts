import "server-only";
import { undoImportRecords, type ImportUndone } from "@/lib/server/data/records/imports/undo";
import { actorFor } from "@/lib/server/data/records/audit";
import { requireAdmin, type Viewer } from "@/lib/server/authz";
import { db, readRows } from "@/lib/server/db";
import { asDate, asNumber, inTransaction, within } from "@/lib/server/data/sql";
import { actorOf, openChangeSet, type ChangeSummary } from "@/lib/server/data/enrollment/actor";
import { applyMany, type ManyLink } from "@/lib/server/data/enrollment/many";
import type { WaitlistPlace } from "@/lib/server/data/enrollment/waitlist";
import { fail, RefusedError, type Result } from "@/lib/server/data/result";
import { formatDateTime } from "@/lib/format-date";

/**
 * Undo: a change set (an admin's Save, an import, an API call) is reversed as
 * a whole, by the admin who made it, while it is their latest; refused with
 * a message naming the conflict when anything it touched changed since.
 */

const KIND_LABEL = { SAVE: "Save", IMPORT: "Import", API: "API call", UNDO: "Undo" } as const;

/** The admin's latest change set that can still be undone, with up to four of the classes and of the students it touched. */
export async function getLastChangeSet(viewer: Viewer | null) {
  const actor = requireAdmin(viewer);
  // Only the very latest change is offered (an older one may be built on by
  // what came after), and only if it is not an undo and not undone. One
  // statement: the set, with up to four of the classes it touched (a row each).
  const rows = await readRows(db, LAST_CHANGE_SET_SQL, [actor.userId]);
  const latest = rows[0];
  if (!latest || latest.kind === "UNDO" || latest.undoneBy !== null) return null;
  const kind = latest.kind as keyof typeof KIND_LABEL;
  const labels = (what: string) => rows.flatMap((r) => (r.what === what && r.label !== null ? [String(r.label)] : []));
  return {
    id: asNumber(latest.id),
    kind,
    summary: String(latest.summary),
    createdAt: asDate(latest.createdAt),
    label: KIND_LABEL[kind],
    classes: labels("class"),
    students: labels("student"),
  };
}
const LAST_CHANGE_SET_SQL = `
  WITH "latest" AS (
    SELECT "id", "kind", "summary", "createdAt", "undoneBy" FROM "ChangeSet"
    WHERE "actorId" = $1 AND "summary" <> 'no change' ORDER BY "id" DESC LIMIT 1
  )
  SELECT l."id", l."kind", l."summary", l."createdAt", l."undoneBy", x."what", x."label"
  FROM "latest" l LEFT JOIN (
    SELECT 'class' AS "what", "courseCode" AS "label" FROM (
      SELECT DISTINCT "courseCode" FROM "EnrollmentEvent"
      WHERE "changeSetId" = (SELECT "id" FROM "latest") ORDER BY "courseCode" LIMIT 4
    ) c
    UNION ALL
    SELECT 'student', "studentName" FROM (
      SELECT DISTINCT "studentName" FROM "EnrollmentEvent"
      WHERE "changeSetId" = (SELECT "id" FROM "latest") ORDER BY "studentName" LIMIT 4
    ) s
  ) x ON TRUE
  ORDER BY x."what", x."label"`;

/** Reverses a change set in one transaction, as a change set of its own (kind UNDO). */
/** What an undo did: links added and removed, and who is back on a waitlist ("Rita Reyes (ASK-2)"); an import's, the records it made that went, and those kept and why. */
export type UndoSummary = ChangeSummary & { backInLine: string[]; records?: ImportUndone };

export async function undoChangeSet(viewer: Viewer | null, id: number): Promise<Result<UndoSummary>> {
  const actor = requireAdmin(viewer);
  const last = await getLastChangeSet(actor);
  if (!last || last.id !== id) return fail("Only your latest change can be undone, once: this one has been undone or followed by another.");
  const events = await db.enrollmentEvent.findMany({ where: { changeSetId: id }, orderBy: { id: "asc" } });
  // A seat given from a waitlist records the entry it took (its place in
  // line), except on events older than that record.
  if (events.some((e) => e.type === "WAITLISTED" || e.type === "UNWAITLISTED" || (e.source === "WAITLIST" && e.waitlistEntryId === null))) {
    return fail("This change can't be undone: it moved students on or off a waitlist before their places in line were recorded.");
  }
  // Per student and class: the first event says what it was before, the last what the set left.
  const pairs = new Map<string, { first: (typeof events)[number]; last: (typeof events)[number] }>();
  for (const e of events) {
    const key = `${e.studentId} ${e.courseId}`;
    pairs.set(key, { first: pairs.get(key)?.first ?? e, last: e });
  }
  const lastId = events.at(-1)?.id ?? 0;
  // Anything that happened since to a pair the set touched is a conflict: one query per set, by class.
  const courseIds = [...new Set(events.map((e) => e.courseId))];
  const since = courseIds.length
    ? await db.enrollmentEvent.findMany({
        where: { id: { gt: lastId }, courseId: { in: courseIds } },
        orderBy: { id: "asc" },
        select: { studentId: true, courseId: true, studentName: true, courseCode: true, type: true, at: true },
      })
    : [];
  const later = since.filter((e) => pairs.has(`${e.studentId} ${e.courseId}`)).slice(0, 3);
  if (later.length) {
    const what = later
      .map((e) => `${e.studentName} in ${e.courseCode} (${e.type.toLowerCase()} ${formatDateTime(e.at)})`)
      .join(", ");
    return fail(`This change can't be undone: ${what} changed since. Make those changes by hand instead.`);
  }
  // Per pair: back to what it was before the set.
  const add: ManyLink[] = [];
  const remove: ManyLink[] = [];
  const rewait: WaitlistPlace[] = [];
  const names = new Map<string, string>();
  const codes = new Map<string, string>();
  for (const { first, last: end } of pairs.values()) {
    names.set(first.studentId, first.studentName);
    codes.set(first.courseId, first.courseCode);
    const link = { studentId: first.studentId, courseId: first.courseId };
    const wasEnrolled = first.type === "DROPPED";
    const isEnrolled = end.type === "ENROLLED";
    if (isEnrolled && !wasEnrolled) remove.push({ ...link, enrolledAt: end.enrolledAt ?? end.at, source: end.enrolledSource ?? end.source });
    // Back as it was: its first date and how it was made.
    else if (!isEnrolled && wasEnrolled) add.push({ ...link, enrolledAt: first.enrolledAt ?? first.at, source: first.enrolledSource ?? "ADMIN" });
    // Waiting before the set (it seated them from the waitlist): back in line, in their old place.
    if (first.waitlistEntryId !== null) rewait.push({ ...link, id: first.waitlistEntryId, joinedAt: first.waitlistJoinedAt ?? first.at });
  }
  // Putting a link back needs its student and class: either may have been deleted since.
  if (add.length) {
    const [students, courses] = await Promise.all([
      db.student.findMany({ where: { id: { in: [...new Set(add.map((l) => l.studentId))] } }, select: { id: true } }),
      db.course.findMany({ where: { id: { in: [...new Set(add.map((l) => l.courseId))] } }, select: { id: true } }),
    ]);
    const [haveStudents, haveCourses] = [new Set(students.map((x) => x.id)), new Set(courses.map((x) => x.id))];
    const gone = [
      ...new Set(add.flatMap((l) => [...(haveStudents.has(l.studentId) ? [] : [names.get(l.studentId)!]), ...(haveCourses.has(l.courseId) ? [] : [codes.get(l.courseId)!])])),
    ];
    if (gone.length) return fail(`This change can't be undone: ${gone.slice(0, 3).join(", ")} ${gone.length === 1 ? "was" : "were"} deleted since.`);
  }
  const summary: UndoSummary = {
    added: add.length,
    removed: remove.length,
    backInLine: rewait.map((w) => `${names.get(w.studentId)} (${codes.get(w.courseId)})`),
  };
  return inTransaction(async (tx) => {
    const undoneBy = await within(function* () {
      const change = yield* openChangeSet(actorOf(actor, "ADMIN"), "UNDO", summary, new Date());
      yield* applyMany(
        change,
        { add, remove, rewait },
        // An import told nobody (decision 026): nor does its undo, which would tell students of classes they never heard of.
        { addReason: "restored by undo", removeReason: "undone", rewaitReason: "back in line by undo", clash: "ignore", restore: true, tell: last.kind !== "IMPORT" ? undefined : false },
      );
      return change.changeSetId!;
    });
    const undone = await tx.changeSet.updateMany({ where: { id, undoneBy: null }, data: { undoneBy } });
    if (undone.count !== 1) throw new RefusedError("This change has just been undone.");
    // An import's undo is whole: the records it made go too, where nothing else refers to them.
    if (last.kind === "IMPORT") summary.records = await undoImportRecords(tx, actorFor(actor), id, undoneBy);
    return summary;
  });
}

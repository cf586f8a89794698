import "server-only";
import { eventRow, promoteFromWaitlist, type Actor, type Tx } from "@/lib/server/data/enrollments";
import { RefusedError } from "@/lib/server/data/result";
import { noticeFor, tellsStudent, writeNotices } from "@/lib/server/data/notices";
import type { EnrollmentSource } from "@/lib/generated/sqlite/client";

/**
 * Many enrollment changes at once (an import, an undo), in a fixed number of
 * statements per 500 rows rather than several per row: the same rules as one
 * change (events, seat counters with capacity, the waitlist), inside the
 * caller's transaction and change set.
 */

/** An enrollment to make or undo; `reason`: kept in its event instead of the write's own (an import's clash, say). */
export type BulkLink = { studentId: string; courseId: string; enrolledAt: Date; source: EnrollmentSource; reason?: string };
/** A waitlist entry put back as it was (an undo): its id is its place in line. */
export type WaitlistPlace = { id: number; studentId: string; courseId: string; joinedAt: Date };

const BATCH = 500;
export function batches<T>(items: T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

export async function bulkEnrollmentChanges(
  tx: Tx,
  acting: Actor,
  changes: { add: BulkLink[]; remove: BulkLink[]; rewait?: WaitlistPlace[] },
  how: {
    source: EnrollmentSource;
    addReason: string | null;
    removeReason: string | null;
    rewaitReason?: string;
    /** tell the students (default: as the source says, tellsStudent) */
    tell?: boolean;
  },
  labels: { names: Map<string, string>; codes: Map<string, string> },
  onProgress: (n: number) => void = () => {},
) {
  const now = new Date();
  const name = (id: string) => labels.names.get(id) ?? id;
  const code = (id: string) => labels.codes.get(id) ?? id;
  for (const batch of batches(changes.remove)) {
    for (const [courseId, rows] of groupBy(batch, (r) => r.courseId)) {
      await tx.enrollment.deleteMany({ where: { courseId, studentId: { in: rows.map((r) => r.studentId) } } });
    }
    await tx.enrollmentEvent.createMany({
      data: batch.map((r) =>
        eventRow(acting, {
          type: "DROPPED",
          studentId: r.studentId,
          courseId: r.courseId,
          studentName: name(r.studentId),
          courseCode: code(r.courseId),
          source: how.source,
          reason: how.removeReason,
          at: now,
          enrolledAt: r.enrolledAt,
          enrolledSource: r.source,
        }),
      ),
    });
    onProgress(batch.length);
  }
  for (const batch of batches(changes.add)) {
    // Enrolled now, so no longer waiting: the entries go, kept in the events for an undo.
    const waiting = new Map<string, { id: number; joinedAt: Date }>();
    for (const [courseId, rows] of groupBy(batch, (a) => a.courseId)) {
      const where = { courseId, studentId: { in: rows.map((r) => r.studentId) } };
      const entries = await tx.waitlistEntry.findMany({ where, select: { id: true, studentId: true, joinedAt: true } });
      if (entries.length === 0) continue;
      for (const e of entries) waiting.set(`${e.studentId} ${courseId}`, e);
      await tx.waitlistEntry.deleteMany({ where });
    }
    await tx.enrollment.createMany({
      data: batch.map((a) => ({ studentId: a.studentId, courseId: a.courseId, enrolledAt: a.enrolledAt, source: a.source, enrolledById: acting.userId })),
    });
    await tx.enrollmentEvent.createMany({
      data: batch.map((a) => {
        const entry = waiting.get(`${a.studentId} ${a.courseId}`);
        return eventRow(acting, {
          type: "ENROLLED",
          studentId: a.studentId,
          courseId: a.courseId,
          studentName: name(a.studentId),
          courseCode: code(a.courseId),
          source: how.source,
          reason: a.reason ?? how.addReason,
          at: now,
          enrolledAt: a.enrolledAt,
          enrolledSource: a.source,
          waitlistEntryId: entry?.id ?? null,
          waitlistJoinedAt: entry?.joinedAt ?? null,
        });
      }),
    });
    onProgress(batch.length);
  }
  // Back in line where they were: the entry's own id orders the line.
  for (const batch of batches(changes.rewait ?? [])) {
    await tx.waitlistEntry.createMany({ data: batch });
    await tx.enrollmentEvent.createMany({
      data: batch.map((w) =>
        eventRow(acting, {
          type: "WAITLISTED",
          studentId: w.studentId,
          courseId: w.courseId,
          studentName: name(w.studentId),
          courseCode: code(w.courseId),
          source: how.source,
          reason: how.rewaitReason ?? null,
          at: now,
          waitlistEntryId: w.id,
          waitlistJoinedAt: w.joinedAt,
        }),
      ),
    });
  }

  // An admin's changes (an undo) are told to the students; an import's are not (docs/decisions/026).
  if ((how.tell ?? tellsStudent(how.source)) && changes.add.length + changes.remove.length > 0) {
    const ids = [...new Set([...changes.add, ...changes.remove].map((c) => c.courseId))];
    const classes = new Map((await tx.course.findMany({ where: { id: { in: ids } }, select: { id: true, code: true, title: true } })).map((c) => [c.id, c]));
    const label = (id: string) => classes.get(id) ?? { code: code(id), title: "" };
    await writeNotices(
      tx,
      [
        ...changes.add.map((a) => ({ studentId: a.studentId, courseId: a.courseId, ...noticeFor.added(label(a.courseId), acting.name) })),
        ...changes.remove.map((r) => ({ studentId: r.studentId, courseId: r.courseId, ...noticeFor.removed(label(r.courseId), acting.name) })),
      ],
      now,
    );
  }

  // Seat counters move by the difference, refused past the capacity (docs/decisions/003).
  const delta = new Map<string, number>();
  for (const a of changes.add) delta.set(a.courseId, (delta.get(a.courseId) ?? 0) + 1);
  for (const r of changes.remove) delta.set(r.courseId, (delta.get(r.courseId) ?? 0) - 1);
  for (const [courseId, d] of delta) {
    if (d === 0) continue;
    const changed = await tx.$executeRaw`
      UPDATE "Course" SET "enrolledCount" = "enrolledCount" + ${d}
      WHERE "id" = ${courseId} AND (${d} < 0 OR "capacity" IS NULL OR "enrolledCount" + ${d} <= "capacity")`;
    if (changed !== 1) throw new RefusedError(`${code(courseId)} would go over its capacity.`);
    if (d < 0) await promoteFromWaitlist(tx, acting, courseId);
  }
}

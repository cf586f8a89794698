import "server-only";
import { ForbiddenError, requireAdmin, requireRole, type Viewer } from "@/lib/server/authz";
import { db, readRows } from "@/lib/server/db";
import { isUniqueViolation, refusable, RefusedError, type Result } from "@/lib/server/data/result";
import { changesTxn, runTick, tickTxn, type TickAnswer } from "@/lib/server/data/ticks";
import { clashText, findClashes } from "@/lib/server/data/meetings";
import { startOfDay } from "@/lib/format-date";
import { enrollmentNotice, writeNotices } from "@/lib/server/data/notices";
import { BusyError, isBusy } from "@/lib/server/data/sql";
import type { ChangeSetKind, EnrollmentSource, Prisma } from "@/lib/generated/sqlite/client";

export type Tx = Prisma.TransactionClient;
/** Who is acting and, when their writes form one change set (an undo reverses it whole), which. */
export type Actor = Viewer & { changeSetId?: number };

type EventFields = Omit<Prisma.EnrollmentEventUncheckedCreateInput, "actorId" | "changeSetId" | "id">;

/** Every enrollment event is made here: by whom, and in which change set. */
export function eventRow(actor: Actor, fields: EventFields): Prisma.EnrollmentEventUncheckedCreateInput {
  return { ...fields, actorId: actor.userId, changeSetId: actor.changeSetId ?? null };
}

/** Starts a change set inside `tx`; pass the returned actor to the writes that belong to it. */
export async function openChangeSet(tx: Tx, actor: Viewer, kind: ChangeSetKind): Promise<Actor & { changeSetId: number }> {
  const set = await tx.changeSet.create({ data: { kind, actorId: actor.userId, summary: "" }, select: { id: true } });
  return { ...actor, changeSetId: set.id };
}

/** "+3 −1": what a change set did, for its history line and its Undo button. */
export function summaryText({ added, removed }: ChangeSummary): string {
  return [added ? `+${added}` : "", removed ? `−${removed}` : ""].filter(Boolean).join(" ") || "no change";
}

export async function closeChangeSet(tx: Tx, actor: Actor, summary: ChangeSummary) {
  if (actor.changeSetId) await tx.changeSet.update({ where: { id: actor.changeSetId }, data: { summary: summaryText(summary) } });
}
export type Link = { studentId: string; courseId: string };
export type EnrollmentChange = Link & { enrolled: boolean };
export type ChangeSummary = { added: number; removed: number };

/**
 * Takes one seat of a class, or says it is full. The seat is taken by a
 * conditional update of the class's enrolled count ("... where enrolledCount <
 * capacity"), which the database applies atomically: two writers can't both
 * take the last seat (docs/decisions/003).
 */
async function takeSeat(tx: Tx, courseId: string): Promise<boolean> {
  const seat = await tx.course.updateMany({
    where: { id: courseId, OR: [{ capacity: null }, { enrolledCount: { lt: db.course.fields.capacity } }] },
    data: { enrolledCount: { increment: 1 } },
  });
  return seat.count === 1;
}

/** Refused because the class has no seat left. */
export class ClassFullError extends RefusedError {
  readonly code = "full";
}

async function classFull(tx: Tx, courseId: string, code: string) {
  const now = await tx.course.findUnique({ where: { id: courseId }, select: { enrolledCount: true, capacity: true } });
  return new ClassFullError(`${code} is full: ${now?.enrolledCount ?? 0} of ${now?.capacity ?? 0}.`);
}

/**
 * Links a student to a class inside `tx`, writing the event. A refusal
 * (unknown ids, already enrolled, full) throws and rolls the transaction back.
 * A student who was waiting for the class leaves its waitlist.
 */
export async function enrollIn(
  tx: Tx,
  actor: Actor,
  link: Link,
  source: EnrollmentSource,
  reason: string | null = null,
  enrolledAt?: Date,
) {
  const student = await tx.student.findUnique({ where: { id: link.studentId }, select: { name: true } });
  if (!student) throw new RefusedError("That student no longer exists.");
  const course = await tx.course.findUnique({ where: { id: link.courseId }, select: { code: true, title: true } });
  if (!course) throw new RefusedError("That class no longer exists.");
  const existing = await tx.enrollment.findUnique({ where: { studentId_courseId: link }, select: { source: true } });
  if (existing) throw new RefusedError(`${student.name} is already enrolled in ${course.code}.`);
  if (!(await takeSeat(tx, link.courseId))) throw await classFull(tx, link.courseId, course.code);

  const created = await tx.enrollment.create({
    data: { ...link, source, enrolledById: actor.userId, ...(enrolledAt ? { enrolledAt } : {}) },
    select: { enrolledAt: true },
  });
  // Off the class's waitlist if they were on it; the event keeps the entry, for an undo.
  const waiting = await tx.waitlistEntry.findUnique({ where: { studentId_courseId: link }, select: { id: true, joinedAt: true } });
  if (waiting) await tx.waitlistEntry.delete({ where: { id: waiting.id } });
  await tx.enrollmentEvent.create({
    data: eventRow(actor, {
      type: "ENROLLED",
      ...link,
      studentName: student.name,
      courseCode: course.code,
      source,
      reason,
      enrolledAt: created.enrolledAt,
      enrolledSource: source,
      waitlistEntryId: waiting?.id ?? null,
      waitlistJoinedAt: waiting?.joinedAt ?? null,
    }),
  });
  const notice = enrollmentNotice(source, course, actor.name);
  if (notice) await writeNotices(tx, [{ ...link, ...notice }]);
  return { enrolledAt: created.enrolledAt };
}

/**
 * Fills free seats from the front of the class's waitlist, in the same
 * transaction as whatever freed them (a drop, a removal, a capacity raise).
 */
export async function promoteFromWaitlist(tx: Tx, actor: Actor, courseId: string): Promise<number> {
  let promoted = 0;
  for (;;) {
    const first = await tx.waitlistEntry.findFirst({
      where: { courseId },
      orderBy: { id: "asc" },
      select: { studentId: true },
    });
    if (!first) return promoted;
    const course = await tx.course.findUnique({ where: { id: courseId }, select: { capacity: true, enrolledCount: true } });
    if (!course || (course.capacity !== null && course.enrolledCount >= course.capacity)) return promoted;
    await enrollIn(tx, actor, { studentId: first.studentId, courseId }, "WAITLIST", "promoted from the waitlist");
    promoted++;
  }
}

/**
 * Records the removal of enrollments that are about to go with a deleted
 * student or class, and gives their seats back; call inside the deleting
 * transaction, before the delete. Returns the classes that got seats back.
 */
export async function recordRemovals(
  tx: Tx,
  actor: Actor,
  links: (Link & { studentName: string; courseCode: string; enrolledAt: Date; enrolledSource: EnrollmentSource })[],
  reason: string,
): Promise<string[]> {
  if (links.length === 0) return [];
  await tx.enrollmentEvent.createMany({
    data: links.map((l) => eventRow(actor, { type: "DROPPED", ...l, source: "ADMIN", reason })),
  });
  const courseIds = [...new Set(links.map((l) => l.courseId))];
  for (const courseId of courseIds) {
    const n = links.filter((l) => l.courseId === courseId).length;
    await tx.course.updateMany({ where: { id: courseId }, data: { enrolledCount: { decrement: n } } });
  }
  return courseIds;
}

/** Runs enrollment work in one transaction: a refusal rolls back all of it. */
export async function inEnrollmentTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<Result<T>> {
  try {
    return await refusable(() => db.$transaction(work));
  } catch (error) {
    // A concurrent writer made the same link between our check and insert.
    if (isUniqueViolation(error)) return { ok: false, message: "Already enrolled." };
    // No connection or lock came free in time (P2028, a lock timeout): nothing was written; trying again is safe.
    if (isBusy(error)) return { ok: false, code: "busy", message: new BusyError().message };
    throw error;
  }
}

/**
 * What a checklist's Save asks for: among the ids the form showed, those
 * ticked but not enrolled now (enroll) and those enrolled but unticked (drop).
 */
export function checklistChanges(
  shown: string[],
  checked: string[],
  enrolledNow: string[],
): { id: string; enrolled: boolean }[] {
  const wanted = new Set(checked);
  const current = new Set(enrolledNow);
  return [...new Set(shown)]
    .filter((id) => wanted.has(id) !== current.has(id))
    .map((id) => ({ id, enrolled: wanted.has(id) }));
}

/**
 * An admin ticks or unticks one box: one short transaction (ticks.ts), one
 * change set an undo can reverse. Answers with what changed.
 */
/**
 * An admin's single tick or untick. An untick that would seat someone from
 * the waitlist is refused (code "confirm", naming them) unless `confirmed`.
 * A tick into a full class is refused (code "full") unless it gives
 * `overCapacity`: why the admin enrolls past the capacity, kept in the
 * history. Students and the API can never go past it. A tick into a class
 * that meets when one of the student's does is refused (code "clash",
 * naming both) unless `clashOk`; the history then keeps the clash.
 */
export async function setEnrollment(
  viewer: Viewer | null,
  change: EnrollmentChange & { confirmed?: boolean; overCapacity?: string; clashOk?: boolean },
): Promise<Result<TickAnswer>> {
  const actor = requireAdmin(viewer);
  const acting = { userId: actor.userId, name: actor.name, source: "ADMIN", changeSet: "SAVE" } as const;
  const { clashOk, ...rest } = change;
  return runTick(() => tickTxn(acting, { ...rest, confirmed: change.confirmed ?? false, clash: clashOk ? "record" : "ask" }, null));
}

/**
 * An admin saves a whole checklist (the Save button, without JavaScript):
 * the form says which ids it showed and which of them were ticked. Only the
 * differences from what is stored now are applied, so saving an unchanged
 * form writes nothing.
 */
export async function saveChecklist(
  viewer: Viewer | null,
  fixed: ChecklistOwner,
  shown: string[],
  checked: string[],
): Promise<Result<ChangeSummary & { changeSetId: number | null }>> {
  const actor = requireAdmin(viewer);
  const changes = await checklistSave(actor, fixed, shown, checked);
  if (changes.length === 0) return { ok: true, value: { added: 0, removed: 0, changeSetId: null } };
  // One short transaction and one change set for the whole Save (ticks.ts).
  const acting = { userId: actor.userId, name: actor.name, source: "ADMIN", changeSet: "SAVE" } as const;
  const result = await runTick(() => changesTxn(acting, changes, null));
  if (!result.ok) return result;
  const added = changes.filter((c) => c.enrolled).length;
  return { ok: true, value: { added, removed: changes.length - added, changeSetId: result.value[0]?.changeSetId ?? null } };
}

type ChecklistOwner = { studentId: string } | { courseId: string };

/** The enrollment changes a checklist's Save asks for, against what is stored now (one query). */
async function checklistSave(actor: Viewer, fixed: ChecklistOwner, shown: string[], checked: string[]): Promise<EnrollmentChange[]> {
  const byStudent = "studentId" in fixed;
  // The owner's links, one statement (not an IN list of every shown id); only shown ones count.
  const enrolledNow = await linkedIds(actor, fixed);
  return checklistChanges(shown, checked, enrolledNow).map(({ id, enrolled }) => ({
    ...(byStudent ? { studentId: fixed.studentId, courseId: id } : { studentId: id, courseId: fixed.courseId }),
    enrolled,
  }));
}

/** The classes a student is in (an admin, or that student), or the students in a class (an admin). */
export async function linkedIds(viewer: Viewer | null, owner: ChecklistOwner): Promise<string[]> {
  const actor = requireRole(viewer, "ADMIN", "STUDENT");
  if (actor.role === "STUDENT" && !("studentId" in owner && owner.studentId === actor.studentId)) throw new ForbiddenError();
  const rows =
    "studentId" in owner
      ? await readRows(db, `SELECT "courseId" AS "id" FROM "Enrollment" WHERE "studentId" = $1`, [owner.studentId])
      : await readRows(db, `SELECT "studentId" AS "id" FROM "Enrollment" WHERE "courseId" = $1`, [owner.courseId]);
  return rows.map((r) => String(r.id));
}

export type SavePreview = ChangeSummary & {
  overCapacity: { code: string; capacity: number; after: number }[];
  /** who the removals would seat from a waitlist: "Rita Reyes (MATH-101)" */
  promoted: string[];
  /** who or what it would enroll and remove, by name (students) or code (classes), sorted: the first 10 of each */
  names: { added: string[]; removed: string[] };
  /** enrollments it would make into a class meeting when one of the student's does, in words: the Save records them */
  clashes: string[];
};

/**
 * What a checklist's Save would do, written nowhere: how many added and
 * removed, and which classes would go over capacity (the Save would then be
 * refused). Shown before the admin confirms a Save of several changes.
 */
export async function previewChecklist(
  viewer: Viewer | null,
  fixed: ChecklistOwner,
  shown: string[],
  checked: string[],
): Promise<SavePreview> {
  const actor = requireAdmin(viewer);
  const byStudent = "studentId" in fixed;
  const changes = await checklistSave(actor, fixed, shown, checked);
  const added = changes.filter((c) => c.enrolled);
  const removed = changes.length - added.length;
  const courseIds = byStudent ? added.map((c) => c.courseId) : [fixed.courseId];
  const courses = await db.course.findMany({
    where: { id: { in: courseIds }, capacity: { not: null } },
    select: { id: true, code: true, capacity: true, enrolledCount: true },
  });
  const overCapacity = courses
    .map((c) => ({ code: c.code, capacity: c.capacity!, after: c.enrolledCount + (byStudent ? 1 : added.length - removed) }))
    .filter((c) => c.after > c.capacity && (byStudent || added.length > 0))
    .sort((a, b) => a.code.localeCompare(b.code));
  // A removal frees a seat: the first students waiting would take the seats left free.
  const net = new Map<string, number>();
  for (const c of changes) net.set(c.courseId, (net.get(c.courseId) ?? 0) + (c.enrolled ? 1 : -1));
  const freed = [...net].filter(([, n]) => n < 0).map(([id]) => id);
  const promoted: string[] = [];
  if (freed.length) {
    const waiting = await db.course.findMany({
      where: { id: { in: freed }, capacity: { not: null }, waitlist: { some: {} } },
      orderBy: { code: "asc" },
      select: { id: true, code: true, capacity: true, enrolledCount: true, waitlist: { orderBy: { id: "asc" }, take: 20, select: { student: { select: { name: true } } } } },
    });
    for (const c of waiting) {
      const free = c.capacity! - (c.enrolledCount + net.get(c.id)!);
      for (const w of c.waitlist.slice(0, Math.max(0, free))) promoted.push(`${w.student.name} (${c.code})`);
    }
  }
  // The boxes by name: the students (a class's page) or the classes (a student's page) changed.
  const ids = changes.map((c) => (byStudent ? c.courseId : c.studentId));
  const labels = new Map(
    ids.length === 0
      ? []
      : byStudent
        ? (await db.course.findMany({ where: { id: { in: ids } }, select: { id: true, code: true } })).map((c) => [c.id, c.code] as const)
        : (await db.student.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((st) => [st.id, st.name] as const),
  );
  const named = (enrolled: boolean) =>
    changes
      .filter((c) => c.enrolled === enrolled)
      .map((c) => labels.get(byStudent ? c.courseId : c.studentId) ?? "")
      .sort((a, b) => a.localeCompare(b))
      .slice(0, 10);
  const clashes = byStudent
    ? await findClashes([fixed.studentId], added.map((c) => c.courseId), startOfDay(new Date()))
    : await findClashes(added.map((c) => c.studentId), [fixed.courseId], startOfDay(new Date()));
  return {
    added: added.length,
    removed,
    overCapacity,
    promoted,
    names: { added: named(true), removed: named(false) },
    clashes: clashes.map((c) => clashText(c, "name")),
  };
}

/** The history of a student, a class or a pair, oldest first (shown in a later issue; kept from now). */
export async function listEnrollmentEvents(viewer: Viewer | null, where: Partial<Link>) {
  requireAdmin(viewer);
  return db.enrollmentEvent.findMany({
    where,
    orderBy: { id: "asc" },
    select: { id: true, type: true, studentId: true, courseId: true, actorId: true, source: true, reason: true, at: true },
  });
}

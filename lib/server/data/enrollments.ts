import "server-only";
import { requireAdmin, type Viewer } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import { isUniqueViolation, refusable, RefusedError, type Result } from "@/lib/server/data/result";
import type { EnrollmentSource, Prisma } from "@/lib/generated/sqlite/client";

export type Tx = Prisma.TransactionClient;
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
export class ClassFullError extends RefusedError {}

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
  actor: Viewer,
  link: Link,
  source: EnrollmentSource,
  reason: string | null = null,
) {
  const student = await tx.student.findUnique({ where: { id: link.studentId }, select: { name: true } });
  if (!student) throw new RefusedError("That student no longer exists.");
  const course = await tx.course.findUnique({ where: { id: link.courseId }, select: { code: true } });
  if (!course) throw new RefusedError("That class no longer exists.");
  const existing = await tx.enrollment.findUnique({ where: { studentId_courseId: link }, select: { source: true } });
  if (existing) throw new RefusedError(`${student.name} is already enrolled in ${course.code}.`);
  if (!(await takeSeat(tx, link.courseId))) throw await classFull(tx, link.courseId, course.code);

  const { enrolledAt } = await tx.enrollment.create({
    data: { ...link, source, enrolledById: actor.userId },
    select: { enrolledAt: true },
  });
  await tx.waitlistEntry.deleteMany({ where: link });
  await tx.enrollmentEvent.create({
    data: {
      type: "ENROLLED",
      ...link,
      studentName: student.name,
      courseCode: course.code,
      actorId: actor.userId,
      source,
      reason,
      at: enrolledAt,
    },
  });
  return { enrolledAt };
}

/**
 * Fills free seats from the front of the class's waitlist, in the same
 * transaction as whatever freed them (a drop, a removal, a capacity raise).
 */
export async function promoteFromWaitlist(tx: Tx, actor: Viewer, courseId: string): Promise<number> {
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

/** Unlinks a student from a class inside `tx`, writes the event, and promotes from the waitlist. */
export async function dropIn(tx: Tx, actor: Viewer, link: Link, source: EnrollmentSource) {
  const enrollment = await tx.enrollment.findUnique({
    where: { studentId_courseId: link },
    select: { student: { select: { name: true } }, course: { select: { code: true } } },
  });
  if (!enrollment) {
    const [student, course] = await Promise.all([
      tx.student.findUnique({ where: { id: link.studentId }, select: { name: true } }),
      tx.course.findUnique({ where: { id: link.courseId }, select: { code: true } }),
    ]);
    if (!student) throw new RefusedError("That student no longer exists.");
    if (!course) throw new RefusedError("That class no longer exists.");
    throw new RefusedError(`${student.name} is not enrolled in ${course.code}.`);
  }
  await tx.enrollment.delete({ where: { studentId_courseId: link } });
  await tx.course.update({ where: { id: link.courseId }, data: { enrolledCount: { decrement: 1 } } });
  await tx.enrollmentEvent.create({
    data: {
      type: "DROPPED",
      ...link,
      studentName: enrollment.student.name,
      courseCode: enrollment.course.code,
      actorId: actor.userId,
      source,
    },
  });
  await promoteFromWaitlist(tx, actor, link.courseId);
}

/**
 * Records the removal of enrollments that are about to go with a deleted
 * student or class, and gives their seats back; call inside the deleting
 * transaction, before the delete. Returns the classes that got seats back.
 */
export async function recordRemovals(
  tx: Tx,
  actor: Viewer,
  links: (Link & { studentName: string; courseCode: string })[],
  reason: string,
): Promise<string[]> {
  if (links.length === 0) return [];
  await tx.enrollmentEvent.createMany({
    data: links.map((l) => ({ type: "DROPPED" as const, ...l, actorId: actor.userId, source: "ADMIN" as const, reason })),
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

/** Applies changes all-or-nothing: one refusal rolls back every change. */
function applyChanges(actor: Viewer, changes: EnrollmentChange[], source: EnrollmentSource) {
  return inEnrollmentTransaction(async (tx) => {
    const summary: ChangeSummary = { added: 0, removed: 0 };
    for (const change of changes) {
      const link = { studentId: change.studentId, courseId: change.courseId };
      if (change.enrolled) {
        await enrollIn(tx, actor, link, source);
        summary.added++;
      } else {
        await dropIn(tx, actor, link, source);
        summary.removed++;
      }
    }
    return summary;
  });
}

/** An admin ticks or unticks one box. */
export async function setEnrollment(viewer: Viewer | null, change: EnrollmentChange): Promise<Result<ChangeSummary>> {
  const actor = requireAdmin(viewer);
  return applyChanges(actor, [change], "ADMIN");
}

/**
 * An admin saves a whole checklist (the Save button, without JavaScript):
 * the form says which ids it showed and which of them were ticked. Only the
 * differences from what is stored now are applied, so saving an unchanged
 * form writes nothing.
 */
export async function saveChecklist(
  viewer: Viewer | null,
  fixed: { studentId: string } | { courseId: string },
  shown: string[],
  checked: string[],
): Promise<Result<ChangeSummary>> {
  const actor = requireAdmin(viewer);
  const byStudent = "studentId" in fixed;
  const current = await db.enrollment.findMany({
    where: byStudent
      ? { studentId: fixed.studentId, courseId: { in: shown } }
      : { courseId: fixed.courseId, studentId: { in: shown } },
    select: { studentId: true, courseId: true },
  });
  const enrolledNow = current.map((e) => (byStudent ? e.courseId : e.studentId));
  const changes = checklistChanges(shown, checked, enrolledNow).map(({ id, enrolled }) => ({
    ...(byStudent ? { studentId: fixed.studentId, courseId: id } : { studentId: id, courseId: fixed.courseId }),
    enrolled,
  }));
  if (changes.length === 0) return { ok: true, value: { added: 0, removed: 0 } };
  return applyChanges(actor, changes, "ADMIN");
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

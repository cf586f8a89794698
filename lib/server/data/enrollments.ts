import "server-only";
import { requireAdmin, type Viewer } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import { isUniqueViolation, refusable, RefusedError, type Result } from "@/lib/server/data/result";
import type { EnrollmentSource, Prisma } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;
type Link = { studentId: string; courseId: string };
export type EnrollmentChange = Link & { enrolled: boolean };
export type ChangeSummary = { added: number; removed: number };

/**
 * Links a student to a class inside `tx`. The seat is taken by a conditional
 * update of the class's enrolled count ("... where enrolledCount < capacity"),
 * which the database applies atomically: two writers can't both take the
 * last seat, and a refused enrollment leaves the counter as it was.
 */
async function enrollIn(tx: Tx, actor: Viewer, link: Link, source: EnrollmentSource) {
  const student = await tx.student.findUnique({ where: { id: link.studentId }, select: { name: true } });
  if (!student) throw new RefusedError("That student no longer exists.");
  const course = await tx.course.findUnique({ where: { id: link.courseId }, select: { code: true } });
  if (!course) throw new RefusedError("That class no longer exists.");
  const existing = await tx.enrollment.findUnique({ where: { studentId_courseId: link }, select: { source: true } });
  if (existing) throw new RefusedError(`${student.name} is already enrolled in ${course.code}.`);

  const seat = await tx.course.updateMany({
    where: {
      id: link.courseId,
      OR: [{ capacity: null }, { enrolledCount: { lt: db.course.fields.capacity } }],
    },
    data: { enrolledCount: { increment: 1 } },
  });
  if (seat.count === 0) {
    const full = await tx.course.findUnique({
      where: { id: link.courseId },
      select: { enrolledCount: true, capacity: true },
    });
    throw new RefusedError(`${course.code} is full: ${full?.enrolledCount ?? 0} of ${full?.capacity ?? 0}.`);
  }

  const { enrolledAt } = await tx.enrollment.create({
    data: { ...link, source, enrolledById: actor.userId },
    select: { enrolledAt: true },
  });
  await tx.enrollmentEvent.create({
    data: {
      type: "ENROLLED",
      ...link,
      studentName: student.name,
      courseCode: course.code,
      actorId: actor.userId,
      source,
      at: enrolledAt,
    },
  });
}

async function dropIn(tx: Tx, actor: Viewer, link: Link, source: EnrollmentSource) {
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
}

/**
 * Records the removal of enrollments that are about to go with a deleted
 * student or class, and gives their seats back; call inside the deleting
 * transaction, before the delete.
 */
export async function recordRemovals(
  tx: Tx,
  actor: Viewer,
  links: (Link & { studentName: string; courseCode: string })[],
  reason: string,
) {
  if (links.length === 0) return;
  await tx.enrollmentEvent.createMany({
    data: links.map((l) => ({ type: "DROPPED" as const, ...l, actorId: actor.userId, source: "ADMIN" as const, reason })),
  });
  // One decrement per class (a deleted student leaves each class once).
  for (const courseId of new Set(links.map((l) => l.courseId))) {
    const n = links.filter((l) => l.courseId === courseId).length;
    await tx.course.updateMany({ where: { id: courseId }, data: { enrolledCount: { decrement: n } } });
  }
}

/** Applies changes all-or-nothing: one refusal rolls back every change. */
async function applyChanges(
  actor: Viewer,
  changes: EnrollmentChange[],
  source: EnrollmentSource,
): Promise<Result<ChangeSummary>> {
  try {
    return await refusable(() =>
      db.$transaction(async (tx) => {
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
      }),
    );
  } catch (error) {
    // A concurrent writer made the same link between our check and insert.
    if (isUniqueViolation(error)) return { ok: false, message: "Already enrolled." };
    throw error;
  }
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
  const enrolledNow = new Set(current.map((e) => (byStudent ? e.courseId : e.studentId)));
  const wanted = new Set(checked);
  const changes: EnrollmentChange[] = [];
  for (const other of new Set(shown)) {
    const link = byStudent ? { studentId: fixed.studentId, courseId: other } : { studentId: other, courseId: fixed.courseId };
    if (wanted.has(other) && !enrolledNow.has(other)) changes.push({ ...link, enrolled: true });
    if (!wanted.has(other) && enrolledNow.has(other)) changes.push({ ...link, enrolled: false });
  }
  if (changes.length === 0) return { ok: true, value: { added: 0, removed: 0 } };
  return applyChanges(actor, changes, "ADMIN");
}

/** The history of one student–class pair, oldest first (shown in a later issue; kept from now). */
export async function listEnrollmentEvents(viewer: Viewer | null, where: Partial<Link>) {
  requireAdmin(viewer);
  return db.enrollmentEvent.findMany({
    where,
    orderBy: { id: "asc" },
    select: { id: true, type: true, studentId: true, courseId: true, actorId: true, source: true, reason: true, at: true },
  });
}

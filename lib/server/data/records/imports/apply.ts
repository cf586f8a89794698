import "server-only";
import type { Viewer } from "@/lib/server/authz";
import { batches } from "@/lib/batches";
import { meetingRows } from "@/lib/server/data/catalog/meetings";
import { actorOf, openChangeSet } from "@/lib/server/data/enrollment/actor";
import { applyMany } from "@/lib/server/data/enrollment/many";
import { RefusedError } from "@/lib/server/data/result";
import { within } from "@/lib/server/data/sql";
import type { ClassData, Plan, RecordPlan } from "@/lib/server/data/records/imports/preview";
import type { EnrollmentSource, Prisma } from "@/lib/generated/sqlite/client";
import { importAuditBefore, recordImport } from "@/lib/server/data/records/imports/audit";

/**
 * Applying an import: the plan's records through Prisma, then its
 * enrollments through the enrollment core, all in the caller's transaction
 * and as one change set. A step: jobs.ts checks who is asking.
 */

type Tx = Prisma.TransactionClient;

/** The files no longer apply (the school changed since the check): nothing was written. */
export class ImportConflict extends Error {}

/** Writes a plan inside `tx`, as one change set. Throws (rolling back) if a class would go over capacity. */
export async function writePlan(tx: Tx, actor: Viewer, p: Plan, onProgress: (done: number) => void) {
  let done = 0;
  const step = (n: number) => onProgress((done += n));
  const now = new Date();
  const add = p.add.map((a) => ({ studentId: a.studentId, courseId: a.courseId, enrolledAt: a.enrolledAt ?? now, source: "IMPORT" as const }));
  const remove = p.remove.map((r) => ({ ...r, source: r.source as EnrollmentSource }));
  // One change set for everything the import does: its records' entries in the audit log name it, and its undo reverses it.
  const change = await within(function* () {
    const made = [p.terms, p.students, p.teachers, p.classes].reduce((n, plans) => n + plans.filter((x: { isNew: boolean }) => x.isNew).length, 0);
    return yield* openChangeSet(actorOf(actor, "IMPORT"), "IMPORT", { added: add.length, removed: remove.length, made }, now);
  });
  const before = await importAuditBefore(tx, p);

  const created = <D>(plans: RecordPlan<D>[]) => batches(plans.filter((x) => x.isNew).map((x) => ({ id: x.id, ...x.data })));
  const changed = <D>(plans: RecordPlan<D>[]) => plans.filter((x) => x.changed);
  for (const batch of created(p.terms)) step((await tx.term.createMany({ data: batch })).count);
  for (const x of changed(p.terms)) step((await tx.term.updateMany({ where: { id: x.id }, data: x.data })).count);
  for (const batch of created(p.students)) step((await tx.student.createMany({ data: batch })).count);
  for (const x of changed(p.students)) {
    step((await tx.student.updateMany({ where: { id: x.id }, data: x.data })).count);
    // A login shows the name its person has now.
    await tx.user.updateMany({ where: { studentId: x.id, NOT: { name: x.data.name } }, data: { name: x.data.name } });
  }
  for (const batch of created(p.teachers)) step((await tx.teacher.createMany({ data: batch })).count);
  for (const x of changed(p.teachers)) {
    step((await tx.teacher.updateMany({ where: { id: x.id }, data: x.data })).count);
    await tx.user.updateMany({ where: { teacherId: x.id, NOT: { name: x.data.name } }, data: { name: x.data.name } });
  }
  // A class's meetings are rows of their own: written after it, replacing what it had.
  const classRow = ({ meetings: _, ...data }: ClassData) => data;
  for (const batch of batches(p.classes.filter((x) => x.isNew).map((x) => ({ id: x.id, ...classRow(x.data) })))) {
    step((await tx.course.createMany({ data: batch })).count);
  }
  for (const x of changed(p.classes)) step((await tx.course.updateMany({ where: { id: x.id }, data: classRow(x.data) })).count);
  const timed = p.classes.filter((x) => x.data.meetings);
  if (timed.length) {
    await tx.meeting.deleteMany({ where: { courseId: { in: timed.map((x) => x.id) } } });
    for (const batch of batches(timed.flatMap((x) => meetingRows(x.data.meetings!).map((m) => ({ ...m, courseId: x.id }))))) {
      await tx.meeting.createMany({ data: batch });
    }
  }
  for (const [courseId, teacherId] of p.assign) await tx.course.update({ where: { id: courseId }, data: { teacherId } });
  await recordImport(tx, actor, p, before, change.changeSetId!);

  // The enrollments through the core (decision 028): a seat each, within the capacity; a clash with another
  // class of the student's is made anyway and kept in the history, as an admin's tick's is.
  try {
    return await within(function* () {
      yield* applyMany(change, { add, remove }, { addReason: null, removeReason: "removed by import", clash: "record", standing: "record" }, step);
      return change.changeSetId!;
    });
  } catch (error) {
    if (error instanceof RefusedError) throw new ImportConflict(`${error.message} Check the files again.`);
    throw error;
  }
}


import "server-only";
import { requireStudent, type Viewer } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import type { Result } from "@/lib/server/data/result";
import { actorOf, type ChangeSummary } from "@/lib/server/data/enrollment/actor";
import { checklistChanges, linkedIds } from "@/lib/server/data/enrollment/admin";
import { studentPolicy } from "@/lib/server/data/enrollment/rules";
import { runTick, tickTxn, ticksTxn, type TickAnswer } from "@/lib/server/data/enrollment/tick";
import { joinWaitlist, leaveWaitlist, type WaitlistAnswer } from "@/lib/server/data/enrollment/waitlist";

/**
 * A student's own enrollment: enroll, drop, a Save of their checklist, join
 * and leave a waitlist. Entry points: each checks the viewer is a student
 * and takes the student from the session, never from the form; then the
 * enrollment core (tick.ts) under the student's policy (rules.ts: the
 * window, the join code, the term, the drop deadline, clashes refused).
 */

/** The signed-in student enrolls in a class (window, code and capacity apply): one short transaction (tick.ts). */
export async function enrollMyself(
  viewer: Viewer | null,
  input: { courseId: string; joinCode?: string | null },
  now = new Date(),
): Promise<Result<TickAnswer>> {
  const { actor, studentId } = requireStudent(viewer);
  const policy = studentPolicy(now, { [input.courseId]: input.joinCode });
  return runTick(() => tickTxn(actorOf(actor, "SELF"), null, { studentId, courseId: input.courseId, enrolled: true }, policy, now));
}

/** The signed-in student drops a class (before its drop deadline); the first in line gets the seat. */
export async function dropMyself(viewer: Viewer | null, courseId: string, now = new Date()): Promise<Result<TickAnswer>> {
  const { actor, studentId } = requireStudent(viewer);
  return runTick(() => tickTxn(actorOf(actor, "SELF"), null, { studentId, courseId, enrolled: false }, studentPolicy(now), now));
}

/**
 * The Save button of the student's form (without JavaScript): enroll in the
 * ticked classes, drop the unticked ones, all or nothing.
 */
export async function saveMyClasses(
  viewer: Viewer | null,
  shown: string[],
  checked: string[],
  joinCodes: Record<string, string>,
  now = new Date(),
): Promise<Result<ChangeSummary>> {
  const { actor, studentId } = requireStudent(viewer);
  const changes = checklistChanges(shown, checked, await linkedIds(actor, { studentId }));
  if (changes.length === 0) return { ok: true, value: { added: 0, removed: 0 } };
  // All or nothing, in one short transaction (tick.ts); each class's own rules and join code apply.
  const ticks = changes.map((c) => ({ studentId, courseId: c.id, enrolled: c.enrolled }));
  const result = await runTick(() => ticksTxn(actorOf(actor, "SELF"), null, ticks, studentPolicy(now, joinCodes), now));
  if (!result.ok) return result;
  const added = changes.filter((c) => c.enrolled).length;
  return { ok: true, value: { added, removed: changes.length - added } };
}

/**
 * The classes the student's form would drop: they are in them and unticked
 * them. The form without JavaScript asks to confirm these first.
 */
export async function myDropsIn(viewer: Viewer | null, shown: string[], checked: string[]): Promise<{ id: string; code: string }[]> {
  const { actor, studentId } = requireStudent(viewer);
  const drops = checklistChanges(shown, checked, await linkedIds(actor, { studentId }))
    .filter((c) => !c.enrolled)
    .map((c) => c.id);
  if (drops.length === 0) return [];
  return db.course.findMany({ where: { id: { in: drops } }, select: { id: true, code: true }, orderBy: { code: "asc" } });
}

/** The signed-in student joins a full class's waitlist, and is told their true place in it. */
export async function joinMyWaitlist(
  viewer: Viewer | null,
  input: { courseId: string; joinCode?: string | null },
  now = new Date(),
): Promise<Result<WaitlistAnswer>> {
  const { actor, studentId } = requireStudent(viewer);
  const policy = studentPolicy(now, { [input.courseId]: input.joinCode });
  const change = { actor: actorOf(actor, "SELF"), at: now, changeSetId: null };
  return runTick(() => joinWaitlist(change, { studentId, courseId: input.courseId }, { check: policy.enroll(input.courseId), clash: policy.clash, standing: policy.standing }));
}

/** The signed-in student leaves a waitlist. */
export async function leaveMyWaitlist(viewer: Viewer | null, courseId: string): Promise<Result<null>> {
  const { actor, studentId } = requireStudent(viewer);
  return runTick(() => leaveWaitlist({ actor: actorOf(actor, "SELF"), at: new Date(), changeSetId: null }, { studentId, courseId }));
}


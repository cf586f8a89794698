import "server-only";
import { refusable, type Result } from "@/lib/server/data/result";
import { transact, type Txn } from "@/lib/server/data/sql";
import { openChangeSet, type Actor, type Change, type EnrollmentChange } from "@/lib/server/data/enrollment/actor";
import type { ClashRule, Policy, StandingRule } from "@/lib/server/data/enrollment/rules";
import { countsOf, drop, seat, type ClassCounts, type Promotion } from "@/lib/server/data/enrollment/seats";
import type { ChangeSetKind } from "@/lib/generated/sqlite/client";

/**
 * The writes registration day is made of: a tick (enroll, or drop and seat
 * whoever is first on the waitlist) and a Save of several ticks, each one
 * short transaction of a few prepared statements (lib/server/data/sql.ts,
 * docs/decisions/010) answering with what changed: the enrollment's date,
 * the class's counts, who was promoted. Steps: callers check who may do
 * what first (admin.ts, self-service.ts, records/api.ts) and say the policy.
 */

/** What a tick changed. */
export type TickAnswer = {
  studentId: string;
  courseId: string;
  /** enrolled now (true after an enroll, false after a drop) */
  enrolled: boolean;
  enrolledAt: Date | null;
  course: ClassCounts;
  /** seated from the waitlist by a drop, first in line first */
  promoted: Promotion[];
  changeSetId: number | null;
};

/**
 * One tick's change: `confirmed` false asks first before a drop seats the
 * waitlist; `overCapacity`: an admin's reason to go past the capacity;
 * `clash`, `standing`: the rule for each, when not the policy's; `pass`: an
 * admin's reason to go past a rule about the student.
 */
export type Tick = EnrollmentChange & { confirmed?: boolean; overCapacity?: string; clash?: ClashRule; standing?: StandingRule; pass?: string };

/** One change inside the transaction, in the change's change set; `last`: the transaction's last (its writes go with the COMMIT). */
export function* tickStep(change: Change, t: Tick, policy: Policy, last = false): Txn<TickAnswer> {
  const link = { studentId: t.studentId, courseId: t.courseId };
  // The change set's id is read after the step: a single tick's may come with its first read (openChangeSet's `ahead`).
  const answer = (rest: Omit<TickAnswer, keyof typeof link | "changeSetId">): TickAnswer => ({ ...link, ...rest, changeSetId: change.changeSetId });
  if (t.enrolled) {
    const { enrolledAt, course } = yield* seat(change, link, {
      check: policy.enroll(t.courseId),
      clash: t.clash ?? policy.clash,
      standing: t.standing ?? policy.standing,
      pass: t.pass,
      overCapacity: t.overCapacity,
      last,
    });
    return answer({ enrolled: true, enrolledAt, course: countsOf(course), promoted: [] });
  }
  const { course, promoted } = yield* drop(change, link, { check: policy.drop(t.courseId), confirmed: t.confirmed, last });
  return answer({ enrolled: false, enrolledAt: null, course: countsOf(course), promoted });
}

/**
 * Changes as one transaction and (for `kind`) one change set: a tick, or a
 * Save of a checklist, all or nothing: the first refusal rolls every change
 * back.
 */
export function* ticksTxn(actor: Actor, kind: ChangeSetKind | null, ticks: Tick[], policy: Policy, at = new Date()): Txn<TickAnswer[]> {
  const added = ticks.filter((t) => t.enrolled).length;
  const change: Change = kind
    ? yield* openChangeSet(actor, kind, { added, removed: ticks.length - added }, at, { ahead: ticks.length === 1 })
    : { actor, at, changeSetId: null };
  const answers: TickAnswer[] = [];
  for (const [i, t] of ticks.entries()) answers.push(yield* tickStep(change, t, policy, i === ticks.length - 1));
  return answers;
}

/** One tick, as its own transaction (and change set, for `kind`). */
export function* tickTxn(actor: Actor, kind: ChangeSetKind | null, tick: Tick, policy: Policy, at = new Date()): Txn<TickAnswer> {
  return (yield* ticksTxn(actor, kind, [tick], policy, at))[0]!;
}

/** Runs a write of the core as its own short transaction: a refusal (full, closed, already in...) comes back as a Fail, having written nothing. */
export function runTick<T>(body: () => Txn<T>): Promise<Result<T>> {
  return refusable(() => transact(body));
}

import "server-only";
import { batches } from "@/lib/batches";
import type { Txn } from "@/lib/server/data/sql";
import { inStep } from "@/lib/server/data/in-step";
import type { Change, Link } from "@/lib/server/data/enrollment/actor";
import type { ClashRule, StandingRule } from "@/lib/server/data/enrollment/rules";
import { drop, promote, seat } from "@/lib/server/data/enrollment/seats";
import { rewait, type WaitlistPlace } from "@/lib/server/data/enrollment/waitlist";
import type { EnrollmentSource } from "@/lib/generated/sqlite/client";

/**
 * Many enrollment changes in one change (an import, an undo, a deleted
 * class or student), through the same steps as a tick: each enrollment is
 * a seat or a drop (seats.ts), so a capacity, an event, a waitlist entry
 * and a notice are what they would be one at a time. The waitlists are
 * seated once every change is made (a drop's seat may be the import's own
 * next enrollment). Steps: inside the caller's transaction (`within`).
 */

/** An enrollment to make or take away, with its date and how it was (first) made. */
export type ManyLink = Link & { enrolledAt: Date; source: EnrollmentSource; reason?: string };

export type ManyHow = {
  addReason: string | null;
  removeReason: string | null;
  rewaitReason?: string;
  clash: ClashRule;
  /** the rules about the student (a hold): an import records them; an undo puts back what was (default "ignore") */
  standing?: StandingRule;
  /** put back as they were (an undo): each enrollment keeps how it was first made */
  restore?: boolean;
  /** tell the students (default: as the actor's source says) */
  tell?: boolean;
  /** seat the waitlists of the classes it freed seats in (default); not for a class about to be deleted */
  promote?: boolean;
};

export function* applyMany(
  change: Change,
  changes: { add: ManyLink[]; remove: Link[]; rewait?: WaitlistPlace[] },
  how: ManyHow,
  onProgress: (n: number) => void = () => {},
): Txn<void> {
  const freed = new Set<string>();
  // In step, a hundred at a time (in-step.ts): on PostgreSQL a hundred drops or seats in one request.
  for (const some of batches(changes.remove, 100)) {
    yield* inStep(
      some.map((r) => () => drop(change, r, { check: null, promote: false, reason: how.removeReason, tell: how.tell })),
      () => onProgress(1),
    );
    for (const r of some) freed.add(r.courseId);
  }
  for (const some of batches(changes.add, 100)) {
    const seats = some.map((a) => () =>
      seat(change, a, {
        check: null,
        clash: how.clash,
        standing: how.standing,
        enrolledAt: a.enrolledAt,
        enrolledSource: how.restore ? a.source : undefined,
        reason: a.reason ?? how.addReason,
        tell: how.tell,
      }),
    );
    yield* inStep<unknown>(seats, () => onProgress(1));
  }
  // Back in line where they were: the entry's own id orders the line.
  for (const w of changes.rewait ?? []) yield* rewait(change, w, how.rewaitReason ?? null);
  if (how.promote !== false) for (const courseId of freed) yield* promote(change, courseId);
}

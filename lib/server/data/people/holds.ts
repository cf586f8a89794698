import "server-only";
import { requireAdmin, requireStudent, type Viewer } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import { actorFor, recordChange } from "@/lib/server/data/records/audit";
import { refusable, RefusedError, type Result } from "@/lib/server/data/result";
import { transaction, within } from "@/lib/server/data/sql";
import { actorOf } from "@/lib/server/data/enrollment/actor";
import { promote } from "@/lib/server/data/enrollment/seats";
import type { HoldInput } from "@/lib/schemas/holds";

/**
 * Holds on a student's registration (decision 039). The rule itself (a hold
 * stops adds, never drops) is the enrollment core's (enrollment/rules.ts),
 * read with each seat. Here: placing, lifting and listing them. Entry
 * points: placeHold, liftHold and listHolds check the viewer is an admin;
 * myHolds reads the signed-in student's own. Placing and lifting are in the
 * audit log as the student's (their history page shows them).
 */

export type HoldRow = {
  id: string;
  reason: string;
  office: string;
  placedAt: Date;
  placedBy: string;
  liftedAt: Date | null;
  liftedBy: string | null;
  liftNote: string | null;
};

const HOLD_SELECT = { id: true, reason: true, office: true, placedAt: true, placedBy: true, liftedAt: true, liftedBy: true, liftNote: true } as const;

/** How many lifted holds a student's page lists (the history page keeps every one). */
const LIFTED_SHOWN = 5;

/** A student's holds for their admin page: every one that holds, then the last few lifted. Two statements. */
export async function listHolds(viewer: Viewer | null, studentId: string): Promise<{ active: HoldRow[]; lifted: HoldRow[] }> {
  requireAdmin(viewer);
  const [active, lifted] = await Promise.all([
    db.hold.findMany({ where: { studentId, liftedAt: null }, orderBy: [{ placedAt: "asc" }, { id: "asc" }], select: HOLD_SELECT }),
    db.hold.findMany({ where: { studentId, liftedAt: { not: null } }, orderBy: [{ liftedAt: "desc" }, { id: "desc" }], take: LIFTED_SHOWN, select: HOLD_SELECT }),
  ]);
  return { active, lifted };
}

/** The signed-in student's holds that hold: what stops them adding a class, and whom to see. One statement. */
export async function myHolds(viewer: Viewer | null): Promise<Pick<HoldRow, "id" | "reason" | "office" | "placedAt">[]> {
  const { studentId } = requireStudent(viewer);
  return db.hold.findMany({
    where: { studentId, liftedAt: null },
    orderBy: [{ placedAt: "asc" }, { id: "asc" }],
    select: { id: true, reason: true, office: true, placedAt: true },
  });
}

/** "the bursar's office: Unpaid fees", as the log keeps a hold. */
const holdLabel = (h: Pick<HoldRow, "reason" | "office">) => `${h.office}: ${h.reason}`;

/** An admin places a hold on a student: from now on they can't add a class or join a waitlist (drops stay open). */
export async function placeHold(viewer: Viewer | null, studentId: string, input: HoldInput): Promise<Result<{ id: string }>> {
  const actor = requireAdmin(viewer);
  return refusable(() =>
    transaction(async (tx) => {
      const student = await tx.student.findUnique({ where: { id: studentId }, select: { name: true } });
      if (!student) throw new RefusedError("That student no longer exists.");
      const hold = await tx.hold.create({ data: { studentId, reason: input.reason, office: input.office, placedBy: actor.name }, select: { id: true } });
      await recordChange(tx, {
        actor: actorFor(actor),
        via: "PAGE",
        kind: "STUDENT",
        recordId: studentId,
        label: student.name,
        action: "HOLD_PLACED",
        before: null,
        after: { hold: holdLabel(input) },
      });
      return { id: hold.id };
    }),
  );
}

/**
 * An admin lifts a hold, with a note if they give one. Once no hold is left,
 * the classes the student waits for seat their waitlists (a promotion
 * passes over a held student): the student may be seated now.
 */
export async function liftHold(viewer: Viewer | null, holdId: string, input: { note: string }): Promise<Result<{ promoted: number }>> {
  const actor = requireAdmin(viewer);
  const at = new Date();
  return refusable(() =>
    transaction(async (tx) => {
      const hold = await tx.hold.findUnique({ where: { id: holdId }, select: { studentId: true, reason: true, office: true, liftedAt: true, student: { select: { name: true } } } });
      if (!hold) throw new RefusedError("That hold no longer exists.");
      const { count } = await tx.hold.updateMany({ where: { id: holdId, liftedAt: null }, data: { liftedAt: at, liftedBy: actor.name, liftNote: input.note || null } });
      if (count === 0) throw new RefusedError(`That hold was lifted already.`);
      await recordChange(tx, {
        actor: actorFor(actor),
        via: "PAGE",
        kind: "STUDENT",
        recordId: hold.studentId,
        label: hold.student.name,
        action: "HOLD_LIFTED",
        before: { hold: holdLabel(hold) },
        after: null,
        note: input.note || null,
        at,
      });
      const stillHeld = await tx.hold.count({ where: { studentId: hold.studentId, liftedAt: null } });
      if (stillHeld) return { promoted: 0 };
      const waiting = await tx.waitlistEntry.findMany({ where: { studentId: hold.studentId }, select: { courseId: true }, orderBy: { id: "asc" } });
      const change = { actor: actorOf(actor, "ADMIN"), at, changeSetId: null };
      let promoted = 0;
      for (const w of waiting) promoted += (await within(() => promote(change, w.courseId))).promoted.length;
      return { promoted };
    }),
  );
}

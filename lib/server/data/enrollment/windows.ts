import "server-only";
import { requireAdmin, requireStudent, type Viewer } from "@/lib/server/authz";
import { db, readRows } from "@/lib/server/db";
import { formatDateTime } from "@/lib/format-date";
import { actorFor, recordChange } from "@/lib/server/data/records/audit";
import { refusable, RefusedError, type Result } from "@/lib/server/data/result";
import { asBoolean, asDateOrNull, transaction } from "@/lib/server/data/sql";
import { registrationOpensSql, windowedSql } from "@/lib/server/data/enrollment/rules";
import type { WindowInput } from "@/lib/schemas/groups";

/**
 * A term's registration windows (decision 041): when its registration opens
 * to each student group, or to every student, optionally in random slots.
 * The rule itself (a student's own adds wait for their time) is the core's
 * (enrollment/rules.ts). Entry points: listWindows, addWindow and
 * removeWindow check the viewer is an admin; myRegistrationTimes reads the
 * signed-in student's own. Adding and removing are in the term's audit log.
 */

export type WindowRow = { groupId: string | null; groupName: string | null; opensAt: Date; slots: number; everyHours: number; members: number | null };

/** A term's windows, one row per group (its slots folded into it), the earliest first. Two statements. */
export async function listWindows(viewer: Viewer | null, termId: string): Promise<WindowRow[]> {
  requireAdmin(viewer);
  const rows = await db.registrationWindow.findMany({
    where: { termId },
    orderBy: [{ opensAt: "asc" }, { slot: "asc" }],
    select: { groupId: true, slot: true, slots: true, opensAt: true, group: { select: { name: true, _count: { select: { members: true } } } } },
  });
  const byGroup = new Map<string | null, WindowRow>();
  for (const r of rows) {
    const seen = byGroup.get(r.groupId);
    if (seen) {
      if (r.slot === 1) seen.everyHours = Math.round((r.opensAt.getTime() - seen.opensAt.getTime()) / 3_600_000);
      continue;
    }
    byGroup.set(r.groupId, { groupId: r.groupId, groupName: r.group?.name ?? null, opensAt: r.opensAt, slots: r.slots, everyHours: 0, members: r.group?._count.members ?? null });
  }
  return [...byGroup.values()];
}

/** "Year 12: 9 Dec 2026 09:00, in 2 random slots 24 hours apart", as the log keeps a window. */
function windowLabel(name: string | null, w: Pick<WindowInput, "opensAt" | "slots" | "everyHours">): string {
  const slots = w.slots > 1 ? `, in ${w.slots} random slots ${w.everyHours} ${w.everyHours === 1 ? "hour" : "hours"} apart` : "";
  return `${name ?? "Every student"}: ${formatDateTime(w.opensAt)}${slots}`;
}

/**
 * Opens a term's registration to a group (or every student) at a moment;
 * split into random slots, a window per slot, each `everyHours` after the
 * one before. A group has one window per term: refused if it has one.
 */
export async function addWindow(viewer: Viewer | null, termId: string, input: WindowInput): Promise<Result<null>> {
  const actor = requireAdmin(viewer);
  return refusable(() =>
    transaction(async (tx) => {
      const term = await tx.term.findUnique({ where: { id: termId }, select: { name: true } });
      if (!term) throw new RefusedError("That term no longer exists.");
      const group = input.groupId ? await tx.studentGroup.findUnique({ where: { id: input.groupId }, select: { name: true } }) : null;
      if (input.groupId && !group) throw new RefusedError("That group no longer exists.");
      const name = group?.name ?? null;
      if (await tx.registrationWindow.count({ where: { termId, groupId: input.groupId } })) {
        throw new RefusedError(`${name ?? "Every student"} already has a window in ${term.name}: remove it first to set another.`);
      }
      await tx.registrationWindow.createMany({
        data: Array.from({ length: input.slots }, (_, slot) => ({
          termId,
          groupId: input.groupId,
          slot,
          slots: input.slots,
          opensAt: new Date(input.opensAt.getTime() + slot * input.everyHours * 3_600_000),
        })),
      });
      await recordChange(tx, { actor: actorFor(actor), via: "PAGE", kind: "TERM", recordId: termId, label: term.name, action: "UPDATED", before: { window: null }, after: { window: windowLabel(name, input) } });
      return null;
    }),
  );
}

/** Removes a group's window (every slot of it) from a term: its students then go by their other windows. */
export async function removeWindow(viewer: Viewer | null, termId: string, groupId: string | null): Promise<Result<null>> {
  const actor = requireAdmin(viewer);
  return refusable(() =>
    transaction(async (tx) => {
      const rows = await tx.registrationWindow.findMany({
        where: { termId, groupId },
        orderBy: { slot: "asc" },
        select: { opensAt: true, slots: true, term: { select: { name: true } }, group: { select: { name: true } } },
      });
      if (rows.length === 0) throw new RefusedError("That window was removed already.");
      await tx.registrationWindow.deleteMany({ where: { termId, groupId } });
      const first = rows[0]!;
      const everyHours = rows.length > 1 ? Math.round((rows[1]!.opensAt.getTime() - first.opensAt.getTime()) / 3_600_000) : 0;
      const was = windowLabel(first.group?.name ?? null, { opensAt: first.opensAt, slots: first.slots, everyHours });
      await recordChange(tx, { actor: actorFor(actor), via: "PAGE", kind: "TERM", recordId: termId, label: first.term.name, action: "UPDATED", before: { window: was }, after: { window: null } });
      return null;
    }),
  );
}

export type RegistrationTime = { termId: string; termName: string; opensAt: Date | null };

/**
 * When registration opens to the signed-in student in each of the terms
 * given that open by windows (the rule's own SQL): null when no window is
 * theirs. Terms without windows are left out. One statement.
 */
export async function myRegistrationTimes(viewer: Viewer | null, termIds: string[]): Promise<RegistrationTime[]> {
  const { studentId } = requireStudent(viewer);
  if (termIds.length === 0) return [];
  const list = termIds.map((_, i) => `$${i + 2}`).join(", ");
  const rows = await readRows(
    db,
    `SELECT t."id", t."name", ${windowedSql(`t."id"`)} AS "windowed", ${registrationOpensSql(`t."id"`, "$1")} AS "opensAt"
     FROM "Term" t WHERE t."id" IN (${list}) ORDER BY t."startsOn", t."name"`,
    [studentId, ...termIds],
  );
  return rows.filter((r) => asBoolean(r.windowed)).map((r) => ({ termId: String(r.id), termName: String(r.name), opensAt: asDateOrNull(r.opensAt) }));
}

import "server-only";
import { randomInt } from "node:crypto";
import { requireAdmin, type Viewer } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import { actorFor, recordChange } from "@/lib/server/data/records/audit";
import { pageOf, pageWindow, type Page } from "@/lib/server/data/paging";
import { fail, isUniqueViolation, ok, refusable, RefusedError, type Result } from "@/lib/server/data/result";
import { transaction } from "@/lib/server/data/sql";
import type { GroupInput } from "@/lib/schemas/groups";

/**
 * Student groups (decision 041): a year, a cohort, the athletes, whose
 * registration windows open together (catalog/windows.ts). Entry points:
 * each checks the viewer is an admin. Making, deleting and each change of
 * members are in the audit log (kind GROUP).
 */

export type GroupRow = { id: string; name: string; memberCount: number };

/** Every group, by name, with how many students are in it. One statement. */
export async function listGroups(viewer: Viewer | null): Promise<GroupRow[]> {
  requireAdmin(viewer);
  const rows = await db.studentGroup.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, _count: { select: { members: true } } } });
  return rows.map((g) => ({ id: g.id, name: g.name, memberCount: g._count.members }));
}

export const GROUP_PAGE_SIZE = 50;

/** A group with one page of its students, by family name. Three statements. */
export async function getGroup(
  viewer: Viewer | null,
  id: string,
  page: number,
): Promise<{ group: GroupRow; members: Page<{ id: string; name: string; email: string; studentNumber: string | null }> } | null> {
  requireAdmin(viewer);
  const group = await db.studentGroup.findUnique({ where: { id }, select: { id: true, name: true, _count: { select: { members: true } } } });
  if (!group) return null;
  const total = group._count.members;
  const w = pageWindow(page, total, GROUP_PAGE_SIZE);
  const rows = await db.studentGroupMember.findMany({
    where: { groupId: id },
    orderBy: [{ student: { sortName: "asc" } }, { studentId: "asc" }],
    skip: w.skip,
    take: w.take,
    select: { student: { select: { id: true, name: true, email: true, studentNumber: true } } },
  });
  return { group: { id: group.id, name: group.name, memberCount: total }, members: pageOf(rows.map((r) => r.student), total, w) };
}

/** The groups a student is in, by name (their admin page). One statement. */
export async function groupsOf(viewer: Viewer | null, studentId: string): Promise<{ id: string; name: string }[]> {
  requireAdmin(viewer);
  const rows = await db.studentGroupMember.findMany({ where: { studentId }, orderBy: { group: { name: "asc" } }, select: { group: { select: { id: true, name: true } } } });
  return rows.map((r) => r.group);
}

const nameTaken = (error: unknown, name: string) =>
  isUniqueViolation(error, "name") ? fail("Check the form.", { name: `Another group is already called ${name}.` }) : null;

export async function createGroup(viewer: Viewer | null, input: GroupInput): Promise<Result<{ id: string }>> {
  const actor = requireAdmin(viewer);
  try {
    return ok(
      await db.$transaction(async (tx) => {
        const { id } = await tx.studentGroup.create({ data: { name: input.name }, select: { id: true } });
        await recordChange(tx, { actor: actorFor(actor), via: "PAGE", kind: "GROUP", recordId: id, label: input.name, action: "CREATED", before: null, after: { name: input.name } });
        return { id };
      }),
    );
  } catch (error) {
    const taken = nameTaken(error, input.name);
    if (taken) return taken;
    throw error;
  }
}

/** Deletes a group: its members leave it and its windows go with it; the students themselves stay. */
export async function deleteGroup(viewer: Viewer | null, id: string): Promise<Result<null>> {
  const actor = requireAdmin(viewer);
  return refusable(() =>
    transaction(async (tx) => {
      const group = await tx.studentGroup.findUnique({ where: { id }, select: { name: true, _count: { select: { members: true, windows: true } } } });
      if (!group) throw new RefusedError("That group no longer exists.");
      await tx.studentGroup.delete({ where: { id } });
      const { members, windows } = group._count;
      const note = `${members} ${members === 1 ? "student" : "students"} left it; ${windows} ${windows === 1 ? "window" : "windows"} went with it`;
      await recordChange(tx, { actor: actorFor(actor), via: "PAGE", kind: "GROUP", recordId: id, label: group.name, action: "DELETED", before: { name: group.name }, after: null, note });
      return null;
    }),
  );
}

/**
 * Adds students to a group, each named by their student number or email
 * (one per line, as pasted). All or nothing: a line that names no student
 * is said, and nobody is added. Each new member draws their random slot
 * (0-9999) now. Answers how many were added and how many were in already.
 */
export async function addToGroup(viewer: Viewer | null, groupId: string, lines: string[]): Promise<Result<{ added: number; already: number }>> {
  const actor = requireAdmin(viewer);
  return refusable(() =>
    transaction(async (tx) => {
      const group = await tx.studentGroup.findUnique({ where: { id: groupId }, select: { name: true } });
      if (!group) throw new RefusedError("That group no longer exists.");
      const found = await tx.student.findMany({
        where: { OR: [{ studentNumber: { in: lines } }, { email: { in: lines.map((l) => l.toLowerCase()) } }] },
        select: { id: true, studentNumber: true, email: true },
      });
      const known = new Set(found.flatMap((s) => [s.studentNumber, s.email]).filter(Boolean));
      const unknown = lines.filter((l) => !known.has(l) && !known.has(l.toLowerCase()));
      if (unknown.length) {
        const shown = unknown.slice(0, 10).join(", ");
        throw new RefusedError(`No student has ${unknown.length === 1 ? "this number or email" : "these numbers or emails"}: ${shown}${unknown.length > 10 ? ` and ${unknown.length - 10} more` : ""}. Nobody was added.`);
      }
      const ids = [...new Set(found.map((s) => s.id))];
      const inAlready = new Set((await tx.studentGroupMember.findMany({ where: { groupId, studentId: { in: ids } }, select: { studentId: true } })).map((m) => m.studentId));
      const fresh = ids.filter((id) => !inAlready.has(id));
      const { count } = fresh.length ? await tx.studentGroupMember.createMany({ data: fresh.map((studentId) => ({ groupId, studentId, draw: randomInt(10_000) })) }) : { count: 0 };
      if (count > 0) {
        const members = await tx.studentGroupMember.count({ where: { groupId } });
        await recordChange(tx, {
          actor: actorFor(actor),
          via: "PAGE",
          kind: "GROUP",
          recordId: groupId,
          label: group.name,
          action: "UPDATED",
          before: { members: members - count },
          after: { members },
          note: `${count} ${count === 1 ? "student" : "students"} added`,
        });
      }
      const already = inAlready.size;
      return { added: count, already };
    }),
  );
}

/** Takes a student out of a group. */
export async function removeFromGroup(viewer: Viewer | null, groupId: string, studentId: string): Promise<Result<null>> {
  const actor = requireAdmin(viewer);
  return refusable(() =>
    transaction(async (tx) => {
      const member = await tx.studentGroupMember.findUnique({
        where: { groupId_studentId: { groupId, studentId } },
        select: { group: { select: { name: true } }, student: { select: { name: true } } },
      });
      if (!member) throw new RefusedError("That student is no longer in the group.");
      await tx.studentGroupMember.delete({ where: { groupId_studentId: { groupId, studentId } } });
      const members = await tx.studentGroupMember.count({ where: { groupId } });
      await recordChange(tx, {
        actor: actorFor(actor),
        via: "PAGE",
        kind: "GROUP",
        recordId: groupId,
        label: member.group.name,
        action: "UPDATED",
        before: { members: members + 1 },
        after: { members },
        note: `${member.student.name} taken out`,
      });
      return null;
    }),
  );
}

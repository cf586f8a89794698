import "server-only";
import { ForbiddenError, requireAdmin, requireRole, type Viewer } from "@/lib/server/authz";
import { db, readRows } from "@/lib/server/db";
import { startOfDay } from "@/lib/format-date";
import { RefusedError, type Result } from "@/lib/server/data/result";
import { asNumber, get, type Txn } from "@/lib/server/data/sql";
import { actorOf, type ChangeSummary, type EnrollmentChange, type Link } from "@/lib/server/data/enrollment/actor";
import { clashText, findClashes } from "@/lib/server/data/enrollment/clashes";
import { holdText, schoolPolicy, standingColumns, type Standing } from "@/lib/server/data/enrollment/rules";
import { seat } from "@/lib/server/data/enrollment/seats";
import { runTick, tickTxn, ticksTxn, type TickAnswer } from "@/lib/server/data/enrollment/tick";
import { leaveWaitlist } from "@/lib/server/data/enrollment/waitlist";

/**
 * An admin's enrollment changes: a tick, a Save of a checklist (and its
 * review), seating or removing a waiting student. Entry points: each checks
 * the viewer is an admin (linkedIds: or the student themselves), then runs
 * the enrollment core (tick.ts, seats.ts) under the school's policy.
 */

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
 * An admin's single tick or untick. An untick that would seat someone from
 * the waitlist is refused (code "confirm", naming them) unless `confirmed`.
 * A tick into a full class is refused (code "full") unless it gives
 * `overCapacity`: why the admin enrolls past the capacity, kept in the
 * history. Students and the API can never go past it. A tick into a class
 * that meets when one of the student's does is refused (code "clash",
 * naming both) unless `clashOk`; the history then keeps the clash. A tick
 * for a student with a hold is refused (code "rule", saying it; so is one at their load limit) unless it
 * gives `pass`: why the admin enrolls them anyway, kept in the history.
 */
export async function setEnrollment(
  viewer: Viewer | null,
  change: EnrollmentChange & { confirmed?: boolean; overCapacity?: string; clashOk?: boolean; pass?: string },
): Promise<Result<TickAnswer>> {
  const actor = requireAdmin(viewer);
  const { clashOk, ...rest } = change;
  const tick = {
    ...rest,
    confirmed: change.confirmed ?? false,
    clash: clashOk ? ("record" as const) : ("ask" as const),
    standing: change.pass ? ("record" as const) : ("ask" as const),
  };
  return runTick(() => tickTxn(actorOf(actor, "ADMIN"), "SAVE", tick, schoolPolicy));
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
  // One short transaction and one change set for the whole Save (tick.ts).
  const result = await runTick(() => ticksTxn(actorOf(actor, "ADMIN"), "SAVE", changes, schoolPolicy));
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
  /** students it would enroll who have a hold, in words: the Save passes them, kept in the history */
  holds: string[];
  /** students it would take past their term's load limit, in words: passed and kept too */
  loads: string[];
};

/**
 * The rules about the students (decisions 039, 040) that a Save's adds would
 * pass, as the core would read them, for its review: each held student's
 * hold, and each student and term whose load the adds would take past its
 * limit. One statement (the adds are one student's or one class's).
 */
async function standingOfAdds(added: { studentId: string; courseId: string }[], now: Date): Promise<{ holds: string[]; loads: string[] }> {
  if (added.length === 0) return { holds: [], loads: [] };
  const students = [...new Set(added.map((a) => a.studentId))];
  const courses = [...new Set(added.map((a) => a.courseId))];
  const list = (from: number, n: number) => Array.from({ length: n }, (_, i) => `$${from + i}`).join(", ");
  const rows = await readRows(
    db,
    `SELECT s."id" AS "studentId", s."name", "Course"."id" AS "courseId", "Course"."termId", ${standingColumns(`s."id"`, "$1")}
     FROM "Student" s CROSS JOIN "Course"
     WHERE s."id" IN (${list(2, students.length)}) AND "Course"."id" IN (${list(2 + students.length, courses.length)})
     ORDER BY s."sortName", s."id"`,
    [now, ...students, ...courses],
  );
  const wanted = new Set(added.map((a) => `${a.studentId} ${a.courseId}`));
  const holds = new Map<string, string>();
  const loads = new Map<string, { row: Standing & { name: string }; adds: number }>();
  for (const r of rows) {
    if (!wanted.has(`${String(r.studentId)} ${String(r.courseId)}`)) continue;
    const row = r as unknown as Standing & { name: string; studentId: string; termId: string | null };
    if (row.holdReason !== null && !holds.has(row.studentId)) holds.set(row.studentId, holdText(row, row.name));
    if (row.termId === null || row.loadLimit === null) continue;
    const key = `${row.studentId} ${row.termId}`;
    loads.set(key, { row, adds: (loads.get(key)?.adds ?? 0) + 1 });
  }
  return {
    holds: [...holds.values()],
    loads: [...loads.values()]
      .filter(({ row, adds }) => asNumber(row.loadHeld) + adds > asNumber(row.loadLimit))
      .map(({ row, adds }) => `${row.name} would be in ${asNumber(row.loadHeld) + adds} classes of ${row.termName}, past the most a student may take (${asNumber(row.loadLimit)}).`),
  };
}

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
  const standing = await standingOfAdds(added, new Date());
  return {
    added: added.length,
    removed,
    overCapacity,
    promoted,
    names: { added: named(true), removed: named(false) },
    clashes: clashes.map((c) => clashText(c, "name")),
    holds: standing.holds,
    loads: standing.loads,
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

/** An admin seats a waiting student now (capacity still applies), as a change of its own. */
export async function admitFromWaitlist(viewer: Viewer | null, link: Link): Promise<Result<{ enrolledAt: Date }>> {
  const actor = requireAdmin(viewer);
  return runTick(function* (): Txn<{ enrolledAt: Date }> {
    const waiting = yield* get(`SELECT "id" FROM "WaitlistEntry" WHERE "studentId" = $1 AND "courseId" = $2`, link.studentId, link.courseId);
    if (!waiting) throw new RefusedError("That student is no longer on the waitlist.");
    const change = { actor: actorOf(actor, "ADMIN"), at: new Date(), changeSetId: null };
    const { enrolledAt } = yield* seat(change, link, { check: null, clash: schoolPolicy.clash, standing: schoolPolicy.standing, reason: "admitted from the waitlist" });
    return { enrolledAt };
  });
}

/** An admin takes a student off a waitlist without a seat; they are told. */
export async function removeFromWaitlist(viewer: Viewer | null, link: Link): Promise<Result<null>> {
  const actor = requireAdmin(viewer);
  return runTick(() => leaveWaitlist({ actor: actorOf(actor, "ADMIN"), at: new Date(), changeSetId: null }, link));
}

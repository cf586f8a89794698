import "server-only";
import type { Viewer } from "@/lib/server/authz";
import { termFields } from "@/lib/server/data/catalog/terms";
import { classesForAudit } from "@/lib/server/data/catalog/class-audit";
import { studentFields } from "@/lib/server/data/people/students";
import { teacherFields } from "@/lib/server/data/people/teachers";
import { actorFor, recordChanges, type AuditFields, type AuditKind, type AuditRecord } from "@/lib/server/data/records/audit";
import type { Tx } from "@/lib/server/data/sql";
import type { Plan, RecordPlan } from "@/lib/server/data/records/imports/preview";

/**
 * An import in the audit log (decision 036): each record it makes or
 * changes, with its fields before and after and the import's change set,
 * written in the import's transaction. A step: apply.ts calls it.
 */

type Snapshot = Map<string, { label: string; fields: AuditFields }>;
type Snapshots = Record<"STUDENT" | "TEACHER" | "TERM" | "CLASS", Snapshot>;

const idsOf = <D>(plans: RecordPlan<D>[], which: "new" | "changed" | "both") =>
  plans.filter((x) => (which === "new" ? x.isNew : which === "changed" ? x.changed : x.isNew || x.changed)).map((x) => x.id);

/** The records' fields as they are now, in the transaction: of those the plan changes (before) or makes and changes (after). */
async function snapshots(tx: Tx, p: Plan, which: "changed" | "both"): Promise<Snapshots> {
  const classIds = [...new Set([...idsOf(p.classes, which), ...p.assign.keys()])];
  const [students, teachers, terms, classes] = await Promise.all([
    tx.student.findMany({ where: { id: { in: idsOf(p.students, which) } }, select: { id: true, name: true, givenName: true, familyName: true, email: true, studentNumber: true, sourcedId: true } }),
    tx.teacher.findMany({ where: { id: { in: idsOf(p.teachers, which) } }, select: { id: true, name: true, givenName: true, familyName: true, email: true, sourcedId: true } }),
    tx.term.findMany({ where: { id: { in: idsOf(p.terms, which) } }, select: { id: true, name: true, startsOn: true, endsOn: true, sourcedId: true } }),
    classesForAudit(tx, classIds),
  ]);
  return {
    STUDENT: new Map(students.map((s) => [s.id, { label: s.name, fields: { ...studentFields(s), sourcedId: s.sourcedId } }])),
    TEACHER: new Map(teachers.map((t) => [t.id, { label: t.name, fields: { ...teacherFields(t), sourcedId: t.sourcedId } }])),
    TERM: new Map(terms.map((t) => [t.id, { label: t.name, fields: { ...termFields(t), sourcedId: t.sourcedId } }])),
    CLASS: classes,
  };
}

/** Before the plan is written: what the records it changes are now. */
export function importAuditBefore(tx: Tx, p: Plan): Promise<Snapshots> {
  return snapshots(tx, p, "changed");
}

/** After the plan is written: an entry per record made or changed, by the import, in its change set. */
export async function recordImport(tx: Tx, actor: Viewer, p: Plan, before: Snapshots, changeSetId: number): Promise<void> {
  const after = await snapshots(tx, p, "both");
  const records: AuditRecord[] = [];
  // In the files' order: each kind's records as the plan has them, then the classes only given a teacher.
  const order: [AuditKind & keyof Snapshots, string[]][] = [
    ["TERM", p.terms.map((x) => x.id)],
    ["STUDENT", p.students.map((x) => x.id)],
    ["TEACHER", p.teachers.map((x) => x.id)],
    ["CLASS", [...new Set([...p.classes.map((x) => x.id), ...p.assign.keys()])]],
  ];
  for (const [kind, ids] of order) {
    for (const id of ids) {
      const now = after[kind].get(id);
      if (!now) continue;
      const was = before[kind].get(id);
      records.push({
        actor: actorFor(actor),
        via: "IMPORT",
        kind,
        recordId: id,
        label: now.label,
        action: was ? "UPDATED" : "CREATED",
        before: was?.fields ?? null,
        after: now.fields,
        changeSetId,
      });
    }
  }
  await recordChanges(tx, records);
}

import "server-only";
import { formatDateTime } from "@/lib/format-date";
import { termFields } from "@/lib/server/data/catalog/terms";
import { classesForAudit } from "@/lib/server/data/catalog/class-audit";
import { studentFields } from "@/lib/server/data/people/students";
import { teacherFields } from "@/lib/server/data/people/teachers";
import { recordChange, recordChanges, type AuditActor, type AuditRecord } from "@/lib/server/data/records/audit";
import type { Tx } from "@/lib/server/data/sql";
import { RefusedError } from "@/lib/server/data/result";

const CHANGED = "The import's records changed while it was being undone: nothing was undone. Try again.";

/**
 * The second half of undoing an import (change-sets.ts undoes its
 * enrollments first, in the same transaction): the classes, students,
 * teachers and terms it made, found by its entries in the audit log, are
 * deleted when nothing else refers to them, and each one kept is named with
 * why. Records the import changed keep their new values (the audit log has
 * the old). A step: undoChangeSet checks who is asking.
 */

export type ImportUndone = {
  removed: { classes: number; students: number; teachers: number; terms: number };
  /** "Ada Lovelace (a student): enrolled in a class since" */
  kept: string[];
};

/** The records of one kind the import made: those that stay (and why), the rest deleted (guarded by the same conditions) and logged. */
async function sweep<R extends { id: string }>(
  rows: R[],
  what: string,
  describe: (r: R) => { label: string; fields: AuditRecord["before"] },
  keepWhy: (r: R) => string | null,
  remove: (ids: string[]) => Promise<number>,
  log: (r: R, label: string, fields: AuditRecord["before"]) => void,
  kept: string[],
): Promise<number> {
  const going: R[] = [];
  for (const r of rows) {
    const why = keepWhy(r);
    if (why) kept.push(`${describe(r).label} (${what}): ${why}`);
    else going.push(r);
  }
  if (going.length === 0) return 0;
  if ((await remove(going.map((r) => r.id))) !== going.length) throw new RefusedError(CHANGED);
  for (const r of going) log(r, describe(r).label, describe(r).fields);
  return going.length;
}

export async function removeImportedRecords(tx: Tx, actor: AuditActor, importSet: number, undoSet: number): Promise<ImportUndone> {
  const made = await tx.auditEntry.findMany({ where: { changeSetId: importSet, action: "CREATED" }, select: { id: true, kind: true, recordId: true } });
  const removed = { classes: 0, students: 0, teachers: 0, terms: 0 };
  const kept: string[] = [];
  if (made.length === 0) return { removed, kept };
  // Changed since the import by anyone (a page, another import): kept, as it is now.
  const later = await tx.auditEntry.findMany({
    where: { recordId: { in: made.map((m) => m.recordId) }, id: { gt: Math.min(...made.map((m) => m.id)) }, OR: [{ changeSetId: null }, { changeSetId: { not: importSet } }] },
    select: { kind: true, recordId: true },
  });
  const changedSince = new Set(later.map((e) => `${e.kind} ${e.recordId}`));
  const ids = (kind: string) => made.filter((m) => m.kind === kind).map((m) => m.recordId);
  const records: AuditRecord[] = [];
  const logAs = (kind: AuditRecord["kind"]) => (r: { id: string }, label: string, fields: AuditRecord["before"]) =>
    records.push({ actor, via: "UNDO", kind, recordId: r.id, label, action: "DELETED", before: fields, after: null, changeSetId: undoSet, note: "made by the import that was undone" });
  const since = (kind: string, id: string) => (changedSince.has(`${kind} ${id}`) ? "changed since the import" : null);

  // Classes first: a teacher or a term can go only once its classes have.
  const classes = await tx.course.findMany({ where: { id: { in: ids("CLASS") } }, orderBy: { code: "asc" }, select: { id: true, _count: { select: { enrollments: true, waitlist: true } } } });
  const classFields = await classesForAudit(tx, classes.map((c) => c.id));
  removed.classes = await sweep(
    classes,
    "a class",
    (c) => classFields.get(c.id)!,
    (c) => since("CLASS", c.id) ?? (c._count.enrollments || c._count.waitlist ? "students were added to it since the import" : null),
    async (going) => (await tx.course.deleteMany({ where: { id: { in: going }, enrollments: { none: {} }, waitlist: { none: {} } } })).count,
    logAs("CLASS"),
    kept,
  );
  const students = await tx.student.findMany({
    where: { id: { in: ids("STUDENT") } },
    orderBy: [{ sortName: "asc" }, { id: "asc" }],
    select: { id: true, name: true, givenName: true, familyName: true, email: true, studentNumber: true, sourcedId: true, user: { select: { id: true } }, _count: { select: { enrollments: true, waitlist: true, notices: true } } },
  });
  removed.students = await sweep(
    students,
    "a student",
    (s) => ({ label: s.name, fields: { ...studentFields(s), sourcedId: s.sourcedId } }),
    (s) =>
      since("STUDENT", s.id) ??
      (s._count.enrollments || s._count.waitlist
        ? "enrolled in or waiting for a class since the import"
        : s.user
          ? "has signed in or been given a login since"
          : s._count.notices
            ? "has messages in their inbox"
            : null),
    async (going) => (await tx.student.deleteMany({ where: { id: { in: going }, enrollments: { none: {} }, waitlist: { none: {} }, user: null } })).count,
    logAs("STUDENT"),
    kept,
  );
  const teachers = await tx.teacher.findMany({
    where: { id: { in: ids("TEACHER") } },
    orderBy: [{ sortName: "asc" }, { id: "asc" }],
    select: { id: true, name: true, givenName: true, familyName: true, email: true, sourcedId: true, user: { select: { id: true } }, _count: { select: { courses: true } } },
  });
  removed.teachers = await sweep(
    teachers,
    "a teacher",
    (t) => ({ label: t.name, fields: { ...teacherFields(t), sourcedId: t.sourcedId } }),
    (t) => since("TEACHER", t.id) ?? (t._count.courses ? "teaches a class the import didn't make, or one kept" : t.user ? "has signed in or been given a login since" : null),
    async (going) => (await tx.teacher.deleteMany({ where: { id: { in: going }, courses: { none: {} }, user: null } })).count,
    logAs("TEACHER"),
    kept,
  );
  const terms = await tx.term.findMany({
    where: { id: { in: ids("TERM") } },
    orderBy: { name: "asc" },
    select: { id: true, name: true, startsOn: true, endsOn: true, sourcedId: true, _count: { select: { courses: true } } },
  });
  removed.terms = await sweep(
    terms,
    "a term",
    (t) => ({ label: t.name, fields: { ...termFields(t), sourcedId: t.sourcedId } }),
    (t) => since("TERM", t.id) ?? (t._count.courses ? "has classes the import didn't make, or ones kept" : null),
    async (going) => (await tx.term.deleteMany({ where: { id: { in: going }, courses: { none: {} } } })).count,
    logAs("TERM"),
    kept,
  );
  await recordChanges(tx, records);
  return { removed, kept };
}

/** An import's undo, after its enrollments: the records it made (removeImportedRecords), and the undo itself in the log, on the import. */
export async function undoImportRecords(tx: Tx, actor: AuditActor, importSet: number, undoSet: number): Promise<ImportUndone> {
  const records = await removeImportedRecords(tx, actor, importSet, undoSet);
  const job = await tx.importJob.findFirst({ where: { changeSetId: importSet }, select: { id: true, createdAt: true } });
  if (job) {
    const label = `Import of ${formatDateTime(job.createdAt)}`;
    await recordChange(tx, { actor, via: "UNDO", kind: "IMPORT", recordId: job.id, label, action: "UNDONE", before: null, after: null, note: importUndoneText(records), changeSetId: undoSet });
  }
  return records;
}

/** "Deleted what it made: 3 students, 1 class. Kept: …", for the undo's answer, its entry in the log and the import's page. */
export function importUndoneText({ removed, kept }: ImportUndone): string {
  const words: [number, string, string][] = [
    [removed.students, "student", "students"],
    [removed.teachers, "teacher", "teachers"],
    [removed.classes, "class", "classes"],
    [removed.terms, "term", "terms"],
  ];
  const gone = words.filter(([n]) => n > 0).map(([n, one, many]) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`);
  return [gone.length ? `Deleted what it made: ${gone.join(", ")}.` : "", kept.length ? `Kept, though the import made them: ${kept.join("; ")}.` : ""]
    .filter(Boolean)
    .join(" ");
}

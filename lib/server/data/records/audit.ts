import "server-only";
import type { Viewer } from "@/lib/server/authz";
import type { Tx } from "@/lib/server/data/sql";

/**
 * The audit log (docs/decisions/036): each change to a record other than an
 * enrollment, written by the step that makes it, in its transaction, with
 * who, when, through which path and each field's value before and after.
 * Enrollments keep their own events (EnrollmentEvent); a record's history
 * page shows both in one timeline (history.ts). Entries are never changed or
 * deleted: the database's triggers refuse it.
 *
 * Steps: these take a transaction and an actor from an entry point that has
 * checked who is asking.
 */

/** Through which path a change came. */
export type AuditVia = "PAGE" | "IMPORT" | "API" | "ROLLOVER" | "UNDO" | "COMMAND";
/** What kind of record changed. */
export type AuditKind = "CLASS" | "TERM" | "STUDENT" | "TEACHER" | "API_TOKEN";
export type AuditAction = "CREATED" | "UPDATED" | "DELETED" | "REVOKED" | "NEW_JOIN_CODE";
/** A field's value as it reads: text (a teacher's or term's name, times as words, a day as YYYY-MM-DD, a moment as ISO), a number, yes/no, or nothing. */
export type AuditValue = string | number | boolean | null;
export type AuditFields = Record<string, AuditValue>;
export type AuditChanges = Record<string, [before: AuditValue, after: AuditValue]>;

/** Who made a change: a user (as named then), or the server itself. */
export type AuditActor = { userId: string | null; name: string };
export const actorFor = (viewer: Pick<Viewer, "userId" | "name">): AuditActor => ({ userId: viewer.userId, name: viewer.name });

export type AuditRecord = {
  actor: AuditActor;
  via: AuditVia;
  kind: AuditKind;
  recordId: string;
  /** the record as it is called ("MATH-101 Algebra", "Ada Lovelace") */
  label: string;
  action: AuditAction;
  /** the fields before (null: it was made now) and after (null: it is gone now) */
  before: AuditFields | null;
  after: AuditFields | null;
  note?: string | null;
  changeSetId?: number | null;
  at?: Date;
};

/** The fields whose values differ, as [before, after]: every field of a record made or deleted, only the changed ones of an update. */
export function changesOf(before: AuditFields | null, after: AuditFields | null): AuditChanges {
  const changes: AuditChanges = {};
  for (const field of new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])) {
    const was = before?.[field] ?? null;
    const now = after?.[field] ?? null;
    if (was !== now) changes[field] = [was, now];
  }
  return changes;
}

function entryRow(record: AuditRecord, at: Date) {
  return {
    at: record.at ?? at,
    actorId: record.actor.userId,
    actorName: record.actor.name,
    via: record.via,
    kind: record.kind,
    recordId: record.recordId,
    label: record.label,
    action: record.action,
    changes: JSON.stringify(changesOf(record.before, record.after)),
    note: record.note ?? null,
    changeSetId: record.changeSetId ?? null,
  };
}

/**
 * Writes the entries of some changes in the transaction that makes them. An
 * update that changed nothing is no entry; every other action is, even with
 * no field to show (a revoked token).
 */
export async function recordChanges(tx: Tx, records: AuditRecord[]): Promise<void> {
  const at = new Date();
  const rows = records
    .filter((r) => r.action !== "UPDATED" || Object.keys(changesOf(r.before, r.after)).length > 0)
    .map((r) => entryRow(r, at));
  if (rows.length === 1) await tx.auditEntry.create({ data: rows[0]!, select: { id: true } });
  else if (rows.length) await tx.auditEntry.createMany({ data: rows });
}

export function recordChange(tx: Tx, record: AuditRecord): Promise<void> {
  return recordChanges(tx, [record]);
}

/** A day (a term's first or last) as it reads in the log: 2026-09-01. */
export function auditDay(date: Date | null): string | null {
  if (!date) return null;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A moment (a window's opening) as it reads in the log: ISO, UTC. */
export function auditMoment(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}

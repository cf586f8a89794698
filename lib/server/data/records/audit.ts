import "server-only";
import { requireAdmin, type Viewer } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import { auditChanges, auditWhat, type AuditChange, type AuditKind } from "@/lib/audit-text";
import { endOfDay, parseDay } from "@/lib/format-date";
import { pageOf, pageWindow, type Page } from "@/lib/server/data/paging";
import type { Prisma } from "@/lib/generated/sqlite/client";
import type { Tx } from "@/lib/server/data/sql";

/**
 * The audit log (docs/decisions/036): each change to a record other than an
 * enrollment, written by the step that makes it, in its transaction, with
 * who, when, through which path and each field's value before and after.
 * Enrollments keep their own events (EnrollmentEvent); a record's history
 * page shows both in one timeline (history.ts). Entries are never changed or
 * deleted: the database's triggers refuse it.
 *
 * Steps: recordChange(s) take a transaction and an actor from an entry
 * point that has checked who is asking. Entry points: listAuditEntries,
 * auditEntriesForCsv and listAuditActors (admins only).
 */

/** Through which path a change came. */
export type AuditVia = "PAGE" | "IMPORT" | "API" | "ROLLOVER" | "UNDO" | "COMMAND";
/** What kind of record changed (the list is audit-text.ts's, which names them). */
export type { AuditKind };
export type AuditAction = "CREATED" | "UPDATED" | "DELETED" | "REVOKED" | "NEW_JOIN_CODE" | "UNDONE" | "LINKED" | "UNLINKED" | "REFUSED" | "HOLD_PLACED" | "HOLD_LIFTED";
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

/** A moment (a window's opening) as it reads in the log: ISO, UTC. */
export function auditMoment(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}

/** A change to a record as a line of a timeline or of the audit page: its fields before and after. */
export type RecordChangeEntry = {
  id: number;
  at: Date;
  kind: string;
  action: string;
  recordId: string;
  /** the record as it was called then */
  label: string;
  /** "Class changed", "Student made" */
  what: string;
  /** as they were named then */
  who: string;
  via: string;
  note: string | null;
  changes: AuditChange[];
};

type EntryRow = { id: number; at: Date; kind: string; action: string; recordId: string; label: string; actorName: string; via: string; note: string | null; changes: string };

export function recordChangeEntry(a: EntryRow): RecordChangeEntry {
  return {
    id: a.id,
    at: a.at,
    kind: a.kind,
    action: a.action,
    recordId: a.recordId,
    label: a.label,
    what: auditWhat(a.kind, a.action),
    who: a.actorName,
    via: a.via,
    note: a.note,
    changes: auditChanges(a.changes),
  };
}

/** The audit page's filters, from its address: who (a user's id), what kind of record, which record, and the days from and to (YYYY-MM-DD). */
export type AuditFilters = { who: string; kind: string; record: string; from: string; to: string };

export function parseAuditFilters(params: Record<string, string | string[] | undefined>): AuditFilters {
  const text = (name: string, pattern: RegExp) => {
    const v = params[name];
    return typeof v === "string" && pattern.test(v) ? v : "";
  };
  return {
    who: text("who", /^[A-Za-z0-9_-]{1,64}$/),
    kind: text("kind", /^[A-Z_]{1,32}$/),
    record: text("record", /^[A-Za-z0-9_-]{1,64}$/),
    from: text("from", /^\d{4}-\d{2}-\d{2}$/),
    to: text("to", /^\d{4}-\d{2}-\d{2}$/),
  };
}

function auditWhere(f: AuditFilters): Prisma.AuditEntryWhereInput {
  const from = f.from ? parseDay(f.from) : null;
  const to = f.to ? endOfDay(f.to) : null;
  return {
    ...(f.who ? { actorId: f.who } : {}),
    ...(f.kind ? { kind: f.kind } : {}),
    ...(f.record ? { recordId: f.record } : {}),
    ...(from || to ? { at: { ...(from ? { gte: from } : {}), ...(to ? { lte: to } : {}) } } : {}),
  };
}

export const AUDIT_PAGE_SIZE = 50;

/** The audit log, newest first, filtered and paged: two statements. */
export async function listAuditEntries(viewer: Viewer | null, filters: AuditFilters, page: number): Promise<Page<RecordChangeEntry>> {
  requireAdmin(viewer);
  const where = auditWhere(filters);
  const total = await db.auditEntry.count({ where });
  const w = pageWindow(page, total, AUDIT_PAGE_SIZE);
  const rows = await db.auditEntry.findMany({ where, orderBy: { id: "desc" }, skip: w.skip, take: w.take });
  return pageOf(rows.map(recordChangeEntry), total, w);
}

/** The most entries one CSV holds: narrow the filters for more. */
export const AUDIT_CSV_LIMIT = 100_000;

/** The audit log as the CSV has it: every entry the filters match, newest first, up to AUDIT_CSV_LIMIT (and whether there were more). */
export async function auditEntriesForCsv(viewer: Viewer | null, filters: AuditFilters): Promise<{ rows: RecordChangeEntry[]; more: boolean }> {
  requireAdmin(viewer);
  const rows = await db.auditEntry.findMany({ where: auditWhere(filters), orderBy: { id: "desc" }, take: AUDIT_CSV_LIMIT + 1 });
  return { rows: rows.slice(0, AUDIT_CSV_LIMIT).map(recordChangeEntry), more: rows.length > AUDIT_CSV_LIMIT };
}

/** Who can be chosen in the "who" filter: the school's admins, and anyone else the log names. */
export async function listAuditActors(viewer: Viewer | null): Promise<{ id: string; name: string }[]> {
  requireAdmin(viewer);
  return db.user.findMany({ where: { role: "ADMIN" }, orderBy: { name: "asc" }, select: { id: true, name: true } });
}

import "server-only";
import type { Viewer } from "@/lib/server/authz";
import { ahead, asNumber, get, type Txn } from "@/lib/server/data/sql";
import type { ChangeSetKind, EnrollmentSource } from "@/lib/generated/sqlite/client";

/**
 * Who makes an enrollment change, and the change set it belongs to: the one
 * actor type every path of the enrollment core takes (a tick, a Save, the
 * API, an import, an undo, a class's deletion). A step of the core takes ids
 * from a caller that has checked who is asking (decision 002).
 */

/** Who acts (their name tells a student who changed their classes) and how: the events' and enrollments' source. */
export type Actor = { userId: string; name: string; source: EnrollmentSource };

/**
 * What every step of a change knows: who, when, and which change set an undo
 * reverses (null: none). `changeSetSent`: the change set's row goes with the
 * next request (a single tick's), its id known only once that has come back.
 */
export type Change = { actor: Actor; at: Date; changeSetId: number | null; changeSetSent?: () => boolean };

export type Link = { studentId: string; courseId: string };
export type EnrollmentChange = Link & { enrolled: boolean };
/** What a change set did: enrollments added and removed; and, an import's, how many records (students, classes...) it made. */
export type ChangeSummary = { added: number; removed: number; made?: number };

/** The signed-in viewer acting through a path: "ADMIN" (pages), "API", "SELF" (a student's own), "IMPORT". */
export function actorOf(viewer: Pick<Viewer, "userId" | "name">, source: EnrollmentSource): Actor {
  return { userId: viewer.userId, name: viewer.name, source };
}

/** "+3 −1": what a change set did, for its history line and its Undo button. */
export function summaryText({ added, removed, made = 0 }: ChangeSummary): string {
  const records = made ? `${made} ${made === 1 ? "record" : "records"} made` : "";
  return [[added ? `+${added}` : "", removed ? `−${removed}` : ""].filter(Boolean).join(" "), records].filter(Boolean).join(", ") || "no change";
}

/**
 * Opens a change set (an undo reverses it whole) and answers the change its
 * steps share. `ahead`: its id is needed only once the first step has read
 * (a single tick: seats.ts's last change), so on PostgreSQL its row goes
 * with that read instead of a round trip of its own.
 */
export function* openChangeSet(actor: Actor, kind: ChangeSetKind, summary: ChangeSummary | null, at: Date, opts: { ahead?: boolean } = {}): Txn<Change> {
  const sql = `INSERT INTO "ChangeSet" ("kind", "actorId", "summary", "createdAt") VALUES ($1::"ChangeSetKind", $2, $3, $4::timestamp(3)) RETURNING "id"`;
  const params = [kind, actor.userId, summary ? summaryText(summary) : "", at];
  if (!opts.ahead) {
    const row = yield* get<{ id: unknown }>(sql, ...params);
    return { actor, at, changeSetId: asNumber(row!.id) };
  }
  const row = yield* ahead<{ id: unknown }>(sql, ...params);
  return {
    actor,
    at,
    get changeSetId() {
      return asNumber(row.row!.id);
    },
    changeSetSent: () => !row.ready,
  };
}

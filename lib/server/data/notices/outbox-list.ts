import "server-only";
import { requireAdmin, type Viewer } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import { pageOf, pageWindow, type Page } from "@/lib/server/data/paging";
import { ok, type Result } from "@/lib/server/data/result";
import type { OutboxState } from "@/lib/generated/sqlite/client";

/** The outbox, as admins see it. Entry points: each checks the viewer is an admin. */

export type OutboxRow = {
  id: number;
  toAddress: string;
  toName: string;
  subject: string;
  body: string;
  state: OutboxState;
  createdAt: Date;
  dueAt: Date;
  attempts: number;
  sentAt: Date | null;
  lastError: string | null;
};
export const OUTBOX_STATES = ["WAITING", "SENT", "FAILED"] as const;

/** The outbox, newest first, filtered by state, with the count in each state. */
export async function listOutbox(
  viewer: Viewer | null,
  opts: { state: OutboxState | null; page: number },
): Promise<Page<OutboxRow> & { counts: Record<OutboxState, number> }> {
  requireAdmin(viewer);
  const where = opts.state ? { state: opts.state } : {};
  const groups = await db.outboxEmail.groupBy({ by: ["state"], _count: { _all: true } });
  const counts = { WAITING: 0, SENT: 0, FAILED: 0 } as Record<OutboxState, number>;
  for (const g of groups) counts[g.state] = g._count._all;
  const total = opts.state ? counts[opts.state] : counts.WAITING + counts.SENT + counts.FAILED;
  const w = pageWindow(opts.page, total);
  const rows = await db.outboxEmail.findMany({ where, orderBy: { id: "desc" }, skip: w.skip, take: w.take });
  return { ...pageOf(rows, total, w), counts };
}

/** Sends a given-up email again: back to waiting, due now, its attempts counted afresh. */
export async function retryEmail(viewer: Viewer | null, id: number, at = new Date()): Promise<Result<{ id: number }>> {
  requireAdmin(viewer);
  const { count } = await db.outboxEmail.updateMany({ where: { id, state: "FAILED" }, data: { state: "WAITING", dueAt: at, attempts: 0 } });
  return count ? ok({ id }) : { ok: false, message: "That email is no longer waiting to be retried." };
}

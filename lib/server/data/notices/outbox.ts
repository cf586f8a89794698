import "server-only";
import { dialect } from "@/lib/server/data/dialect";
import { asNumber, get, run, transact } from "@/lib/server/data/sql";

/**
 * The outbox's side of sending (docs/decisions/026), for the mailer
 * (lib/server/mailer.ts): take the next email that is due, then record how
 * its sending went. Taking an email moves its `dueAt` a lease ahead: no other
 * worker takes it meanwhile, and if this one dies before it records the
 * outcome, the email is due again once the lease has run out (so a crash
 * loses nothing). Each is one short transaction.
 */

export type Claimed = { id: number; toAddress: string; toName: string; subject: string; body: string; attempts: number };

// Workers pass over a row another is taking this instant (dialect.ts; SQLite's writes queue already).
const skipLocked = () => dialect().forUpdateSkipLocked;

/** The next due email, held for `leaseMs`, or null when none is due. */
export async function claimNextEmail(now: Date, leaseMs: number): Promise<Claimed | null> {
  const row = await transact(() =>
    get(
      `UPDATE "OutboxEmail" SET "attempts" = "attempts" + 1, "dueAt" = $2::timestamp(3)
       WHERE "id" = (SELECT "id" FROM "OutboxEmail" WHERE "state" = 'WAITING' AND "dueAt" <= $1::timestamp(3) ORDER BY "dueAt", "id" LIMIT 1${skipLocked()})
         AND "state" = 'WAITING' AND "dueAt" <= $1::timestamp(3)
       RETURNING "id", "toAddress", "toName", "subject", "body", "attempts"`,
      now,
      new Date(now.getTime() + leaseMs),
    ),
  );
  if (!row) return null;
  return {
    id: asNumber(row.id),
    toAddress: String(row.toAddress),
    toName: String(row.toName),
    subject: String(row.subject),
    body: String(row.body),
    attempts: asNumber(row.attempts),
  };
}

/** The mail server took it. */
export async function recordSent(id: number, at: Date): Promise<void> {
  await transact(() => run(`UPDATE "OutboxEmail" SET "state" = 'SENT', "sentAt" = $2::timestamp(3), "lastError" = NULL WHERE "id" = $1`, id, at));
}

/** It wasn't sent: tried again at `retryAt`, or (null) given up. */
export async function recordFailure(id: number, error: string, retryAt: Date | null): Promise<void> {
  await transact(() =>
    retryAt
      ? run(`UPDATE "OutboxEmail" SET "dueAt" = $2::timestamp(3), "lastError" = $3 WHERE "id" = $1`, id, retryAt, error)
      : run(`UPDATE "OutboxEmail" SET "state" = 'FAILED', "lastError" = $2 WHERE "id" = $1`, id, error),
  );
}

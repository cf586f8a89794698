import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { db, readRow } from "@/lib/server/db";
import { portableText } from "@/lib/server/data/dialect";

/**
 * What a request's work was decided on, to be confirmed by the database
 * before anything the work did stands (decision 032): for a browser's write,
 * the viewer its session was last read as (browser-api.ts). One statement,
 * which answers a row while the proviso holds.
 *
 * The first write transaction the work runs (sql.ts, `transact`) sends the
 * statement with its first request, in front of its own statements (if
 * that request takes the COMMIT too, the statement goes as a `must`, so
 * PostgreSQL stops before the COMMIT) and checks the answer before the body
 * reads anything: when it doesn't hold, the transaction is rolled back,
 * nothing of it kept, and `ProvisoFailed` is thrown for the caller to start
 * again on a fresh read. Work that never ran a write transaction (a
 * refusal, say) is confirmed afterwards, on its own (`confirmed`). Inside a
 * Prisma transaction (`transaction`, sql.ts) it is confirmed first, on its
 * own.
 */
type Row = Record<string, unknown>;

/** A statement that answers a row while the proviso holds, and none once it doesn't. */
export type Proviso = {
  sql: string;
  params: unknown[];
  state: "pending" | "held" | "failed";
};

export class ProvisoFailed extends Error {
  constructor() {
    super("What the request was decided on no longer holds: it starts again.");
    this.name = "ProvisoFailed";
  }
}

const provisos = new AsyncLocalStorage<Proviso>();

/** Runs `work` under `proviso`: its first write transaction confirms it. */
export function underProviso<T>(proviso: Proviso, work: () => Promise<T>): Promise<T> {
  return provisos.run(proviso, work);
}

/** The proviso the running work is under and has not confirmed yet, if any. */
export function pendingProviso(): Proviso | undefined {
  const proviso = provisos.getStore();
  return proviso?.state === "pending" ? proviso : undefined;
}

/** Settles a proviso on the answer to its statement; throws ProvisoFailed when it doesn't hold. */
export function settle(proviso: Proviso, row: Row | undefined): void {
  proviso.state = row ? "held" : "failed";
  if (proviso.state === "failed") throw new ProvisoFailed();
}

/** Whether a proviso holds: settled already, or asked now on its own (one statement). */
export async function confirmed(proviso: Proviso): Promise<boolean> {
  if (proviso.state === "pending") {
    try {
      settle(proviso, await readRow(db, portableText(proviso.sql), proviso.params));
    } catch (error) {
      if (!(error instanceof ProvisoFailed)) throw error;
    }
  }
  return proviso.state === "held";
}

/** Before work that can't carry the proviso (a Prisma transaction): confirmed on its own, or ProvisoFailed. */
export async function confirmFirst(): Promise<void> {
  const proviso = pendingProviso();
  if (proviso && !(await confirmed(proviso))) throw new ProvisoFailed();
}

import "server-only";
import type { PgConnection, PgResult } from "@/lib/server/db";

/**
 * One-request transactions of the same kind, committed together
 * (PostgreSQL; decision 033). A tick decided on what the process last saw
 * is one request: BEGIN, its writes, COMMIT (sql.ts). On registration day
 * many of them are for one class at once, and each waits in PostgreSQL for
 * the one before to let go of the class's row: a process wake-up, a
 * re-check of the row, a COMMIT and its flush to disk each. Here, while one
 * such request of a key (the class) is on its way, the next ones from this
 * process wait in a queue, and then go as one transaction: BEGIN, each
 * one's writes in the order they came, COMMIT. Each still reads its own
 * answers (the counts after its own seat, as if it had run alone after the
 * ones before it).
 *
 * Nothing waits on a timer: a request alone goes at once, and a queue forms
 * only behind one already on its way. If anything in the shared
 * transaction fails (one of its writes no longer holds: the class filled,
 * a session ended), all of it is rolled back and each request is sent again
 * on its own, as it would have been without this, on its own connection,
 * where the one that failed fails again and is answered as always.
 */

/** A request to go with the others of its key: its items (BEGIN first, COMMIT last) and how to send it on its own. */
type Member = {
  items: Items;
  alone: (items: Items) => Promise<PgResult[]>;
  resolve: (results: PgResult[]) => void;
  reject: (error: unknown) => void;
};
type Items = Parameters<PgConnection["send"]>[0];

/** At most this many requests share a transaction (a request of a tick is ~15 statements). */
const MOST = 16;

/** Per pool, per key: the requests waiting behind the one on its way. */
const queues = new WeakMap<object, Map<string, Member[]>>();

/**
 * Sends `items` (one whole transaction: "BEGIN", statements, "COMMIT"),
 * together with the others of `key` waiting behind one on its way, or alone
 * (`alone`). Its results, one per item, as `alone` would answer them.
 */
export function sendTogether(pool: { connect(): Promise<PgConnection> }, key: string, items: Items, alone: Member["alone"]): Promise<PgResult[]> {
  if (items[0] !== "BEGIN" || items.at(-1) !== "COMMIT") return alone(items);
  let byKey = queues.get(pool);
  if (!byKey) queues.set(pool, (byKey = new Map()));
  const queue = byKey.get(key);
  return new Promise((resolve, reject) => {
    const member = { items, alone, resolve, reject };
    if (queue) queue.push(member);
    else {
      const fresh = [member];
      byKey.set(key, fresh);
      void drain(pool, byKey, key, fresh);
    }
  });
}

/** Sends the queue's requests, as many as wait each time, until none is left. */
async function drain(pool: { connect(): Promise<PgConnection> }, byKey: Map<string, Member[]>, key: string, queue: Member[]) {
  try {
    while (queue.length) {
      const members = queue.splice(0, MOST);
      await (members.length === 1 ? sendAlone(members[0]!) : sendShared(pool, members));
    }
  } finally {
    byKey.delete(key);
  }
}

async function sendAlone(member: Member) {
  try {
    member.resolve(await member.alone(member.items));
  } catch (error) {
    member.reject(error);
  }
}

/** One transaction for all of them; if PostgreSQL refuses any of it, each on its own. */
async function sendShared(pool: { connect(): Promise<PgConnection> }, members: Member[]) {
  let connection: PgConnection;
  try {
    connection = await pool.connect();
  } catch (error) {
    for (const member of members) member.reject(error); // the pool's wait ran out, as it would have for each
    return;
  }
  let healthy = true;
  let refused = false;
  try {
    const inner = members.map((m) => m.items.slice(1, -1));
    const answers = await connection.send(["BEGIN", ...inner.flat(), "COMMIT"]);
    let at = 1;
    for (const [i, member] of members.entries()) {
      member.resolve([answers[0]!, ...answers.slice(at, at + inner[i]!.length), answers.at(-1)!]);
      at += inner[i]!.length;
    }
  } catch (error) {
    // PostgreSQL answered with an error: the transaction is rolled back, nothing of it kept, and each is sent again
    // on its own. Any other failure (the connection lost) may have come after the COMMIT: each is told, as alone.
    refused = typeof (error as { code?: unknown }).code === "string" && /^[0-9A-Z]{5}$/.test((error as { code: string }).code);
    if (refused) await connection.simple("ROLLBACK").catch(() => (healthy = false));
    else for (const member of members) member.reject(error);
    healthy &&= refused;
  } finally {
    connection.release(!healthy);
  }
  if (refused) await Promise.all(members.map(sendAlone));
}

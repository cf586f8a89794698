import "server-only";
import { db, highestPlaceholder, rawConnection, sqlCounter, transactionConnection, withTransactionConnection, type PgConnection, type RawConnection } from "@/lib/server/db";
import { dialect, sqliteText } from "@/lib/server/data/dialect";
import { confirmFirst, pendingProviso, ProvisoFailed, settle, type Proviso } from "@/lib/server/data/proviso";
import { isUniqueViolation, refusable, RefusedError, type Result } from "@/lib/server/data/result";
import { sendTogether } from "@/lib/server/data/together";

/**
 * Short write transactions below Prisma's query builder, for the writes
 * registration day is made of (a tick, a waitlist join): each is a handful
 * of prepared statements in one transaction (docs/decisions/010).
 *
 * A transaction's body is written once, as a generator that yields its
 * statements (`yield* get(...)`); this module runs it on either database:
 * - SQLite: synchronously, inside BEGIN IMMEDIATE ... COMMIT on Prisma's own
 *   connection, so nothing else in the process can run in between (and no
 *   other process can write meanwhile). It waits while a Prisma transaction
 *   is open on that connection.
 * - PostgreSQL: on a connection from Prisma's pool, with named statements
 *   (parsed and planned once per connection), in batches (decision 030);
 *   the body's last batch may take the COMMIT with it, its `must`
 *   statements then checked by PostgreSQL itself (decision 031).
 * SQL is written once for both (dialect.ts decides the differences).
 * Dates are passed as Date and read back with `asDate`.
 */

export type Row = Record<string, unknown>;
/**
 * What a statement answers: one row, every row, how many rows it changed,
 * nothing anyone reads ("later"), or one row it must answer ("must": a
 * write whose row is its guarantee, the seat a conditional update took).
 */
type Mode = "get" | "all" | "run" | "later" | "must" | "ahead";
export type Statement = { sql: string; params: unknown[]; mode: Mode };
/**
 * Statements sent together (`batch`); `commit`: the transaction's last, its
 * COMMIT may go with it; `together`: a key (the class) under which a
 * transaction that is this one request may share its COMMIT with others
 * from this process (together.ts).
 */
export type Batch = { batch: Statement[]; commit?: boolean; together?: string };
/** A transaction body: yields statements, gets their results back, returns its answer. */
export type Txn<T> = Generator<Statement | Batch, T, unknown>;

/** A statement to put in a batch: `statement.get(sql, ...params)`. */
export const statement = {
  get: (sql: string, ...params: unknown[]): Statement => ({ sql, params, mode: "get" }),
  all: (sql: string, ...params: unknown[]): Statement => ({ sql, params, mode: "all" }),
  run: (sql: string, ...params: unknown[]): Statement => ({ sql, params, mode: "run" }),
  /**
   * A write that must answer a row (its RETURNING): when it answers none
   * (the class filled up, the row is gone), the batch stops there and the
   * body gets `Unmet`, to read why and refuse.
   */
  must: (sql: string, ...params: unknown[]): Statement => ({ sql, params, mode: "must" }),
};

/**
 * A `must` statement of a batch answered no row: thrown into the body at
 * its batch (`index`: the statement's place in it), with nothing after it
 * kept. The body reads why and refuses; it can't go on writing. After a
 * batch sent with its COMMIT (PostgreSQL), the transaction is already
 * rolled back: the reads that say why run on their own.
 */
export class Unmet extends Error {
  constructor(
    readonly index: number,
    /** what the batch's statements answered, where they ran and the transaction still holds them (not after its COMMIT was stopped) */
    readonly answers: unknown[] = [],
  ) {
    super(`Statement ${index} of the batch answered no row.`);
    this.name = "Unmet";
  }
}

/**
 * Thrown by a body whose read has changed before its writes could hold (a
 * student joined a waitlist between a drop's read and its writes): nothing
 * was written, and `transact` runs the body again, from its reads.
 */
export class Retry extends Error {
  constructor() {
    super("What the change was decided on changed meanwhile: run it again.");
    this.name = "Retry";
  }
}

/**
 * Statements sent at once, each still seeing the ones before it (they run
 * in order, as if yielded one by one); their results in order. On
 * PostgreSQL they go in one round trip, so a body that knows its next
 * statements before reading the answers (a seat: the count, the row, the
 * event, off the waitlist; refusals read afterwards, rolling all back)
 * costs one round trip for all of them.
 */
export function* batch(statements: Statement[], opts: { commit?: boolean; together?: string } = {}): Generator<Batch, unknown[], unknown> {
  return (yield { batch: statements, commit: opts.commit, together: opts.together }) as unknown[];
}

/**
 * A statement whose answer nobody reads (a notice, a note added to an
 * event): on PostgreSQL it waits to go with the next statement sent, or
 * with the COMMIT, saving a round trip; on SQLite it runs at once.
 */
export function* later(sql: string, ...params: unknown[]): Generator<Statement, void, unknown> {
  yield { sql, params, mode: "later" };
}

/** An answer that comes with the body's next request (`ahead`): `ready` once it has. */
export type Ahead<R> = { readonly row: R | undefined; readonly ready: boolean };

/**
 * A statement whose answer the body needs only after its next request (a
 * change set's id, for the events of a tick decided on its first read): on
 * PostgreSQL it goes in front of that request, saving a round trip; on
 * SQLite it runs at once. Reading `row` before then throws.
 */
export function* ahead<R extends Row = Row>(sql: string, ...params: unknown[]): Generator<Statement, Ahead<R>, unknown> {
  return (yield { sql, params, mode: "ahead" }) as Ahead<R>;
}

/** One row (or undefined). */
export function* get<R extends Row = Row>(sql: string, ...params: unknown[]): Generator<Statement, R | undefined, unknown> {
  return (yield { sql, params, mode: "get" }) as R | undefined;
}

/** Every row. */
export function* all<R extends Row = Row>(sql: string, ...params: unknown[]): Generator<Statement, R[], unknown> {
  return (yield { sql, params, mode: "all" }) as R[];
}

/** A statement without rows: how many rows it changed. */
export function* run(sql: string, ...params: unknown[]): Generator<Statement, number, unknown> {
  return (yield { sql, params, mode: "run" }) as number;
}

/** Appended to a SELECT that must lock its rows until the transaction ends (dialect.ts). */
export function forUpdate(): string {
  return dialect().forUpdate;
}

/** A timestamp column as read back: ISO text with an offset (SQLite), or UTC text without one (PostgreSQL). */
export function asDate(value: unknown): Date {
  if (value instanceof Date) return value;
  const text = String(value);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(" ", "T")}Z`);
}

/** A nullable timestamp column. */
export function asDateOrNull(value: unknown): Date | null {
  return value === null || value === undefined ? null : asDate(value);
}

/** A count or id as a number (PostgreSQL's COUNT is a bigint, read as text). */
export function asNumber(value: unknown): number {
  return Number(value);
}

/** A nullable number column (a capacity). */
export function asNumberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/** A boolean column or expression: true/false on PostgreSQL, 1/0 on SQLite. */
export function asBoolean(value: unknown): boolean {
  return value === true || Number(value) === 1;
}

/**
 * Runs `body` in one short write transaction and returns its answer. A
 * thrown error (a RefusedError for an expected refusal) rolls everything
 * back and is rethrown.
 */
export async function transact<T>(body: () => Txn<T>): Promise<T> {
  const connection = await rawConnection(db).ready();
  for (let attempt = 1; ; attempt++) {
    try {
      return await (connection.kind === "sqlite" ? transactSqlite(connection, body) : transactPostgres(connection, body));
    } catch (error) {
      if (error instanceof Retry && attempt < 3) continue;
      if (isBusy(error) || error instanceof Retry) throw new BusyError();
      throw error;
    }
  }
}

/** Refused because the database stayed busy too long: nothing was written, and trying again is safe. */
export class BusyError extends RefusedError {
  readonly code = "busy";
  constructor() {
    super("The school's server is very busy right now: nothing was saved. Try again in a moment.");
  }
}

/**
 * A lock or connection wait that ran out, from the driver or from Prisma:
 * SQLite's busy timeout, PostgreSQL's lock_timeout (55P03) or a deadlock it broke (40P01), the pool's wait,
 * or Prisma's wait to start a transaction (P2028). Nothing was written.
 */
export function isBusy(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    code === "SQLITE_BUSY" ||
    code === "55P03" ||
    // A deadlock PostgreSQL broke by rolling this transaction back (a student's clash check locks their row
    // after the class's; an admin's edit of the student locks them the other way round).
    code === "40P01" ||
    code === "P2028" ||
    (typeof message === "string" && /timeout exceeded when trying to connect|lock timeout|SQLITE_BUSY|database is locked/i.test(message))
  );
}

const SQLITE_WRITE_WAIT_MS = 10_000;

/**
 * Takes SQLite's write lock for this process's next transaction. While
 * another process holds it (or a Prisma transaction is open on this
 * connection, between its awaits), waits without blocking the event loop:
 * first at the next turn of the loop, then in short, growing sleeps. SQLite's
 * own busy timeout would sleep synchronously (1 ms, then 2, 5, ...), stalling
 * every request this process serves, where a tick holds the lock ~0.1 ms.
 */
async function beginImmediate(connection: Extract<RawConnection, { kind: "sqlite" }>) {
  const deadline = Date.now() + SQLITE_WRITE_WAIT_MS;
  for (let attempt = 0; ; attempt++) {
    if (!connection.inTransaction() && connection.tryBeginImmediate()) return;
    if (Date.now() > deadline) throw Object.assign(new Error("SQLITE_BUSY: database is locked"), { code: "SQLITE_BUSY" });
    await (attempt < 20 ? new Promise((resolve) => setImmediate(resolve)) : new Promise((resolve) => setTimeout(resolve, Math.min(attempt - 19, 10))));
  }
}

async function transactSqlite<T>(connection: Extract<RawConnection, { kind: "sqlite" }>, body: () => Txn<T>): Promise<T> {
  await beginImmediate(connection);
  sqlCounter.count += 2; // BEGIN and COMMIT (or ROLLBACK)
  try {
    const proviso = pendingProviso();
    if (proviso) {
      sqlCounter.count++;
      settle(proviso, connection.execute({ sql: sqliteText(proviso.sql), params: proviso.params, mode: "get" }) as Row | undefined);
    }
    const value = stepSqlite(connection, body);
    connection.exec("COMMIT");
    return value;
  } catch (error) {
    connection.exec("ROLLBACK");
    throw error;
  }
}

/** Runs a body's statements on SQLite's connection, inside a transaction its caller holds, without awaiting: its answer. */
function stepSqlite<T>(connection: Extract<RawConnection, { kind: "sqlite" }>, body: () => Txn<T>): T {
  const txn = body();
  let step = txn.next();
  let committed = false; // the COMMIT still comes once the body is done: the rule is PostgreSQL's, kept here too
  while (!step.done) {
    if (committed) throw new Error("Nothing can follow the batch sent with the COMMIT.");
    let result: unknown;
    try {
      result = runSqlite(connection, step.value);
    } catch (error) {
      step = txn.throw(error); // the body may catch it (e.g. a unique violation) and go on or refuse
      continue;
    }
    committed = "batch" in step.value && step.value.commit === true;
    step = txn.next(result);
  }
  return step.value;
}

/** A statement, or a batch one after another, on SQLite's connection: what the body reads back. */
function runSqlite(connection: Extract<RawConnection, { kind: "sqlite" }>, request: Statement | Batch): unknown {
  const answers: unknown[] = [];
  for (const s of "batch" in request ? request.batch : [request]) {
    sqlCounter.count++;
    const mode = s.mode === "later" ? "run" : s.mode === "must" || s.mode === "ahead" ? "get" : s.mode;
    const result = connection.execute({ sql: sqliteText(s.sql), params: s.params, mode });
    // Stops here: nothing after it runs.
    if (s.mode === "must" && result === undefined) throw new Unmet(answers.length, answers);
    answers.push(s.mode === "later" ? undefined : s.mode === "ahead" ? { row: result, ready: true } : result);
  }
  return "batch" in request ? answers : answers[0];
}

// The same stepping through the body as transactSqlite, with awaits (the
// SQLite one must not await: nothing else may run inside its transaction).
// Round trips are what a transaction costs here: BEGIN and every "later"
// statement wait to go with the next statement the body reads, a batch goes
// as one, and the COMMIT goes with the body's last batch (marked `commit`)
// or, if it had none, on its own with whatever is still waiting (the simple
// protocol: each statement prepared once per connection and run by EXECUTE
// with its values as literals, db.ts).
async function transactPostgres<T>(connection: Extract<RawConnection, { kind: "postgres" }>, body: () => Txn<T>): Promise<T> {
  // A connection of its own once it sends alone (a transaction that is one request may go with others, together.ts).
  let own: PgConnection | undefined;
  const mine = async () => (own ??= await connection.connect());
  const client: Pick<PgConnection, "send" | "simple"> = {
    send: async (items) => (await mine()).send(items),
    simple: async (sql) => (await mine()).simple(sql),
  };
  let healthy = true;
  const tx: PgTransaction = { waiting: ["BEGIN"], mayCommit: true, state: "open", proviso: pendingProviso(), pool: connection };
  sqlCounter.count += 2;
  try {
    const value = await stepPostgres(client, body, tx);
    if (tx.state === "refused") throw new Error("A write stopped by an unmet statement must refuse.");
    // The COMMIT with whatever still waits (and the proviso, for a body that sent nothing).
    if (tx.state === "open") await stepPostgres(client, commitOnly, tx);
    return value;
  } catch (error) {
    // Nothing sent yet (a refusal before the first statement), or already committed: nothing to roll back.
    const rollback = tx.state === "open" ? tx.waiting[0] !== "BEGIN" : tx.state === "refused" && tx.waiting[0] === "ROLLBACK";
    if (rollback) {
      await client.simple("ROLLBACK").catch(() => {
        healthy = false;
      });
    }
    throw error;
  } finally {
    own?.release(!healthy);
  }
}

function* commitOnly(): Txn<void> {
  yield* batch([], { commit: true });
}

/** What waits to go with the next request: BEGIN, ROLLBACK, statements nobody reads ("later"), and those read after it ("ahead", `fill`). */
type Waiting = string | { sql: string; params: unknown[]; fill?: (row: Row | undefined) => void };

/** Sends what waits, then `items`: the answers to `items`; each "ahead" statement among those waiting gets its row. */
async function sendAfterWaiting(client: Pick<PgConnection, "send">, tx: PgTransaction, items: Waiting[], together?: string) {
  const before = tx.waiting.splice(0);
  const all = [...before, ...items];
  const results = together && tx.pool ? await sendTogether(tx.pool, together, all, (alone) => client.send(alone)) : await client.send(all);
  before.forEach((w, i) => typeof w !== "string" && w.fill?.(results[i]!.rows[0]));
  return results.slice(before.length);
}

/** An "ahead" statement's answer on PostgreSQL: filled when the request it went with comes back. */
function aheadOf(s: Statement, tx: PgTransaction): Ahead<Row> {
  let filled = false;
  let value: Row | undefined;
  tx.waiting.push({ sql: s.sql, params: s.params, fill: (row) => ((filled = true), (value = row)) });
  return {
    get row() {
      if (!filled) throw new Error("An answer sent ahead is read only after the next request.");
      return value;
    },
    get ready() {
      return filled;
    },
  };
}

/** A PostgreSQL transaction as its body runs. */
type PgTransaction = {
  waiting: Waiting[];
  /** a batch marked `commit` takes the COMMIT with it (transact); not in a caller's transaction (within) */
  mayCommit: boolean;
  /** committed: a batch took the COMMIT; refused: a batch sent with it stopped at an unmet statement, and was rolled back */
  state: "open" | "committed" | "refused";
  /** what the request's work was decided on, sent with the first request (proviso.ts): no COMMIT goes before it is answered */
  proviso?: Proviso;
  /** where a transaction that is one request may go with others (together.ts); not in a caller's transaction */
  pool?: { connect(): Promise<PgConnection> };
};

/**
 * Runs a body's statements over one PostgreSQL connection, inside a
 * transaction its caller opened: a batch goes as one request, with whatever
 * waits in front of it; "later" statements join `waiting`, which the caller
 * sends (with its COMMIT, or on its own) once the body is done.
 */
async function stepPostgres<T>(client: Pick<PgConnection, "send">, body: () => Txn<T>, tx: PgTransaction): Promise<T> {
  const txn = body();
  let step = txn.next();
  while (!step.done) {
    const request = step.value;
    const statements = "batch" in request ? request.batch : [request];
    sqlCounter.count += statements.length;
    if (tx.state === "committed") throw new Error("Nothing can follow the batch sent with the COMMIT.");
    if (tx.state === "refused" && statements.some((s) => s.mode !== "get" && s.mode !== "all")) {
      throw new Error("After an unmet statement, a body may only read why, and refuse.");
    }
    if (!("batch" in request) && (request.mode === "later" || request.mode === "ahead")) {
      if (request.mode === "later") tx.waiting.push(request);
      step = txn.next(request.mode === "ahead" ? aheadOf(request, tx) : undefined);
      continue;
    }
    const commit = "batch" in request && request.commit === true && tx.mayCommit && tx.state === "open";
    // The first request carries the proviso the work is under (proviso.ts), a `must` if the COMMIT goes with it.
    const proviso = tx.proviso?.state === "pending" ? tx.proviso : undefined;
    if (proviso) sqlCounter.count++;
    const provisoStatement: Statement | undefined = proviso && { sql: proviso.sql, params: proviso.params, mode: "must" };
    let results: { rows: Row[]; rowCount: number | null }[];
    try {
      results = await sendAfterWaiting(client, tx, [
        ...(provisoStatement ? [commit ? guarded(provisoStatement, PROVISO_INDEX) : provisoStatement] : []),
        ...statements.map((s, i) => (commit && s.mode === "must" ? guarded(s, i) : s)),
        ...(commit ? ["COMMIT"] : []),
      ], commit ? request.together : undefined);
      if (proviso) settle(proviso, results.shift()!.rows[0]);
    } catch (error) {
      const unmet = commit ? unmetIndex(error) : null;
      if (error instanceof ProvisoFailed || unmet === PROVISO_INDEX) {
        // Decided on what no longer holds: rolled back (transactPostgres), the body never told.
        if (unmet === PROVISO_INDEX) {
          proviso!.state = "failed";
          tx.state = "refused";
          tx.waiting.push("ROLLBACK");
        }
        throw error instanceof ProvisoFailed ? error : new ProvisoFailed();
      }
      if (unmet !== null) {
        // PostgreSQL ran the proviso before the statement it stopped at: it held.
        if (proviso) proviso.state = "held";
        // PostgreSQL stopped at the unmet statement, skipping the rest and the COMMIT: roll back before the body reads why.
        tx.state = "refused";
        tx.waiting.push("ROLLBACK");
        step = txn.throw(new Unmet(unmet));
        continue;
      }
      // PostgreSQL aborts the transaction on any error: the body may only refuse now.
      step = txn.throw(error);
      if (!step.done) throw new Error("A statement failed: the transaction cannot go on.", { cause: error });
      continue;
    }
    if (commit) tx.state = "committed";
    const answers = statements.map((s, i) => {
      const r = results[i]!;
      return s.mode === "get" || s.mode === "must" ? r.rows[0] : s.mode === "all" ? r.rows : (r.rowCount ?? 0);
    });
    // In a batch without the COMMIT, an unmet statement is seen here: the transaction is still open.
    const unmet = statements.findIndex((s, i) => s.mode === "must" && answers[i] === undefined);
    step = unmet >= 0 ? txn.throw(new Unmet(unmet, answers)) : txn.next("batch" in request ? answers : answers[0]);
  }
  return step.value;
}

/**
 * A `must` statement sent with the COMMIT: PostgreSQL itself stops the
 * request there when it answers no row (rollbook_must raises), so the
 * COMMIT after it never runs. Its `index` in the batch comes back in the error.
 */
function guarded(s: Statement, index: number): Statement {
  let text = guardedTexts.get(s.sql);
  if (!text) {
    const n = highestPlaceholder(s.sql);
    const sql = `WITH "must" AS (${s.sql}) SELECT "must".* FROM (SELECT rollbook_must(EXISTS (SELECT 1 FROM "must"), $${n + 1}::integer)) AS "met" LEFT JOIN "must" ON TRUE`;
    guardedTexts.set(s.sql, (text = { sql, n }));
  }
  return { sql: text.sql, params: [...s.params.slice(0, text.n), index], mode: "get" };
}
/** Each `must` statement's guarded text, made once (a tick sends two). */
const guardedTexts = new Map<string, { sql: string; n: number }>();

/** The index a request's proviso is guarded under: before the batch's own statements. */
const PROVISO_INDEX = -1;

/** The index rollbook_must's error names (SQLSTATE RB001), or null for any other error. */
function unmetIndex(error: unknown): number | null {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code !== "RB001" || typeof message !== "string") return null;
  const index = /statement (-?\d+)/.exec(message)?.[1];
  return index === undefined ? null : Number(index);
}

/**
 * Runs `work` in a Prisma interactive transaction (for a write that changes
 * records through Prisma and enrollments through the core, `within`): a
 * refusal rolls all of it back and comes back as a Fail, as does a database
 * too busy to start it (nothing written: trying again is safe).
 */
export async function inTransaction<T>(work: (tx: Tx) => Promise<T>, options?: { timeout?: number; maxWait?: number }): Promise<Result<T>> {
  try {
    return await refusable(() => transaction(work, options));
  } catch (error) {
    // A concurrent writer made the same row between a check and an insert.
    if (isUniqueViolation(error)) return { ok: false, message: "Someone else just made the same change: nothing was saved." };
    if (isBusy(error)) return { ok: false, code: "busy", message: new BusyError().message };
    throw error;
  }
}

export type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/**
 * A Prisma interactive transaction (`db.$transaction`) in which `within`
 * may run the enrollment core's statements: on PostgreSQL, over the
 * transaction's own connection, batched as `transact` sends them.
 */
export async function transaction<T>(work: (tx: Tx) => Promise<T>, options?: { timeout?: number; maxWait?: number }): Promise<T> {
  await confirmFirst();
  return withTransactionConnection(() => db.$transaction(work, options));
}

/**
 * Runs `body` inside a Prisma interactive transaction opened by
 * `transaction()` and still open, for a write that also changes records
 * through Prisma (deleting a class, an import, an undo): the same
 * statements as `transact` runs, in the caller's transaction, so that the
 * enrollment core is one implementation whoever calls it. A thrown error
 * rolls the caller's transaction back.
 * - SQLite: Prisma's transaction is open on the one connection; the
 *   statements go straight to it (prepared once, as `transact`'s).
 * - PostgreSQL: over the transaction's own connection, batched and
 *   prepared as `transact`'s (decision 030).
 */
export async function within<T>(body: () => Txn<T>): Promise<T> {
  const connection = await rawConnection(db).ready();
  if (connection.kind === "sqlite") {
    if (!connection.inTransaction()) throw new Error("within: no transaction is open on the connection.");
    return stepSqlite(connection, body);
  }
  const own = transactionConnection();
  if (!own) throw new Error("within: no transaction opened by transaction() is open.");
  const tx: PgTransaction = { waiting: [], mayCommit: false, state: "open" };
  const value = await stepPostgres(own, body, tx);
  if (tx.waiting.length) await sendAfterWaiting(own, tx, []);
  return value;
}

/** Refuses (and so rolls back) with a message for the user, and what kind of refusal it is where callers act on it. */
export function refuse(message: string, code?: "gone" | "already" | "not-enrolled" | "confirm" | "clash" | "rule"): never {
  throw new RefusedError(message, undefined, code);
}

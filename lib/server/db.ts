import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { AsyncLocalStorage } from "node:async_hooks";
import pg from "pg";
import { PrismaClient as PostgresClient } from "@/lib/generated/postgres/client";
import { PrismaClient } from "@/lib/generated/sqlite/client";
import { refuseRequest } from "@/lib/request-context.mjs";

/** The database URL, with the embedded SQLite file as the default. */
export function databaseUrl(): string {
  return process.env.DATABASE_URL ?? "file:./data/rollbook.db";
}

export function isPostgres(url = databaseUrl()): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

// Query events feed the SQL counter below (tests and benchmarks read it).
const log = [{ emit: "event", level: "query" }] as const;

type Row = Record<string, unknown>;
type SqliteStatement = {
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): { changes: number };
  safeIntegers(on: boolean): SqliteStatement;
  raw(on: boolean): SqliteStatement;
  columns(): { name: string }[];
  reader: boolean;
};
type SqliteDriver = { prepare(sql: string): SqliteStatement; exec(sql: string): void; pragma(sql: string): unknown; inTransaction: boolean };
type PgQuery = { name?: string; text: string; values?: unknown[] };
export type PgResult = { rows: Row[]; rowCount: number | null };
type PgClient = { query(q: PgQuery | string): Promise<PgResult>; release(destroy?: boolean): void };
type PgDriver = { query(q: PgQuery): Promise<PgResult>; connect(): Promise<PgClient> };

/** A statement for a raw connection: $1-style placeholders, rows as plain objects (lib/server/data/sql.ts). */
type RawStatement = { sql: string; params: unknown[]; mode: "get" | "all" | "run" };

/**
 * The driver under Prisma's client, for the hot paths: reads of every row of
 * one SELECT (`read`, readRows) and short transactions of their own
 * (lib/server/data/sql.ts). Dates go in as Date; SQLite stores them as Prisma
 * does (ISO text), booleans as 0/1.
 */
export type RawConnection = {
  /** every row of one statement, outside any transaction (`planned`: see readRows) */
  read(sql: string, params: unknown[], planned?: "once" | "each time"): Row[] | Promise<Row[]>;
} & (
  | {
      kind: "sqlite";
      ready(): Promise<RawConnection & { kind: "sqlite" }>;
      inTransaction(): boolean;
      exec(sql: string): void;
      /** BEGIN IMMEDIATE without waiting: false when another process holds the write lock. */
      tryBeginImmediate(): boolean;
      execute(statement: RawStatement): unknown;
    }
  | {
      kind: "postgres";
      ready(): Promise<RawConnection & { kind: "postgres" }>;
      connect(): Promise<PgConnection>;
    }
);

/** A connection of PostgreSQL's pool, held for one transaction. */
export type PgConnection = {
  /** statements separated by ";", sent in one round trip (the simple protocol): a result each */
  simple(sql: string): Promise<PgResult[]>;
  /**
   * Several statements in one round trip, a result each: plain text (BEGIN,
   * COMMIT) as it is, and each statement prepared once per connection
   * (PREPARE, the first time) and run by EXECUTE with its values as literals.
   */
  send(items: (string | { sql: string; params: unknown[] })[]): Promise<PgResult[]>;
  release(destroy: boolean): void;
};

/**
 * A value as a PostgreSQL literal, for a statement sent by the simple
 * protocol (which takes no parameters): text quoted by the driver's own
 * escapeLiteral, numbers only when finite, dates as UTC ISO text (the
 * statement's cast, `$3::timestamp(3)`, types it, as it types a parameter).
 */
function pgLiteral(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`Not a finite number: ${value}`);
    return String(value);
  }
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return pg.escapeLiteral(value.toISOString());
  if (typeof value === "string") return (refuseNul(value), pg.escapeLiteral(value));
  throw new Error(`No PostgreSQL literal for a ${typeof value}`);
}

/** The highest $n a statement's text names: how many values it takes. */
export function highestPlaceholder(sql: string): number {
  return Math.max(0, ...[...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
}

/** SQL-level prepared statements: a name per statement text (apart from pg's own protocol-level names). */
const preparedNames = new Map<string, { name: string; params: number }>();
function preparedName(sql: string) {
  let entry = preparedNames.get(sql);
  if (!entry) {
    const params = highestPlaceholder(sql);
    preparedNames.set(sql, (entry = { name: `rollbook_x${preparedNames.size}`, params }));
  }
  return entry;
}
/** What each connection of the pool has prepared (PREPARE outlives a rolled-back transaction). */
const preparedOn = new WeakMap<object, Set<string>>();
/** Connections where a request failed part-way: which of its PREPAREs ran is asked of the server before the next. */
const unsure = new WeakSet<object>();

/** Requests of several statements on one connection of the pool (PgConnection's `simple` and `send`). */
function batches(c: PgClient): Pick<PgConnection, "simple" | "send"> {
  const simple = async (sql: string) => {
    sqlCounter.roundTrips++;
    const result = (await c.query({ text: sql, types: pgTypes } as PgQuery)) as PgResult | PgResult[];
    return Array.isArray(result) ? result : [result];
  };
  const send: PgConnection["send"] = async (items) => {
    if (unsure.has(c)) {
      // After the plain statements in front (a ROLLBACK of the failed transaction, a BEGIN), which go first.
      const lead = items.findIndex((item) => typeof item !== "string");
      const front = (lead < 0 ? items : items.slice(0, lead)) as string[];
      const answers = await simple([...front, `SELECT "name" FROM pg_prepared_statements WHERE "name" LIKE 'rollbook_x%'`].join(";\n"));
      preparedOn.set(c, new Set(answers.at(-1)!.rows.map((r) => String(r.name))));
      unsure.delete(c);
      if (front.length) {
        const rest = items.slice(front.length);
        return [...answers.slice(0, front.length), ...(rest.length ? await send(rest) : [])];
      }
    }
    const prepared = preparedOn.get(c) ?? new Set<string>();
    preparedOn.set(c, prepared);
    const texts: string[] = [];
    const index: number[] = [];
    const fresh = new Set<string>();
    for (const item of items) {
      if (typeof item !== "string") {
        const { name, params } = preparedName(item.sql);
        if (!prepared.has(name) && !fresh.has(name)) {
          texts.push(`PREPARE ${name} AS ${item.sql}`);
          fresh.add(name);
        }
        const values = item.params.slice(0, params).map(pgLiteral);
        texts.push(params ? `EXECUTE ${name}(${values.join(", ")})` : `EXECUTE ${name}`);
      } else texts.push(item);
      index.push(texts.length - 1);
    }
    try {
      const results = await simple(texts.join(";\n"));
      for (const name of fresh) prepared.add(name);
      return index.map((i) => results[i]!);
    } catch (error) {
      if (fresh.size) unsure.add(c);
      throw error;
    }
  };
  return { simple, send };
}

/** Where `transaction` (sql.ts) notes the connection of the Prisma transaction it opened. */
const prismaTransaction = new AsyncLocalStorage<{ client?: PgClient }>();

/** Runs `work` (which opens one Prisma interactive transaction) so that its connection can be reached (transactionConnection). */
export function withTransactionConnection<T>(work: () => Promise<T>): Promise<T> {
  return prismaTransaction.run({}, work);
}

/** PostgreSQL: the open Prisma transaction's own connection, to send statements in it (null: none known, or SQLite). */
export function transactionConnection(): Pick<PgConnection, "send"> | null {
  const client = prismaTransaction.getStore()?.client;
  return client ? batches(client) : null;
}

/**
 * NUL (U+0000) is never text: PostgreSQL refuses it ("invalid byte sequence
 * for encoding UTF8"), SQLite stores it and cuts strings at it in places.
 * Every value on its way to either database passes here, whatever path it
 * came by (Prisma's queries, the raw reads and batches below): one holding a
 * NUL refuses the request (a 400, logged as a warning; request-context.mjs)
 * before the database sees it. The forms' and the API's own checks refuse
 * control characters with a message first (lib/schemas/text.ts); this is
 * the floor under all of them.
 */
export function refuseNul(value: unknown): void {
  if (typeof value === "string" && value.includes("\u0000")) refuseRequest("a NUL character (U+0000) in a value for the database");
}

type Queryable = { queryRaw(query: { args: unknown[] }): Promise<unknown>; executeRaw(query: { args: unknown[] }): Promise<unknown> };
/** Prisma's queries through a driver adapter (or one of its transactions), their values checked by refuseNul first. */
function refusingNul<Q>(queryable: Q): Q {
  const q = queryable as unknown as Queryable;
  const queryRaw = q.queryRaw.bind(q);
  const executeRaw = q.executeRaw.bind(q);
  q.queryRaw = async (query) => (query.args.forEach(refuseNul), queryRaw(query));
  q.executeRaw = async (query) => (query.args.forEach(refuseNul), executeRaw(query));
  const start = (q as unknown as { startTransaction?(...args: unknown[]): Promise<unknown> }).startTransaction?.bind(q);
  if (start) (q as unknown as { startTransaction(...args: unknown[]): Promise<unknown> }).startTransaction = async (...args) => refusingNul(await start(...args));
  return queryable;
}

/** better-sqlite3 binds plain ? in order: $2 ... $1 becomes ? ... ? with the values reordered. */
function sqlitePlaceholders(sql: string): { text: string; order: number[] } {
  const order: number[] = [];
  const text = sql.replace(/\$(\d+)/g, (_, n: string) => (order.push(Number(n) - 1), "?"));
  return { text, order };
}

function sqliteValue(value: unknown): unknown {
  refuseNul(value);
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value ?? null;
}

/** A statement's parameters in the order its plain ? placeholders take them. */
function sqliteValues(order: number[], params: unknown[]): unknown[] {
  return order.map((i) => sqliteValue(params[i]));
}

/** Timestamps are stored in UTC without a zone (as Prisma does): written as UTC ISO text, read back as text (asDate). */
const pgTypes = {
  getTypeParser: (oid: number, format?: "text" | "binary") =>
    oid === 1114 || oid === 1184 ? (value: string) => value : pg.types.getTypeParser(oid, format),
};
function pgValue(value: unknown): unknown {
  refuseNul(value);
  return value instanceof Date ? value.toISOString() : (value ?? null);
}

/**
 * A query for pg: a named statement (parsed and planned once per connection;
 * one name per SQL text, shared by every connection of the pool), or, planned
 * "each time", an unnamed one, its values as PostgreSQL takes them,
 * timestamps read back as text.
 */
const pgNames = new Map<string, string>();
function pgQuery(sql: string, params: unknown[], planned: "once" | "each time" = "once"): PgQuery {
  let name = pgNames.get(sql);
  if (!name && planned === "once") pgNames.set(sql, (name = `rollbook_${pgNames.size}`));
  return { ...(planned === "once" ? { name } : {}), text: sql, values: params.map(pgValue), types: pgTypes } as PgQuery;
}

/** Wraps an adapter factory so the driver Prisma connects with can be reached. */
function capture<F extends { connect(): Promise<unknown> }>(factory: F, onConnect: (adapter: unknown) => void): F {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    onConnect(adapter);
    return adapter;
  };
  return factory;
}

function clientFor(url: string): { client: PrismaClient<"query">; raw: RawConnection } {
  if (isPostgres(url)) {
    let pool: PgDriver | undefined;
    const adapter = capture(new PrismaPg(postgresPool(url)), (a) => {
      pool = (a as { underlyingDriver(): PgDriver }).underlyingDriver();
      // Each interactive transaction's own connection, for the enrollment core's statements inside it (within, sql.ts).
      const driver = a as { startTransaction(level?: string): Promise<{ client: PgClient }> };
      const start = driver.startTransaction.bind(driver);
      driver.startTransaction = async (level?: string) => {
        const tx = await start(level);
        const store = prismaTransaction.getStore();
        if (store) store.client = tx.client;
        return tx;
      };
      refusingNul(a);
    });
    // The two generated clients share the models (prisma/models.prisma); the
    // app is typed against the SQLite one, whose queries both accept.
    const client = new PostgresClient({ adapter, log: [...log], transactionOptions }) as unknown as PrismaClient<"query">;
    const raw: RawConnection = {
      kind: "postgres",
      async ready() {
        if (!pool) await client.$connect();
        return this as RawConnection & { kind: "postgres" };
      },
      read: async (sql, params, planned) => {
        sqlCounter.roundTrips++;
        return (await pool!.query(pgQuery(sql, params, planned))).rows;
      },
      async connect() {
        const c = await pool!.connect();
        return {
          ...batches(c),
          release: (destroy: boolean) => c.release(destroy),
        } satisfies PgConnection;
      },
    };
    return { client, raw };
  }
  let sqlite: SqliteDriver | undefined;
  const statements = new Map<string, { statement: SqliteStatement; order: number[] }>();
  const prepare = (sql: string) => {
    let prepared = statements.get(sql);
    if (!prepared) {
      const { text, order } = sqlitePlaceholders(sql);
      // Numbers as numbers (the adapter turns on BigInt for every statement it prepares).
      const statement = sqlite!.prepare(text).safeIntegers(false);
      statements.set(sql, (prepared = { statement, order }));
    }
    return prepared;
  };
  const adapter = capture(new PrismaBetterSQLite3({ url, timeout: SQLITE_BUSY_TIMEOUT_MS }), (a) => {
    sqlite = (a as { client: SqliteDriver }).client;
    configureSqlite(sqlite);
    refusingNul(a);
  });
  // Reads get each row as an array and make its object here, with one
  // function per statement that builds it as a literal: V8 then gives every
  // row the same shape at once, where the driver's objects are built
  // property by property (a 500-row read took ~40% less this way).
  const readers = new Map<string, { statement: SqliteStatement; order: number[]; make: (values: unknown[]) => Row }>();
  const reader = (sql: string) => {
    let prepared = readers.get(sql);
    if (!prepared) {
      const { text, order } = sqlitePlaceholders(sql);
      const statement = sqlite!.prepare(text).safeIntegers(false).raw(true);
      const fields = statement.columns().map((c, i) => `${JSON.stringify(c.name)}: v[${i}]`);
      // The keys are this statement's own column names, quoted.
      const make = new Function("v", `return { ${fields.join(", ")} };`) as (values: unknown[]) => Row;
      readers.set(sql, (prepared = { statement, order, make }));
    }
    return prepared;
  };
  const bind = (sql: string, params: unknown[]) => {
    const { statement, order } = prepare(sql);
    return { statement, values: sqliteValues(order, params) };
  };
  const client = new PrismaClient({ adapter, log: [...log], transactionOptions });
  const raw: RawConnection = {
    kind: "sqlite",
    async ready() {
      if (!sqlite) await client.$connect();
      return this as RawConnection & { kind: "sqlite" };
    },
    read(sql, params) {
      const { statement, order, make } = reader(sql);
      return (statement.all(...sqliteValues(order, params)) as unknown[][]).map(make);
    },
    inTransaction: () => sqlite!.inTransaction,
    exec: (sql) => sqlite!.exec(sql),
    tryBeginImmediate() {
      // The busy timeout would sleep here, holding up every request this
      // process serves; instead the caller waits its turn without blocking.
      const { statement: noWait } = prepare("PRAGMA busy_timeout = 0");
      const { statement: wait } = prepare(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
      noWait.get();
      try {
        sqlite!.exec("BEGIN IMMEDIATE");
        return true;
      } catch (error) {
        if ((error as { code?: unknown }).code === "SQLITE_BUSY") return false;
        throw error;
      } finally {
        wait.get();
      }
    },
    execute({ sql, params, mode }) {
      const { statement, values } = bind(sql, params);
      if (mode === "run" || !statement.reader) return statement.run(...values).changes;
      return mode === "get" ? statement.get(...values) : statement.all(...values);
    },
  };
  return { client, raw };
}

/** How long a write waits for another process's write to finish before giving up (SQLite). */
const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/**
 * SQLite in WAL mode: readers never wait for the writer, and a commit is one
 * append to the log. `synchronous` is chosen in docs/decisions/010
 * (ROLLBOOK_SQLITE_SYNCHRONOUS overrides it).
 */
function configureSqlite(sqlite: SqliteDriver) {
  // Prisma's transactions begin DEFERRED: one that reads, then writes, fails at
  // once (SQLITE_BUSY_SNAPSHOT) if another process wrote in between. IMMEDIATE
  // takes the write lock up front, waiting its turn (the busy timeout) instead.
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = (sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql);
  sqlite.pragma("journal_mode = WAL");
  const sync = (process.env.ROLLBOOK_SQLITE_SYNCHRONOUS ?? "NORMAL").toUpperCase();
  if (!["OFF", "NORMAL", "FULL", "EXTRA"].includes(sync)) throw new Error(`ROLLBOOK_SQLITE_SYNCHRONOUS: ${sync}?`);
  sqlite.pragma(`synchronous = ${sync}`);
  sqlite.pragma("foreign_keys = ON");
}

/**
 * Waits for a connection up to 10 s (Prisma's own default gives up after 2 s
 * with P2028 under a registration-day crowd), and keeps each transaction short.
 */
const transactionOptions = { maxWait: 10_000, timeout: 15_000 };

/** PostgreSQL's pool: ROLLBOOK_PG_POOL connections (default 10) per app server, and no lock waited on forever. */
function postgresPool(url: string) {
  return {
    connectionString: url,
    max: Number(process.env.ROLLBOOK_PG_POOL ?? 10),
    connectionTimeoutMillis: 10_000,
    // Milliseconds: no statement waits more than 10 s for a row lock, no session idles in a transaction for a minute.
    options: "-c lock_timeout=10000 -c idle_in_transaction_session_timeout=60000",
  };
}

const rawConnections = new WeakMap<object, RawConnection>();

/** The raw connection under a client made by createClient. */
export function rawConnection(client: Db): RawConnection {
  const raw = rawConnections.get(client);
  if (!raw) throw new Error("rawConnection: not a client made by createClient");
  return raw;
}

/** The one place a Prisma client is made: DATABASE_URL chooses SQLite (file:) or PostgreSQL. */
export function createClient(url = databaseUrl()) {
  const { client, raw } = clientFor(url);
  client.$on("query", () => {
    sqlCounter.count++;
  });
  rawConnections.set(client, raw);
  return client;
}

export type Db = ReturnType<typeof createClient>;

/** SQL statements sent by this process so far, transaction control included. */
export const sqlCounter = {
  count: 0,
  /** PostgreSQL only: requests sent to the server and waited on, by a raw transaction (transact, sql.ts) or a read straight to the driver (readRows); Prisma's own not counted */
  roundTrips: 0,
};

/** Runs `work` and says how many SQL statements it sent (for tests; not for concurrent use). */
export async function countQueries<T>(work: () => Promise<T>): Promise<{ result: T; queries: number }> {
  const before = sqlCounter.count;
  const result = await work();
  return { result, queries: sqlCounter.count - before };
}

/**
 * One row from one SELECT, sent straight to the driver on Prisma's own
 * connection: for the statement every request of a cached page runs (~6 µs
 * on SQLite against ~60 for $queryRaw and ~260 for the query builder).
 * Placeholders are $1, $2... on both databases; the SQL must be portable
 * (quoted identifiers). Counted like any other statement.
 */
export async function readRow(client: Db, sql: string, params: unknown[]): Promise<Row | undefined> {
  return (await readRows(client, sql, params))[0];
}

/**
 * Every row of one SELECT, straight to the driver like readRow: for the
 * reads a hot page is made of (the SQL lives in the data layer beside the
 * function that owns it). Timestamps come back as text: read them with
 * asDate (lib/server/data/sql.ts); booleans as 0/1 on SQLite.
 *
 * PostgreSQL plans a statement once per connection and may then keep one
 * plan for any values; `planned` "each time" plans it for its values, for a
 * statement whose best plan depends on them (a search: a few found from an
 * index, or most of the table read through).
 */
export async function readRows(client: Db, sql: string, params: unknown[], planned: "once" | "each time" = "once"): Promise<Row[]> {
  const connection = await rawConnection(client).ready();
  sqlCounter.count++;
  return connection.read(sql, params, planned);
}

// One client per process; kept on globalThis so dev-mode reloads reuse it.
const globalForDb = globalThis as unknown as { rollbookDb?: Db };
export const db: Db = globalForDb.rollbookDb ?? createClient();
if (process.env.NODE_ENV !== "production") globalForDb.rollbookDb = db;

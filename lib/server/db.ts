import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "@/lib/generated/postgres/client";
import { PrismaClient } from "@/lib/generated/sqlite/client";

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
/** Runs one read on the connection Prisma opened, below the query builder. */
type DriverRead = (sql: string, params: unknown[]) => Row | undefined | Promise<Row | undefined>;
type SqliteDriver = { prepare(sql: string): { get(...params: unknown[]): unknown } };
type PgDriver = { query(q: { name: string; text: string; values: unknown[] }): Promise<{ rows: Row[] }> };

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

function clientFor(url: string): { client: PrismaClient<"query">; driverRead: () => DriverRead | undefined } {
  let driverRead: DriverRead | undefined;
  if (isPostgres(url)) {
    const adapter = capture(new PrismaPg({ connectionString: url }), (a) => {
      const pool = (a as { underlyingDriver(): PgDriver }).underlyingDriver();
      const names = new Map<string, string>();
      driverRead = async (sql, params) => {
        // A named statement: parsed and planned once per connection.
        let name = names.get(sql);
        if (!name) names.set(sql, (name = `rollbook_${names.size}`));
        return (await pool.query({ name, text: sql, values: params })).rows[0];
      };
    });
    // The two generated clients share the models (prisma/models.prisma); the
    // app is typed against the SQLite one, whose queries both accept.
    const client = new PostgresClient({ adapter, log: [...log] }) as unknown as PrismaClient<"query">;
    return { client, driverRead: () => driverRead };
  }
  const adapter = capture(new PrismaBetterSQLite3({ url }), (a) => {
    const sqlite = (a as { client: SqliteDriver }).client;
    const statements = new Map<string, { statement: { get(...params: unknown[]): unknown }; order: number[] }>();
    driverRead = (sql, params) => {
      let prepared = statements.get(sql);
      if (!prepared) {
        // better-sqlite3 binds plain ? in order: $2 ... $1 becomes ? ... ? with the values reordered.
        const order: number[] = [];
        const statement = sqlite.prepare(sql.replace(/\$(\d+)/g, (_, n: string) => (order.push(Number(n) - 1), "?")));
        statements.set(sql, (prepared = { statement, order }));
      }
      return prepared.statement.get(...prepared.order.map((i) => params[i])) as Row | undefined;
    };
  });
  return { client: new PrismaClient({ adapter, log: [...log] }), driverRead: () => driverRead };
}

const driverReads = new WeakMap<object, () => DriverRead | undefined>();

/** The one place a Prisma client is made: DATABASE_URL chooses SQLite (file:) or PostgreSQL. */
export function createClient(url = databaseUrl()) {
  const { client, driverRead } = clientFor(url);
  client.$on("query", () => {
    sqlCounter.count++;
  });
  driverReads.set(client, driverRead);
  return client;
}

export type Db = ReturnType<typeof createClient>;

/** SQL statements sent by this process so far, transaction control included. */
export const sqlCounter = { count: 0 };

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
  const driver = driverReads.get(client);
  if (!driver?.()) await client.$connect();
  const read = driver?.();
  if (!read) throw new Error("readRow: this client's driver is not reachable");
  sqlCounter.count++;
  return read(sql, params);
}

// One client per process; kept on globalThis so dev-mode reloads reuse it.
const globalForDb = globalThis as unknown as { rollbookDb?: Db };
export const db: Db = globalForDb.rollbookDb ?? createClient();
if (process.env.NODE_ENV !== "production") globalForDb.rollbookDb = db;

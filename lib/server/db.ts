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

function clientFor(url: string) {
  if (isPostgres(url)) {
    // The two generated clients share the models (prisma/models.prisma); the
    // app is typed against the SQLite one, whose queries both accept.
    const pg = new PostgresClient({ adapter: new PrismaPg({ connectionString: url }), log: [...log] });
    return pg as unknown as PrismaClient<"query">;
  }
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }), log: [...log] });
}

/** The one place a Prisma client is made: DATABASE_URL chooses SQLite (file:) or PostgreSQL. */
export function createClient(url = databaseUrl()) {
  const client = clientFor(url);
  client.$on("query", () => {
    sqlCounter.count++;
  });
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

// One client per process; kept on globalThis so dev-mode reloads reuse it.
const globalForDb = globalThis as unknown as { rollbookDb?: Db };
export const db: Db = globalForDb.rollbookDb ?? createClient();
if (process.env.NODE_ENV !== "production") globalForDb.rollbookDb = db;

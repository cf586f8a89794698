import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";

/** The database URL, with the embedded SQLite file as the default. */
export function databaseUrl(): string {
  return process.env.DATABASE_URL ?? "file:./data/rollbook.db";
}

export function createClient(url = databaseUrl()) {
  const client = new PrismaClient({
    adapter: new PrismaBetterSQLite3({ url }),
    // Query events feed the SQL counter below (tests and benchmarks read it).
    log: [{ emit: "event", level: "query" }],
  });
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

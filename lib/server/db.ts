import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";

/** The database URL, with the embedded SQLite file as the default. */
export function databaseUrl(): string {
  return process.env.DATABASE_URL ?? "file:./data/rollbook.db";
}

export function createClient(url = databaseUrl()) {
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
}

export type Db = ReturnType<typeof createClient>;

// One client per process; kept on globalThis so dev-mode reloads reuse it.
const globalForDb = globalThis as unknown as { rollbookDb?: Db };
export const db: Db = globalForDb.rollbookDb ?? createClient();
if (process.env.NODE_ENV !== "production") globalForDb.rollbookDb = db;

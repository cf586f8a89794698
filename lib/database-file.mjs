// The SQLite file DATABASE_URL names (as the app and prisma.config.ts read
// it: the environment, else .env, else data/rollbook.db), and where its
// backups go (ROLLBOOK_BACKUP_DIR, else a "backups" folder beside it).
import { existsSync } from "node:fs";
import path from "node:path";

export function databaseFile() {
  if (!process.env.DATABASE_URL && existsSync(".env")) process.loadEnvFile(".env");
  const url = process.env.DATABASE_URL ?? "file:./data/rollbook.db";
  if (!url.startsWith("file:")) return null;
  return path.resolve(url.slice("file:".length));
}

/** Where backups go: ROLLBOOK_BACKUP_DIR, else `backups` beside the SQLite file (or in data/ for PostgreSQL). */
export function backupDir(file) {
  return path.resolve(process.env.ROLLBOOK_BACKUP_DIR ?? path.join(file ? path.dirname(file) : "data", "backups"));
}

/** A backup's file name: the SQLite copies and the PostgreSQL dumps this app makes, nothing else. */
export const BACKUP_NAME = /^rollbook-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}(\.\d{3})?Z\.(db|dump)$/;

/** The database's URL as pg_dump reads it: the query (the app's own options) left out. */
export function postgresDumpUrl() {
  if (!process.env.DATABASE_URL && existsSync(".env")) process.loadEnvFile(".env");
  const url = process.env.DATABASE_URL ?? "";
  return url.split("?")[0];
}

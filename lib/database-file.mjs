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

export function backupDir(file) {
  return path.resolve(process.env.ROLLBOOK_BACKUP_DIR ?? path.join(path.dirname(file), "backups"));
}

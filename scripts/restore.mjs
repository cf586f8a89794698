// `npm run restore FILE`: puts a backup in place of the SQLite database
// (docs/decisions/017). The app must be stopped: this refuses while any
// process has the database open. The database it replaces is kept beside it
// (`rollbook.db.before-restore-<time>`). Start the app afterwards: migrations
// newer than the backup are applied as it starts.
import { copyFileSync, existsSync, renameSync } from "node:fs";
import Database from "better-sqlite3";
import { databaseFile } from "../lib/database-file.mjs";

const source = process.argv[2];
const file = databaseFile();
const fail = (message) => {
  console.error(message);
  process.exit(2);
};
if (!file) fail("DATABASE_URL names a PostgreSQL database: restore it with pg_restore (README, Backups).");
if (!source || !existsSync(source)) fail("Usage: npm run restore <backup file>");

// The backup must be a whole Rollbook database.
try {
  const backup = new Database(source, { readonly: true, fileMustExist: true });
  const check = backup.pragma("integrity_check", { simple: true });
  const tables = backup.prepare(`SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('_prisma_migrations', 'Student', 'Course', 'Enrollment')`).get();
  backup.close();
  if (check !== "ok") fail(`${source} is damaged (${check}): not restored.`);
  if (tables.n !== 4) fail(`${source} is not a Rollbook database: not restored.`);
} catch (error) {
  fail(`${source} can't be read as a SQLite database (${error.message}): not restored.`);
}

// Nobody may have the database open: an exclusive lock says so.
if (existsSync(file)) {
  const db = new Database(file);
  try {
    db.pragma("busy_timeout = 0");
    db.pragma("locking_mode = EXCLUSIVE");
    db.exec("BEGIN EXCLUSIVE");
    db.exec("COMMIT");
    // Fold the write-ahead log in, so the file set aside is whole on its own.
    db.pragma("wal_checkpoint(TRUNCATE)");
  } catch {
    db.close();
    fail("The database is in use: stop the app (every app process), then restore.");
  }
  db.close();
  const aside = `${file}.before-restore-${new Date().toISOString().replace(/\.\d+Z$/, "Z").replaceAll(":", "-")}`;
  renameSync(file, aside);
  for (const suffix of ["-wal", "-shm"]) if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
  console.log(`The database it replaces is kept as ${aside}`);
}
copyFileSync(source, file);
console.log(`Restored ${source} to ${file}. Start the app: npm start`);

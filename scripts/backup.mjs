// `npm run backup`: a consistent copy of the SQLite database, taken while
// the app runs (docs/decisions/017). SQLite's `VACUUM INTO` reads the whole
// database in one read transaction (WAL mode: writers carry on meanwhile)
// and writes it, compacted, to a new file: `rollbook-<UTC time>.db` in the
// backup folder. Prints what it made as one JSON line; the admin's "Back up
// now" runs this same script.
import { mkdirSync, renameSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { backupDir, databaseFile } from "../lib/database-file.mjs";

const file = databaseFile();
if (!file) {
  console.error("DATABASE_URL names a PostgreSQL database: back it up with pg_dump (README, Backups).");
  process.exit(2);
}
const dir = backupDir(file);
mkdirSync(dir, { recursive: true });
const stamp = new Date().toISOString().replace(/\.\d+Z$/, "Z").replaceAll(":", "-");
const target = path.join(dir, `rollbook-${stamp}.db`);
const partial = `${target}.partial`;

const db = new Database(file, { fileMustExist: true });
db.pragma("busy_timeout = 10000");
try {
  db.prepare("VACUUM INTO ?").run(partial);
} finally {
  db.close();
}
// Only a whole copy gets the backup's name.
renameSync(partial, target);
console.log(JSON.stringify({ file: target, bytes: statSync(target).size }));

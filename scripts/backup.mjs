// `npm run backup`: a consistent copy of the database, taken while the app
// runs (docs/decisions/017, 037), as `rollbook-<UTC time>.db` (SQLite) or
// `.dump` (PostgreSQL) in the backup folder. Prints what it made as one JSON
// line; the admin's "Back up now" and the server's scheduled backups run
// this same script, in a process of their own.
//
// SQLite: `VACUUM INTO` reads the whole database in one read transaction
// (WAL mode: writers carry on meanwhile) and writes it, compacted, to a new
// file. PostgreSQL: `pg_dump --format=custom` (one snapshot; restored with
// pg_restore), which needs PostgreSQL's client programs on the server.
import { execFileSync } from "node:child_process";
import { mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { backupDir, databaseFile, postgresDumpUrl } from "../lib/database-file.mjs";

const file = databaseFile();
const dir = backupDir(file);
mkdirSync(dir, { recursive: true });
// To the millisecond: two backups a second apart (two admins at once, a schedule beside a click) never share a name.
const stamp = new Date().toISOString().replaceAll(":", "-");
const target = path.join(dir, `rollbook-${stamp}.${file ? "db" : "dump"}`);
const partial = `${target}.partial`;

try {
  if (file) {
    const db = new Database(file, { fileMustExist: true });
    db.pragma("busy_timeout = 10000");
    try {
      db.prepare("VACUUM INTO ?").run(partial);
    } finally {
      db.close();
    }
  } else {
    execFileSync("pg_dump", ["--format=custom", "--no-owner", `--file=${partial}`, postgresDumpUrl()], { stdio: ["ignore", "ignore", "pipe"] });
  }
} catch (error) {
  rmSync(partial, { force: true });
  const said = String(error.stderr ?? error.message ?? error).trim();
  console.error(error.code === "ENOENT" ? "pg_dump is not installed on this server: install PostgreSQL's client programs (postgresql-client)." : `The backup failed: ${said}`);
  process.exit(1);
}
// Only a whole copy gets the backup's name.
renameSync(partial, target);
console.log(JSON.stringify({ file: target, bytes: statSync(target).size }));

import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";

// `npm run backup` and `npm run restore FILE` (docs/decisions/017), run as
// a school would: on a database another process keeps writing to.

const run = promisify(execFile);
const dir = path.resolve(".tmp/backup-test");

/** The scripts against `file`, as `npm run` runs them; exit code and output. */
async function script(name: "backup" | "restore", file: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [`scripts/${name}.mjs`, ...args], {
      env: { ...process.env, DATABASE_URL: `file:${file}`, ROLLBOOK_BACKUP_DIR: path.join(dir, "backups") },
    });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

/** A database with the tables a Rollbook database has, in WAL mode, as the app keeps it. */
function makeDatabase(file: string) {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.exec(`CREATE TABLE "_prisma_migrations" (id TEXT); CREATE TABLE "Student" (id INTEGER PRIMARY KEY, name TEXT);
           CREATE TABLE "Course" (id TEXT); CREATE TABLE "Enrollment" (id TEXT);`);
  return db;
}

describe("online backup and restore (SQLite)", () => {
  it("backs up while another process writes, then restores once the app is stopped", async () => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, "rollbook.db");
    const app = makeDatabase(file);
    const insert = app.prepare(`INSERT INTO "Student" (name) VALUES (?)`);
    for (let i = 0; i < 5000; i++) insert.run(`before ${i}`);
    // The "app" goes on writing, between the backup's steps, in a transaction at a time.
    let written = 5000;
    const writer = setInterval(() => {
      app.transaction(() => {
        for (let i = 0; i < 50; i++) insert.run(`during ${written++}`);
      })();
    }, 1);

    const backup = await script("backup", file);
    const after = written;
    clearInterval(writer);
    expect(backup.code, backup.out).toBe(0);
    expect(after, "writes went on during the backup").toBeGreaterThan(5000);
    const made = JSON.parse(backup.out.trim().split("\n").at(-1)!) as { file: string; bytes: number };
    expect(path.basename(made.file)).toMatch(/^rollbook-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z\.db$/);
    expect(readdirSync(path.join(dir, "backups")).filter((n) => n.endsWith(".partial"))).toEqual([]);
    // A consistent copy: whole transactions only, somewhere between the start and the end.
    const copy = new Database(made.file, { readonly: true });
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    const rows = (copy.prepare(`SELECT COUNT(*) AS n FROM "Student"`).get() as { n: number }).n;
    copy.close();
    expect(rows).toBeGreaterThanOrEqual(5000);
    expect(rows).toBeLessThanOrEqual(after);
    expect((rows - 5000) % 50).toBe(0);

    // More is written after the backup; restoring is refused while the app has the database open.
    insert.run("after the backup");
    const refused = await script("restore", file, made.file);
    expect(refused.code).toBe(2);
    expect(refused.out).toContain("The database is in use: stop the app");
    app.close();

    const restored = await script("restore", file, made.file);
    expect(restored.code, restored.out).toBe(0);
    const back = new Database(file, { readonly: true });
    expect((back.prepare(`SELECT COUNT(*) AS n FROM "Student"`).get() as { n: number }).n).toBe(rows);
    back.close();
    // What it replaced is kept, whole, with the row written after the backup.
    const aside = readdirSync(dir).find((n) => n.startsWith("rollbook.db.before-restore-") && n.endsWith("Z"))!;
    const kept = new Database(path.join(dir, aside), { readonly: true });
    expect((kept.prepare(`SELECT COUNT(*) AS n FROM "Student" WHERE name = 'after the backup'`).get() as { n: number }).n).toBe(1);
    kept.close();
  });

  it("refuses to restore what is not a whole Rollbook database", async () => {
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, "other.db");
    makeDatabase(file).close();
    const junk = path.join(dir, "junk.db");
    writeFileSync(junk, "not a database at all, just some text that is long enough to look like a file");
    const foreign = path.join(dir, "foreign.db");
    new Database(foreign).exec("CREATE TABLE t (x)");
    for (const source of [junk, foreign, path.join(dir, "missing.db")]) {
      const result = await script("restore", file, source);
      expect(result.code, source).toBe(2);
      expect(result.out).toMatch(/not restored|Usage/);
    }
    expect(existsSync(file)).toBe(true);
  });
});

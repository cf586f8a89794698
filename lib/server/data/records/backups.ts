import "server-only";
import { execFile } from "node:child_process";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { requireAdmin, type Viewer } from "@/lib/server/authz";
import { fail, ok, type Result } from "@/lib/server/data/result";
import { backupDir, databaseFile } from "@/lib/database-file.mjs";

/**
 * Backups of the SQLite database, taken while the app runs
 * (docs/decisions/017): the admin's "Back up now" runs `npm run backup`'s
 * script in a process of its own, so the copy never holds up a request.
 */

export type Backup = { name: string; bytes: number; at: Date };

const PG_ADVICE = "This school's database is PostgreSQL: back it up with pg_dump (see the README).";

/** The backups in the backup folder, newest first. */
export async function listBackups(viewer: Viewer | null): Promise<{ dir: string; backups: Backup[] } | null> {
  requireAdmin(viewer);
  const file = databaseFile();
  if (!file) return null;
  const dir = backupDir(file);
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => /^rollbook-.+\.db$/.test(n));
  const backups = await Promise.all(
    names.map(async (name) => {
      const s = await stat(path.join(dir, name));
      return { name, bytes: s.size, at: s.mtime };
    }),
  );
  return { dir, backups: backups.sort((a, b) => b.at.getTime() - a.at.getTime()) };
}

/** Makes a backup now; what it made. */
export async function makeBackup(viewer: Viewer | null): Promise<Result<{ name: string; bytes: number }>> {
  requireAdmin(viewer);
  if (!databaseFile()) return fail(PG_ADVICE);
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(process.cwd(), "scripts/backup.mjs")], {
    cwd: process.cwd(),
    env: process.env,
  });
  const made = JSON.parse(stdout.trim().split("\n").at(-1)!) as { file: string; bytes: number };
  return ok({ name: path.basename(made.file), bytes: made.bytes });
}

import "server-only";
import { execFile } from "node:child_process";
import { readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { requireAdmin, type Viewer } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import { fail, ok, type Result } from "@/lib/server/data/result";
import { actorFor, recordChange } from "@/lib/server/data/records/audit";
import { BACKUP_NAME, backupDir, databaseFile } from "@/lib/database-file.mjs";
import { log } from "@/lib/log.mjs";

/**
 * Backups of the database, taken while the app runs (docs/decisions/017,
 * 037): `npm run backup`'s script in a process of its own, so the copy
 * never holds up a request; by hand ("Back up now") or on a schedule the
 * admin sets (or the environment), which the server's background work runs
 * in one app process only; the oldest beyond the number to keep deleted
 * after each. Entry points check the viewer; runScheduledBackup is the
 * background's step.
 */

export type Backup = { name: string; bytes: number; at: Date };

/** The schedules an admin may choose, in hours (a day, a week...). */
export const BACKUP_EVERY_HOURS = [6, 12, 24, 168] as const;
export const MAX_KEEP = 365;

export type BackupSchedule = {
  /** null: backups by hand only */
  everyHours: number | null;
  keep: number;
  /** set by ROLLBOOK_BACKUP_EVERY_HOURS / ROLLBOOK_BACKUP_KEEP: the page shows it, and can't change it */
  fromEnvironment: boolean;
  lastRunAt: Date | null;
  lastError: string | null;
};

/** The schedule the environment sets, where it sets one ("off" or 0: none). */
function environmentSchedule(env: Record<string, string | undefined>): { everyHours?: number | null; keep?: number } {
  const every = env.ROLLBOOK_BACKUP_EVERY_HOURS?.trim();
  const keep = env.ROLLBOOK_BACKUP_KEEP?.trim();
  return {
    ...(every ? { everyHours: every === "off" || Number(every) <= 0 || !Number.isFinite(Number(every)) ? null : Number(every) } : {}),
    ...(keep && Number.isInteger(Number(keep)) && Number(keep) >= 1 ? { keep: Math.min(Number(keep), MAX_KEEP) } : {}),
  };
}

/** The schedule in force: the environment's where it sets one, else the admin's. */
export async function readBackupSchedule(env: Record<string, string | undefined> = process.env): Promise<BackupSchedule> {
  const row = await db.backupSettings.findUnique({ where: { id: 1 }, select: { everyHours: true, keep: true, lastRunAt: true, lastError: true } });
  const fromEnv = environmentSchedule(env);
  return {
    everyHours: fromEnv.everyHours !== undefined ? fromEnv.everyHours : (row?.everyHours ?? null),
    keep: fromEnv.keep ?? row?.keep ?? 14,
    fromEnvironment: fromEnv.everyHours !== undefined || fromEnv.keep !== undefined,
    lastRunAt: row?.lastRunAt ?? null,
    lastError: row?.lastError ?? null,
  };
}

export async function getBackupSchedule(viewer: Viewer | null): Promise<BackupSchedule> {
  requireAdmin(viewer);
  return readBackupSchedule();
}

/** Saves the admin's schedule and how many backups to keep (in the audit log). */
export async function saveBackupSchedule(viewer: Viewer | null, input: { everyHours: number | null; keep: number }): Promise<Result<null>> {
  const actor = requireAdmin(viewer);
  if (input.everyHours !== null && !(BACKUP_EVERY_HOURS as readonly number[]).includes(input.everyHours)) return fail("Check the form.", { everyHours: "Choose one of the schedules." });
  if (!Number.isInteger(input.keep) || input.keep < 1 || input.keep > MAX_KEEP) return fail("Check the form.", { keep: `Keep from 1 to ${MAX_KEEP} backups.` });
  await db.$transaction(async (tx) => {
    const was = await tx.backupSettings.findUnique({ where: { id: 1 }, select: { everyHours: true, keep: true } });
    await tx.backupSettings.upsert({ where: { id: 1 }, create: { id: 1, ...input }, update: input });
    await recordChange(tx, {
      actor: actorFor(actor),
      via: "PAGE",
      kind: "BACKUP_SETTINGS",
      recordId: "1",
      label: "Backup schedule",
      action: "UPDATED",
      before: { everyHours: was?.everyHours ?? null, keep: was?.keep ?? 14 },
      after: input,
    });
  });
  return ok(null);
}

/** The backups in the backup folder, newest first. */
async function readBackups(): Promise<Backup[]> {
  const dir = backupDir(databaseFile());
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => BACKUP_NAME.test(n));
  const backups = await Promise.all(
    names.map(async (name) => {
      const s = await stat(path.join(dir, name));
      return { name, bytes: s.size, at: s.mtime };
    }),
  );
  return backups.sort((a, b) => b.at.getTime() - a.at.getTime() || b.name.localeCompare(a.name));
}

export async function listBackups(viewer: Viewer | null): Promise<{ kind: "sqlite" | "postgres"; backups: Backup[] }> {
  requireAdmin(viewer);
  return { kind: databaseFile() ? "sqlite" : "postgres", backups: await readBackups() };
}

/** Deletes the oldest backups beyond `keep`; how many went. */
async function prune(keep: number): Promise<number> {
  const old = (await readBackups()).slice(keep);
  const dir = backupDir(databaseFile());
  await Promise.all(old.map((b) => rm(path.join(dir, b.name), { force: true })));
  return old.length;
}

/** Runs the backup script (scripts/backup.mjs) in a process of its own; what it made. */
async function runBackupScript(): Promise<{ name: string; bytes: number }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(process.cwd(), "scripts/backup.mjs")], { cwd: process.cwd(), env: process.env });
    const made = JSON.parse(stdout.trim().split("\n").at(-1)!) as { file: string; bytes: number };
    return { name: path.basename(made.file), bytes: made.bytes };
  } catch (error) {
    const said = String((error as { stderr?: unknown }).stderr ?? "").trim();
    throw new Error(said || (error as Error).message);
  }
}

/** "Back up now": a backup, then the oldest beyond the number to keep deleted. */
export async function makeBackup(viewer: Viewer | null): Promise<Result<{ name: string; bytes: number; pruned: number }>> {
  requireAdmin(viewer);
  let made;
  try {
    made = await runBackupScript();
  } catch (error) {
    return fail((error as Error).message);
  }
  return ok({ ...made, pruned: await prune((await readBackupSchedule()).keep) });
}

/** A backup to download: its path in the backup folder, or null for a name that isn't one of them. */
export async function backupForDownload(viewer: Viewer | null, name: string): Promise<{ path: string; bytes: number } | null> {
  requireAdmin(viewer);
  if (!BACKUP_NAME.test(name)) return null;
  const file = path.join(backupDir(databaseFile()), name);
  const s = await stat(file).catch(() => null);
  return s?.isFile() ? { path: file, bytes: s.size } : null;
}

/**
 * The background's step (lib/server/background.ts): a backup when one is
 * due by the schedule. Every app process asks; the one whose claim on
 * `lastRunAt` lands takes it (a conditional update: one winner however many
 * processes or servers share the database), the others see it taken.
 */
export async function runScheduledBackup(now = new Date(), env: Record<string, string | undefined> = process.env): Promise<"off" | "not due" | "taken" | "made" | "failed"> {
  const schedule = await readBackupSchedule(env);
  if (schedule.everyHours === null) return "off";
  if (schedule.lastRunAt && now.getTime() - schedule.lastRunAt.getTime() < schedule.everyHours * 3_600_000) return "not due";
  await db.backupSettings.upsert({ where: { id: 1 }, create: { id: 1 }, update: {} });
  const { count } = await db.backupSettings.updateMany({ where: { id: 1, lastRunAt: schedule.lastRunAt }, data: { lastRunAt: now } });
  if (count === 0) return "taken";
  try {
    const made = await runBackupScript();
    const pruned = await prune(schedule.keep);
    await db.backupSettings.update({ where: { id: 1 }, data: { lastError: null } });
    log.info({ backup: made.name, bytes: made.bytes, pruned }, "scheduled backup made");
    return "made";
  } catch (error) {
    const message = (error as Error).message.slice(0, 500);
    await db.backupSettings.update({ where: { id: 1 }, data: { lastError: message } });
    log.error({ err: error }, "scheduled backup failed");
    return "failed";
  }
}

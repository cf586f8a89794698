import { readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { getBackupSchedule, listBackups, makeBackup, readBackupSchedule, runScheduledBackup, saveBackupSchedule } from "@/lib/server/data/records/backups";
import { makeUser } from "@/test/factories";

/**
 * Scheduled backups (issue 23, decision 037) on the test database, either
 * kind: made when due by the one process whose claim lands, the oldest
 * beyond the number to keep deleted, the schedule in the audit log.
 */
const dir = path.resolve(".tmp/scheduled-backups");
const files = () => readdirSync(dir).filter((n) => n.startsWith("rollbook-"));
let saved: string | undefined;

beforeAll(() => {
  saved = process.env.ROLLBOOK_BACKUP_DIR;
  rmSync(dir, { recursive: true, force: true });
  process.env.ROLLBOOK_BACKUP_DIR = dir;
});
afterAll(async () => {
  if (saved === undefined) delete process.env.ROLLBOOK_BACKUP_DIR;
  else process.env.ROLLBOOK_BACKUP_DIR = saved;
  await db.backupSettings.deleteMany({});
});

describe("scheduled backups", () => {
  it("are made when due, by one of several processes asking at once, keeping the newest", { timeout: 60_000 }, async () => {
    const admin = await makeUser("ADMIN");
    await db.backupSettings.deleteMany({});
    expect(await runScheduledBackup(new Date(), {})).toBe("off");
    expect((await saveBackupSchedule(admin, { everyHours: 7, keep: 2 })).ok).toBe(false);
    expect((await saveBackupSchedule(admin, { everyHours: 24, keep: 0 })).ok).toBe(false);
    expect((await saveBackupSchedule(admin, { everyHours: 24, keep: 2 })).ok).toBe(true);
    const entry = await db.auditEntry.findFirst({ where: { kind: "BACKUP_SETTINGS" }, orderBy: { id: "desc" } });
    expect(JSON.parse(entry!.changes)).toMatchObject({ everyHours: [null, 24], keep: [14, 2] });

    // Three processes ask at once: one takes it.
    const t0 = new Date();
    const answers = await Promise.all([runScheduledBackup(t0, {}), runScheduledBackup(t0, {}), runScheduledBackup(t0, {})]);
    expect(answers.filter((a) => a === "made")).toHaveLength(1);
    expect(answers.filter((a) => a !== "made").every((a) => a === "taken" || a === "not due")).toBe(true);
    expect(files()).toHaveLength(1);
    expect(await runScheduledBackup(new Date(t0.getTime() + 3_600_000), {})).toBe("not due");
    expect(await runScheduledBackup(new Date(t0.getTime() + 25 * 3_600_000), {})).toBe("made");
    expect(await runScheduledBackup(new Date(t0.getTime() + 50 * 3_600_000), {})).toBe("made");
    // Three made, two kept: the newest.
    expect(files()).toHaveLength(2);
    const listed = (await listBackups(admin)).backups.map((b) => b.name);
    expect(listed).toEqual([...files()].sort().reverse());
    // By hand too, the oldest beyond the number kept goes.
    const now = await makeBackup(admin);
    expect(now.ok && now.value.pruned).toBe(1);
    expect(files()).toHaveLength(2);
    expect((await getBackupSchedule(admin)).lastError).toBeNull();
  });

  it("follows the environment where it sets the schedule", async () => {
    const env = { ROLLBOOK_BACKUP_EVERY_HOURS: "off", ROLLBOOK_BACKUP_KEEP: "3" };
    expect(await readBackupSchedule(env)).toMatchObject({ everyHours: null, keep: 3, fromEnvironment: true });
    expect(await runScheduledBackup(new Date(), env)).toBe("off");
    expect(await readBackupSchedule({ ROLLBOOK_BACKUP_EVERY_HOURS: "6" })).toMatchObject({ everyHours: 6, fromEnvironment: true });
  });
});

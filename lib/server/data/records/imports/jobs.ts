import "server-only";
import { requireAdmin, type Viewer } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import type { ImportFiles } from "@/lib/import/oneroster";
import { fail, ok, type Result } from "@/lib/server/data/result";
import { transaction } from "@/lib/server/data/sql";
import { ImportConflict, writePlan } from "@/lib/server/data/records/imports/apply";
import { plan } from "@/lib/server/data/records/imports/plan";
import { canApply, type ImportOptions, type Preview } from "@/lib/server/data/records/imports/preview";

/**
 * OneRoster CSV import: a check (in the background, with progress) that
 * produces a preview of everything the files would change (plan.ts), then
 * an apply that makes exactly those changes in one transaction, as one
 * change set (apply.ts; undo reverses it). Re-importing the same files
 * changes nothing. Entry points: each checks the viewer is an admin.
 */

export type { ImportOptions, Preview };

const STALE_MS = 10 * 60_000;

/** Rows of the files, for the progress bar. */
function rowCount(files: ImportFiles): number {
  return Object.values(files).reduce((n, text) => n + (text ? text.split("\n").length - 1 : 0), 0);
}

// Progress of the imports this process is applying (a write transaction
// can't also write its progress to the database). Checks write theirs to
// the job row, so any app server can show them.
const applying = new Map<string, { done: number; total: number }>();

/** Starts an import: stores the files and returns the job to check (with runCheck, in the background). */
export async function createImport(
  viewer: Viewer | null,
  files: ImportFiles,
  options: ImportOptions,
): Promise<Result<{ id: string }>> {
  const actor = requireAdmin(viewer);
  if (Object.keys(files).length === 0) {
    return fail("Choose a OneRoster zip, or at least one file: academicSessions.csv, users.csv, roles.csv, classes.csv or enrollments.csv.");
  }
  if (options.sync && options.skipBad) {
    return fail("A full sync can't skip rows with problems: a skipped row would look like an enrollment to remove. Choose one.");
  }
  const job = await db.importJob.create({
    data: { createdById: actor.userId, files: JSON.stringify(files), options: JSON.stringify(options), total: rowCount(files) },
    select: { id: true },
  });
  return ok(job);
}

/** Checks a stored import's files against the database and saves the preview. */
export async function runCheck(viewer: Viewer | null, id: string): Promise<void> {
  requireAdmin(viewer);
  const job = await db.importJob.findUnique({ where: { id } });
  if (!job || job.status !== "CHECKING") return;
  try {
    const p = await plan(db, JSON.parse(job.files) as ImportFiles, JSON.parse(job.options) as ImportOptions, async (done) => {
      await db.importJob.update({ where: { id }, data: { done } });
      await new Promise((resolve) => setImmediate(resolve));
    });
    await db.importJob.update({ where: { id }, data: { status: "CHECKED", done: job.total, preview: JSON.stringify(p.preview) } });
  } catch (error) {
    console.error(error);
    await db.importJob.update({ where: { id }, data: { status: "FAILED", error: "The files could not be checked: an unexpected error. Nothing was written." } });
  }
}

/** Claims a checked import for applying: refused unless its check found nothing wrong (or only rows it skips). */
export async function claimImport(viewer: Viewer | null, id: string): Promise<Result<null>> {
  requireAdmin(viewer);
  const job = await db.importJob.findUnique({ where: { id }, select: { status: true, preview: true } });
  if (!job || job.status !== "CHECKED") return fail("This import is not waiting to be applied.");
  const preview = JSON.parse(job.preview ?? "null") as Preview | null;
  if (!preview || !canApply(preview)) return fail("Fix the problems the check found, then import the files again.");
  const claimed = await db.importJob.updateMany({ where: { id, status: "CHECKED" }, data: { status: "APPLYING", error: null } });
  return claimed.count === 1 ? ok(null) : fail("This import is not waiting to be applied.");
}

/**
 * Applies a claimed import: the plan is made again inside the transaction
 * (the data may have changed since the preview) and written all or nothing.
 */
export async function runApply(viewer: Viewer | null, id: string): Promise<Result<null>> {
  const actor = requireAdmin(viewer);
  const job = await db.importJob.findUnique({ where: { id } });
  if (!job || job.status !== "APPLYING") return fail("This import is not being applied.");
  const previewed = JSON.parse(job.preview ?? "null") as Preview;
  const progress = { done: 0, total: 1 };
  applying.set(id, progress);
  try {
    await transaction(
      async (tx) => {
        const p = await plan(tx, JSON.parse(job.files) as ImportFiles, { sync: previewed.sync, skipBad: previewed.skipBad === true });
        // Skipping applies to the rows the preview listed, no others: a row gone bad since is a reason to check again.
        if (!canApply(p.preview) || p.preview.problemCount !== previewed.problemCount) {
          throw new ImportConflict("The data changed since the check, and the files no longer apply: check them again.");
        }
        progress.total = p.terms.length + p.students.length + p.teachers.length + p.classes.length + p.add.length + p.remove.length || 1;
        const changeSetId = await writePlan(tx, actor, p, (done) => (progress.done = done));
        await tx.importJob.update({
          where: { id },
          data: { status: "APPLIED", preview: JSON.stringify(p.preview), files: "{}", changeSetId, done: job.total },
        });
      },
      { timeout: 120_000, maxWait: 10_000 },
    );
    return ok(null);
  } catch (error) {
    const conflict = error instanceof ImportConflict;
    if (!conflict) console.error(error);
    const message = conflict ? error.message : "The import could not be applied: an unexpected error. Nothing was written.";
    await db.importJob.update({ where: { id }, data: { status: conflict ? "CHECKED" : "FAILED", error: message } });
    return fail(message);
  } finally {
    applying.delete(id);
  }
}

/** Claims and applies a checked import, in one call. */
export async function applyImport(viewer: Viewer | null, id: string): Promise<Result<null>> {
  const claimed = await claimImport(viewer, id);
  return claimed.ok ? runApply(viewer, id) : claimed;
}

export type ImportStatusView = {
  id: string;
  status: "CHECKING" | "CHECKED" | "APPLYING" | "APPLIED" | "FAILED";
  done: number;
  total: number;
};

/** An import's state, for its page and the progress poll. */
export async function getImport(viewer: Viewer | null, id: string) {
  requireAdmin(viewer);
  const job = await db.importJob.findUnique({
    where: { id },
    select: { id: true, status: true, done: true, total: true, preview: true, error: true, options: true, changeSetId: true, createdAt: true, updatedAt: true },
  });
  if (!job) return null;
  const now = await progressOf(job);
  const [set, undoneEntry] = job.changeSetId
    ? await Promise.all([
        db.changeSet.findUnique({ where: { id: job.changeSetId }, select: { undoneBy: true } }),
        db.auditEntry.findFirst({ where: { kind: "IMPORT", recordId: id, action: "UNDONE" }, select: { note: true, at: true, actorName: true } }),
      ])
    : [null, null];
  return {
    ...job,
    ...now,
    undone: set?.undoneBy != null,
    /** what its undo did with the records it made (imports undone before the audit log have none) */
    undoneEntry,
    preview: job.preview ? (JSON.parse(job.preview) as Preview) : null,
  };
}

/** Only how far an import is, for the progress bar's twice-a-second poll (no preview, no change set). */
export async function getImportProgress(viewer: Viewer | null, id: string) {
  requireAdmin(viewer);
  const job = await db.importJob.findUnique({ where: { id }, select: { id: true, status: true, done: true, total: true, error: true, updatedAt: true } });
  return job ? progressOf(job) : null;
}

/**
 * An import's status and progress as they are now: live counts from the
 * process applying it, and a check or apply whose server stopped mid-way
 * (it never finishes) marked failed after 10 quiet minutes. An apply's
 * transaction rolled back with its server, so nothing was written.
 */
async function progressOf(job: { id: string; status: ImportStatusView["status"]; done: number; total: number; error: string | null; updatedAt: Date }) {
  const live = applying.get(job.id);
  const working = job.status === "CHECKING" || job.status === "APPLYING";
  if (working && !live && Date.now() - job.updatedAt.getTime() > STALE_MS) {
    const error = "This import stopped before it finished (the server restarted?). Nothing was written: import the files again.";
    const { count } = await db.importJob.updateMany({
      where: { id: job.id, status: job.status, updatedAt: job.updatedAt },
      data: { status: "FAILED", error },
    });
    if (count) return { status: "FAILED" as const, done: job.done, total: job.total, error };
  }
  return { status: job.status, done: live ? live.done : job.done, total: live ? live.total : job.total, error: job.error };
}

/** The latest imports, newest first. */
export async function listImports(viewer: Viewer | null) {
  requireAdmin(viewer);
  return db.importJob.findMany({
    orderBy: { createdAt: "desc" },
    take: 10,
    select: { id: true, status: true, total: true, createdAt: true, createdById: true },
  });
}

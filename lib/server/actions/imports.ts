"use server";
import { after } from "next/server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import type { ActionState } from "@/lib/action-state";
import { decodeFile, FILE_NAMES, type FileKind, type ImportFiles } from "@/lib/import/oneroster";
import { readZip } from "@/lib/import/oneroster-zip";
import { asViewer, boundId, postedForm } from "@/lib/server/actions/guard";
import { getViewer } from "@/lib/server/auth";
import { claimImport, createImport, runApply, runCheck } from "@/lib/server/data/records/imports/jobs";
import { IdSchema } from "@/lib/schemas/enrollments";

/**
 * "Check files": reads the uploaded files (UTF-8, size limit), stores them as
 * an import, starts the check in the background and opens the import's page,
 * which shows its progress and then the preview. Nothing is imported yet.
 */
export async function startImportAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  postedForm(formData);
  let files: ImportFiles = {};
  const fieldErrors: Record<string, string> = {};
  const zip = formData.get("zip");
  for (const kind of Object.keys(FILE_NAMES) as FileKind[]) {
    const file = formData.get(kind);
    if (!(file instanceof File) || file.size === 0) continue;
    const decoded = decodeFile(new Uint8Array(await file.arrayBuffer()), FILE_NAMES[kind]);
    if ("problem" in decoded) fieldErrors[kind] = decoded.problem.message;
    else files[kind] = decoded.text;
  }
  if (zip instanceof File && zip.size > 0) {
    // One OneRoster zip (with manifest.csv) instead of the files one by one.
    if (Object.keys(files).length || Object.keys(fieldErrors).length) fieldErrors.zip = "Upload the zip or the files, not both.";
    else {
      const read = readZip(new Uint8Array(await zip.arrayBuffer()), zip.name || "The zip");
      if ("problem" in read) fieldErrors.zip = read.problem;
      else files = read.files;
    }
  }
  if (Object.keys(fieldErrors).length) return { status: "error", message: "These files can't be read.", fieldErrors };
  const viewer = await getViewer();
  const result = await asViewer(() => createImport(viewer, files, { sync: formData.get("sync") === "on", skipBad: formData.get("skipBad") === "on" }));
  if ("status" in result) return result;
  if (!result.ok) return { status: "error", message: result.message };
  const { id } = result.value;
  after(() => runCheck(viewer, id));
  redirect(`/admin/import/${id}`);
}

/** "Apply": claims the checked import now, writes it in the background; its page shows the progress. */
export async function applyImportAction(id: string, _prev: ActionState, _formData: FormData): Promise<ActionState> {
  const importId = boundId(IdSchema, id);
  const viewer = await getViewer();
  const claimed = await asViewer(() => claimImport(viewer, importId));
  if ("status" in claimed) return claimed;
  if (!claimed.ok) return { status: "error", message: claimed.message };
  after(async () => {
    await runApply(viewer, importId);
    revalidatePath("/admin", "layout");
  });
  redirect(`/admin/import/${importId}`);
}

"use server";
import { revalidatePath } from "next/cache";
import type { ActionState } from "@/lib/action-state";
import { actionBegins } from "@/lib/request-context.mjs";
import { makeBackup, saveBackupSchedule } from "@/lib/server/data/records/backups";
import { asViewer, postedForm } from "@/lib/server/actions/guard";

/** "Back up now" on the backups page. */
export async function makeBackupAction(_prev: ActionState, _formData: FormData): Promise<ActionState> {
  actionBegins();
  const result = await asViewer((viewer) => makeBackup(viewer));
  if ("status" in result) return result;
  if (!result.ok) return { status: "error", message: result.message };
  revalidatePath("/admin/backups");
  const { name, bytes, pruned } = result.value;
  const gone = pruned ? ` The ${pruned === 1 ? "oldest backup was" : `${pruned} oldest backups were`} deleted, to keep the number set below.` : "";
  return { status: "ok", message: `Backed up: ${name} (${Math.ceil(bytes / 1024).toLocaleString("en")} KB).${gone}` };
}

/** The schedule form: how often the server backs up on its own (or never), and how many backups it keeps. */
export async function saveBackupScheduleAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  postedForm(formData);
  const every = String(formData.get("everyHours") ?? "");
  const keepText = String(formData.get("keep") ?? "").trim();
  const input = { everyHours: every === "off" ? null : Number(every), keep: /^\d{1,4}$/.test(keepText) ? Number(keepText) : Number.NaN };
  const values = { everyHours: every, keep: keepText };
  const result = await asViewer((viewer) => saveBackupSchedule(viewer, input));
  if ("status" in result) return result;
  if (!result.ok) return { status: "error", message: result.message, fieldErrors: result.fieldErrors, values };
  revalidatePath("/admin/backups");
  return { status: "ok", message: input.everyHours === null ? "Saved: the server makes no backups on its own." : "Saved: the server backs up on this schedule." };
}

"use server";
import { revalidatePath } from "next/cache";
import type { ActionState } from "@/lib/action-state";
import { actionBegins } from "@/lib/request-context.mjs";
import { asViewer } from "@/lib/server/actions/guard";
import { makeBackup } from "@/lib/server/data/records/backups";

/** "Back up now" on the backups page. */
export async function makeBackupAction(_prev: ActionState, _formData: FormData): Promise<ActionState> {
  actionBegins();
  const result = await asViewer((viewer) => makeBackup(viewer));
  if ("status" in result) return result;
  if (!result.ok) return { status: "error", message: result.message };
  revalidatePath("/admin/backups");
  return { status: "ok", message: `Backed up: ${result.value.name} (${Math.ceil(result.value.bytes / 1024).toLocaleString("en")} KB).` };
}

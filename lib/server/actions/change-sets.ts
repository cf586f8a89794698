"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionState } from "@/lib/action-state";
import { asViewer, boundId, postedForm } from "@/lib/server/actions/guard";
import { undoChangeSet } from "@/lib/server/data/records/change-sets";
import { summaryText } from "@/lib/server/data/enrollment/actor";
import { importUndoneText } from "@/lib/server/data/records/imports/undo";

/**
 * "Undo" (on the admin home, an import's page, and beside what a Save or a
 * tick just did): reverses the admin's latest change set, waitlist places
 * included.
 */
export async function undoChangeSetAction(id: number, _prev: ActionState, _formData: FormData): Promise<ActionState> {
  const setId = boundId(z.number().int().positive(), id);
  const result = await asViewer((viewer) => undoChangeSet(viewer, setId));
  if ("status" in result) return result;
  if (!result.ok) return { status: "error", message: result.message };
  revalidatePath("/admin", "layout");
  const { backInLine, records } = result.value;
  const waiting = backInLine.length ? ` Back on the waitlist, in the same place as before: ${backInLine.join(", ")}.` : "";
  const made = records ? ` ${importUndoneText(records)}` : "";
  return { status: "ok", message: `Undone (${summaryText(result.value)}).${waiting}${made}` };
}

/**
 * The same, from a form that names the change set in its `undo` field: the
 * Undo beside what a Save or a tick just did. (A bound action, made while
 * rendering, sent React's server renderer into a loop after a form post
 * without JavaScript.)
 */
export async function undoSavedAction(prev: ActionState, formData: FormData): Promise<ActionState> {
  postedForm(formData);
  const id = z.coerce.number().int().positive().safeParse(formData.get("undo"));
  if (!id.success) return { status: "error", message: "That change could not be read: reload the page." };
  return undoChangeSetAction(id.data, prev, formData);
}

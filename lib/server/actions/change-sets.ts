"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionState } from "@/lib/action-state";
import { asViewer, boundId } from "@/lib/server/actions/guard";
import { undoChangeSet } from "@/lib/server/data/change-sets";
import { summaryText } from "@/lib/server/data/enrollments";

/** "Undo": reverses the admin's latest change set. */
export async function undoChangeSetAction(id: number, _prev: ActionState, _formData: FormData): Promise<ActionState> {
  const setId = boundId(z.number().int().positive(), id);
  const result = await asViewer((viewer) => undoChangeSet(viewer, setId));
  if ("status" in result) return result;
  if (!result.ok) return { status: "error", message: result.message };
  revalidatePath("/admin", "layout");
  const { backInLine } = result.value;
  const waiting = backInLine.length ? ` Back on the waitlist, in the same place as before: ${backInLine.join(", ")}.` : "";
  return { status: "ok", message: `Undone (${summaryText(result.value)}).${waiting}` };
}

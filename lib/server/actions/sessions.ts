"use server";
import { revalidatePath } from "next/cache";
import type { ActionState } from "@/lib/action-state";
import { asViewer, boundId } from "@/lib/server/actions/guard";
import { endUserSessions } from "@/lib/server/data/access/sessions";
import { IdSchema } from "@/lib/schemas/enrollments";

/** An admin signs a user out everywhere: every session of theirs ends at once. */
export async function endSessionsAction(userId: string, _prev: ActionState, _formData: FormData): Promise<ActionState> {
  const id = boundId(IdSchema, userId);
  const ended = await asViewer((viewer) => endUserSessions(viewer, id));
  if (typeof ended !== "number") return ended;
  revalidatePath("/admin", "layout");
  return { status: "ok", message: ended === 1 ? "Signed out everywhere: 1 session ended." : `Signed out everywhere: ${ended} sessions ended.` };
}

"use server";
import { revalidatePath } from "next/cache";
import type { ActionState, ToggleResult } from "@/lib/action-state";
import { asViewer } from "@/lib/server/actions/guard";
import type { Result } from "@/lib/server/data/result";
import { dropMyself, enrollMyself, joinMyWaitlist, leaveMyWaitlist, saveMyClasses } from "@/lib/server/data/self-service";
import { IdSchema, SaveChecklistSchema } from "@/lib/schemas/enrollments";

const CodeSchema = IdSchema.optional();

function refresh() {
  revalidatePath("/student");
  revalidatePath("/admin", "layout");
  revalidatePath("/teacher", "layout");
}

function toToggle<T>(result: Result<T> | ActionState): ToggleResult {
  if ("status" in result) return { ok: false, message: result.status === "error" ? result.message : "Not saved." };
  return result.ok ? { ok: true } : { ok: false, message: result.message };
}

/** A student ticks (with the join code, if the class needs one) or unticks a class. */
export async function toggleMyClassAction(courseId: string, enrolled: boolean, joinCode?: string): Promise<ToggleResult> {
  const id = IdSchema.safeParse(courseId);
  const code = CodeSchema.safeParse(joinCode || undefined);
  if (!id.success || !code.success || typeof enrolled !== "boolean") {
    return { ok: false, message: "That change could not be read: reload the page." };
  }
  const result = await asViewer<Result<unknown>>((viewer) =>
    enrolled ? enrollMyself(viewer, { courseId: id.data, joinCode: code.data }) : dropMyself(viewer, id.data),
  );
  refresh();
  return toToggle(result);
}

/** The Save button of the student's form (without JavaScript). */
export async function saveMyClassesAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const checked = formData.getAll("checked").map(String);
  const parsed = SaveChecklistSchema.safeParse({ shown: formData.getAll("shown").map(String), checked });
  if (!parsed.success) return { status: "error", message: "The form could not be read: reload the page.", checked };
  const codes: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (key.startsWith("joinCode:") && typeof value === "string") codes[key.slice("joinCode:".length)] = value.slice(0, 64);
  }
  const result = await asViewer((viewer) => saveMyClasses(viewer, parsed.data.shown, parsed.data.checked, codes));
  if ("status" in result) return result;
  if (!result.ok) return { status: "error", message: `${result.message} Nothing was saved.`, checked };
  refresh();
  const { added, removed } = result.value;
  return {
    status: "ok",
    message: added + removed === 0 ? "No changes to save." : `Saved: ${added} added, ${removed} dropped.`,
  };
}

/** "Join waitlist" / "Leave waitlist": the button's value names the class. */
export async function waitlistAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const intent = String(formData.get("waitlist") ?? "");
  const [verb, courseId] = intent.split(":");
  const id = IdSchema.safeParse(courseId);
  if ((verb !== "join" && verb !== "leave") || !id.success) {
    return { status: "error", message: "The form could not be read: reload the page." };
  }
  const joinCode = String(formData.get(`joinCode:${id.data}`) ?? "").slice(0, 64);
  const result = await asViewer<Result<{ position: number; seated: boolean } | null>>((viewer) =>
    verb === "join" ? joinMyWaitlist(viewer, { courseId: id.data, joinCode }) : leaveMyWaitlist(viewer, id.data),
  );
  if ("status" in result) return result;
  if (!result.ok) return { status: "error", message: result.message };
  refresh();
  if (!result.value) return { status: "ok", message: "You left the waitlist." };
  const { position, seated } = result.value;
  return {
    status: "ok",
    message: seated ? "A seat was free: you are enrolled." : `You are on the waitlist: number ${position}.`,
  };
}

"use server";
import { revalidatePath } from "next/cache";
import type { ActionState, ToggleResult } from "@/lib/action-state";
import { asViewer } from "@/lib/server/actions/guard";
import { previewChecklist, saveChecklist, setEnrollment } from "@/lib/server/data/enrollments";
import { IdSchema, SaveChecklistSchema, ToggleEnrollmentSchema } from "@/lib/schemas/enrollments";

function refreshPages(studentId?: string, courseId?: string) {
  if (studentId) revalidatePath(`/admin/students/${studentId}`);
  if (courseId) revalidatePath(`/admin/classes/${courseId}`);
  revalidatePath("/admin", "layout");
}

type Fixed = { studentId: string } | { courseId: string };

/**
 * One box ticked or unticked with JavaScript, saved at once. Bound on the page
 * to its student (the box is a class) or its class (the box is a student).
 */
export async function toggleEnrollmentAction(fixed: Fixed, otherId: string, enrolled: boolean): Promise<ToggleResult> {
  const link =
    "studentId" in fixed ? { studentId: fixed.studentId, courseId: otherId } : { studentId: otherId, courseId: fixed.courseId };
  const parsed = ToggleEnrollmentSchema.safeParse({ ...link, enrolled: String(enrolled) });
  if (!parsed.success) return { ok: false, message: "That change could not be read: reload the page." };
  const result = await asViewer((viewer) => setEnrollment(viewer, parsed.data));
  if ("status" in result) return { ok: false, message: result.status === "error" ? result.message : "Not saved." };
  refreshPages(parsed.data.studentId, parsed.data.courseId);
  return result.ok ? { ok: true } : { ok: false, message: result.message };
}

/** The Save button of a checklist (the path without JavaScript). */
export async function saveChecklistAction(
  fixed: Fixed,
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const checked = formData.getAll("checked").map(String);
  const parsed = SaveChecklistSchema.safeParse({ shown: formData.getAll("shown").map(String), checked });
  const owner =
    "studentId" in fixed
      ? IdSchema.safeParse(fixed.studentId).success && { studentId: fixed.studentId }
      : IdSchema.safeParse(fixed.courseId).success && { courseId: fixed.courseId };
  if (!parsed.success || !owner) return { status: "error", message: "The form could not be read: reload the page.", checked };
  // First the impact, written nowhere; the admin then confirms (the form sends confirm=yes).
  if (formData.get("confirm") !== "yes") {
    const preview = await asViewer((viewer) => previewChecklist(viewer, owner, parsed.data.shown, parsed.data.checked));
    if ("status" in preview) return preview;
    const { added, removed, overCapacity } = preview;
    if (added + removed === 0) return { status: "ok", message: "No changes to save." };
    const over = overCapacity.map((c) => `${c.code} would go over capacity by ${c.after - c.capacity} (${c.after} for ${c.capacity} seats)`);
    const message =
      `This will enroll ${added} and remove ${removed}.` +
      (over.length ? ` ${over.join("; ")}: the save would be refused. Untick some, then review again.` : " Confirm to save.");
    return { status: "preview", message, blocked: over.length > 0, checked };
  }
  const result = await asViewer((viewer) => saveChecklist(viewer, owner, parsed.data.shown, parsed.data.checked));
  if ("status" in result) return result;
  if (!result.ok) return { status: "error", message: `${result.message} Nothing was saved.`, checked };
  refreshPages("studentId" in owner ? owner.studentId : undefined, "courseId" in owner ? owner.courseId : undefined);
  const { added, removed } = result.value;
  const message =
    added + removed === 0 ? "No changes to save." : `Saved: ${added} added, ${removed} removed.`;
  return { status: "ok", message };
}

"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionState } from "@/lib/action-state";
import { z } from "zod";
import { asViewer, boundId, postedForm } from "@/lib/server/actions/guard";
import { previewChecklist, saveChecklist } from "@/lib/server/data/enrollment/admin";
import { IdSchema, SaveChecklistSchema, shownIds } from "@/lib/schemas/enrollments";
import { savedParam, savedText } from "@/lib/saved-message";

const FixedSchema = z.union([z.strictObject({ studentId: IdSchema }), z.strictObject({ courseId: IdSchema })]);
type Fixed = z.infer<typeof FixedSchema>;

/** The Save button of a checklist (the path without JavaScript). */
export async function saveChecklistAction(
  fixed: Fixed,
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const owner = boundId(FixedSchema, fixed);
  postedForm(formData);
  const checked = formData.getAll("checked").map(String);
  const parsed = SaveChecklistSchema.safeParse({ shown: shownIds(formData), checked });
  if (!parsed.success) return { status: "error", message: "The form could not be read: reload the page.", checked };
  // First the impact, written nowhere; the admin then confirms (the form sends confirm=yes).
  if (formData.get("confirm") !== "yes") {
    const preview = await asViewer((viewer) => previewChecklist(viewer, owner, parsed.data.shown, parsed.data.checked));
    if ("status" in preview) return preview;
    const { added, removed, overCapacity, promoted, names, clashes, holds, loads } = preview;
    if (added + removed === 0) return { status: "ok", message: "No changes to save." };
    const over = overCapacity.map((c) => `${c.code} would go over capacity by ${c.after - c.capacity} (${c.after} for ${c.capacity} seats)`);
    const message =
      `This will enroll ${added}${listed(names.added, added)} and remove ${removed}${listed(names.removed, removed)}.` +
      (promoted.length ? ` The removals give seats to ${promoted.join(", ")} from the waitlist.` : "") +
      (holds.length ? ` Holds (passed, and kept in the history, if you save): ${holds.slice(0, 10).join(" ")}${holds.length > 10 ? ` And ${holds.length - 10} more.` : ""}` : "") +
      (loads.length ? ` Load limits (passed, and kept in the history, if you save): ${loads.slice(0, 10).join(" ")}${loads.length > 10 ? ` And ${loads.length - 10} more.` : ""}` : "") +
      (clashes.length ? ` Clashes (kept in the history if you save): ${clashes.slice(0, 10).join(" ")}${clashes.length > 10 ? ` And ${clashes.length - 10} more.` : ""}` : "") +
      (over.length ? ` ${over.join("; ")}: the save would be refused. Untick some, then review again.` : " Confirm to save.");
    return { status: "preview", message, blocked: over.length > 0, checked };
  }
  const result = await asViewer((viewer) => saveChecklist(viewer, owner, parsed.data.shown, parsed.data.checked));
  if ("status" in result) return result;
  if (!result.ok) return { status: "error", message: `${result.message} Nothing was saved.`, checked };
  const page = "studentId" in owner ? `/admin/students/${owner.studentId}` : `/admin/classes/${owner.courseId}`;
  if (formData.get("js") === "1") {
    // "Change several at once" with JavaScript: the page comes back fresh in this answer.
    revalidatePath(page);
    return { status: "ok", message: savedText(result.value), undo: result.value.changeSetId };
  }
  // Without JavaScript, post/redirect/get: a 303 to the page, which says what was saved (and offers its undo).
  const undo = result.value.changeSetId ? `&undo=${result.value.changeSetId}` : "";
  redirect(`${page}?saved=${savedParam(result.value)}${undo}`);
}

/** " (Ana Silva, Ben Okafor and 3 more)": who a review names, after its count. */
function listed(names: string[], count: number): string {
  if (count === 0) return "";
  const more = count - names.length;
  return ` (${names.join(", ")}${more > 0 ? ` and ${more} more` : ""})`;
}

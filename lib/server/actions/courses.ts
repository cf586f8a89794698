"use server";
import { z } from "zod";
import type { ActionState } from "@/lib/action-state";
import { revalidatePath } from "next/cache";
import { createHash } from "node:crypto";
import { asViewer, boundId, formValues, invalid, postedForm, refused, saveAdminForm, submitAdminForm } from "@/lib/server/actions/guard";
import { previewCourseChange, updateCourse } from "@/lib/server/data/catalog/course-changes";
import type { Result } from "@/lib/server/data/result";
import { admitFromWaitlist, removeFromWaitlist } from "@/lib/server/data/enrollment/admin";
import { createCourse, deleteCourse, regenerateJoinCode } from "@/lib/server/data/catalog/courses";
import { CourseSchema } from "@/lib/schemas/courses";
import { IdSchema } from "@/lib/schemas/enrollments";

export async function createCourseAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  postedForm(formData);
  return submitAdminForm(formData, CourseSchema, createCourse, ({ id }) => `/admin/classes/${id}`);
}

/**
 * A class's edit form: what the change would do to its students (told of
 * new times, clashing, seated from the waitlist, a moved deadline) is said
 * first, nothing written; the same form sent again as it was previewed
 * saves it. A change no student notices saves at once.
 */
export async function updateCourseAction(id: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const courseId = boundId(IdSchema, id);
  postedForm(formData);
  const parsed = CourseSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error, formData);
  // What was previewed, as a fingerprint of the form: changed since, it is previewed again.
  const previewed = createHash("sha256").update(JSON.stringify(parsed.data)).digest("base64url").slice(0, 22);
  if (formData.get("previewed") !== previewed) {
    const effects = await asViewer((viewer) => previewCourseChange(viewer, courseId, parsed.data));
    if ("status" in effects) return effects;
    if (!effects.ok) return refused(effects, formData);
    if (effects.value.length) {
      return {
        status: "confirm",
        message: "Nothing is saved yet. Saving this would:",
        effects: effects.value,
        values: { ...formValues(formData), previewed },
        confirmLabel: "Save anyway",
      };
    }
  }
  return saveAdminForm(
    formData,
    parsed.data,
    (viewer, input) => updateCourse(viewer, courseId, input),
    // New times that clash for some of its students: the class page lists them.
    ({ clashes }) => `/admin/classes/${courseId}${clashes ? `?clashes=${clashes}` : ""}`,
  );
}

export async function deleteCourseAction(id: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const courseId = boundId(IdSchema, id);
  postedForm(formData);
  return submitAdminForm(formData, z.object({}), (viewer) => deleteCourse(viewer, courseId), () => "/admin/classes");
}

export async function regenerateJoinCodeAction(id: string, _prev: ActionState, _formData: FormData): Promise<ActionState> {
  const courseId = boundId(IdSchema, id);
  const result = await asViewer((viewer) => regenerateJoinCode(viewer, courseId));
  if ("status" in result) return result;
  if (!result.ok) return { status: "error", message: result.message };
  revalidatePath(`/admin/classes/${courseId}`);
  return { status: "ok", message: `The new join code is ${result.value.joinCode}. The old one no longer works.` };
}

/** "Enroll now" / "Remove" on a class's waitlist: the button's value says which and who. */
export async function waitlistAdminAction(id: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const courseId = boundId(IdSchema, id);
  postedForm(formData);
  const [verb, studentId] = String(formData.get("entry") ?? "").split(":");
  const student = IdSchema.safeParse(studentId);
  if ((verb !== "admit" && verb !== "remove") || !student.success) {
    return { status: "error", message: "The form could not be read: reload the page." };
  }
  const link = { studentId: student.data, courseId };
  const result = await asViewer<Result<unknown>>((viewer) =>
    verb === "admit" ? admitFromWaitlist(viewer, link) : removeFromWaitlist(viewer, link),
  );
  if ("status" in result) return result;
  if (!result.ok) return { status: "error", message: result.message };
  revalidatePath("/admin", "layout");
  return { status: "ok", message: verb === "admit" ? "Enrolled from the waitlist." : "Removed from the waitlist." };
}

"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionState } from "@/lib/action-state";
import { asViewer, boundId, invalid, postedForm, refused } from "@/lib/server/actions/guard";
import { liftHold, placeHold } from "@/lib/server/data/people/holds";
import { IdSchema } from "@/lib/schemas/enrollments";
import { HoldSchema, LiftSchema } from "@/lib/schemas/holds";

/** An admin places a hold on the student whose page it is. */
export async function placeHoldAction(id: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const studentId = boundId(IdSchema, id);
  postedForm(formData);
  const parsed = HoldSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error, formData);
  const result = await asViewer((viewer) => placeHold(viewer, studentId, parsed.data));
  if ("status" in result) return result;
  if (!result.ok) return refused(result, formData);
  // Post/redirect/get: the page says what was done (holdMessage), with or without JavaScript.
  revalidatePath(`/admin/students/${studentId}`);
  redirect(`/admin/students/${studentId}?hold=placed`);
}

/** An admin lifts a hold (bound: the hold and its student's page), with a note if they give one. */
export async function liftHoldAction(id: string, studentId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const holdId = boundId(IdSchema, id);
  const pageId = boundId(IdSchema, studentId);
  postedForm(formData);
  const parsed = LiftSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error, formData);
  const result = await asViewer((viewer) => liftHold(viewer, holdId, parsed.data));
  if ("status" in result) return result;
  if (!result.ok) return refused(result, formData);
  revalidatePath(`/admin/students/${pageId}`);
  redirect(`/admin/students/${pageId}?hold=lifted-${result.value.promoted}`);
}

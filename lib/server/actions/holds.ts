"use server";
import type { ActionState } from "@/lib/action-state";
import { boundId, postedForm, submitAdminForm } from "@/lib/server/actions/guard";
import { liftHold, placeHold } from "@/lib/server/data/people/holds";
import { IdSchema } from "@/lib/schemas/enrollments";
import { HoldSchema, LiftSchema } from "@/lib/schemas/holds";

// Post/redirect/get: the student's page says what was done (holdMessage), with or without JavaScript.

/** An admin places a hold on the student whose page it is. */
export async function placeHoldAction(id: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const studentId = boundId(IdSchema, id);
  postedForm(formData);
  return submitAdminForm(formData, HoldSchema, (viewer, input) => placeHold(viewer, studentId, input), () => `/admin/students/${studentId}?hold=placed`);
}

/** An admin lifts a hold (bound: the hold and its student's page), with a note if they give one. */
export async function liftHoldAction(id: string, studentId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const holdId = boundId(IdSchema, id);
  const pageId = boundId(IdSchema, studentId);
  postedForm(formData);
  return submitAdminForm(formData, LiftSchema, (viewer, input) => liftHold(viewer, holdId, input), ({ promoted }) => `/admin/students/${pageId}?hold=lifted-${promoted}`);
}

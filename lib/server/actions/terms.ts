"use server";
import { z } from "zod";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import type { ActionState } from "@/lib/action-state";
import { asViewer, boundId, postedForm, submitAdminForm } from "@/lib/server/actions/guard";
import { copyTermClasses, createTerm, deleteTerm, updateTerm } from "@/lib/server/data/catalog/terms";
import { IdSchema } from "@/lib/schemas/enrollments";
import { RolloverSchema, TermSchema } from "@/lib/schemas/terms";

export async function createTermAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  postedForm(formData);
  return submitAdminForm(formData, TermSchema, createTerm, ({ id }) => `/admin/terms/${id}`);
}

export async function updateTermAction(id: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const termId = boundId(IdSchema, id);
  postedForm(formData);
  return submitAdminForm(formData, TermSchema, (viewer, input) => updateTerm(viewer, termId, input), () => `/admin/terms/${termId}`);
}

export async function deleteTermAction(id: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const termId = boundId(IdSchema, id);
  postedForm(formData);
  return submitAdminForm(formData, z.object({}), (viewer) => deleteTerm(viewer, termId), () => "/admin/terms");
}

/** "Copy N classes" after the rollover's preview: the target term and the code rule come back as fields. */
export async function copyTermClassesAction(id: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const fromId = boundId(IdSchema, id);
  postedForm(formData);
  const parsed = RolloverSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { status: "error", message: parsed.error.issues[0]?.message ?? "The form could not be read: reload the page." };
  const { to, from, replaceWith } = parsed.data;
  const result = await asViewer((viewer) => copyTermClasses(viewer, fromId, to, { from, to: replaceWith }));
  if ("status" in result) return result;
  if (!result.ok) return { status: "error", message: result.message };
  revalidatePath("/admin", "layout");
  redirect(`/admin/terms/${to}?copied=${result.value.copied}`);
}

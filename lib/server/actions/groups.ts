"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionState } from "@/lib/action-state";
import { asViewer, boundId, invalid, postedForm, refused, submitAdminForm } from "@/lib/server/actions/guard";
import { addToGroup, createGroup, deleteGroup, removeFromGroup } from "@/lib/server/data/people/groups";
import { addWindow, removeWindow } from "@/lib/server/data/enrollment/windows";
import { IdSchema } from "@/lib/schemas/enrollments";
import { AddMembersSchema, GroupSchema, WindowSchema } from "@/lib/schemas/groups";

export async function createGroupAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  postedForm(formData);
  return submitAdminForm(formData, GroupSchema, createGroup, ({ id }) => `/admin/groups/${id}`);
}

export async function deleteGroupAction(id: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const groupId = boundId(IdSchema, id);
  postedForm(formData);
  return submitAdminForm(formData, z.object({}), (viewer) => deleteGroup(viewer, groupId), () => "/admin/groups");
}

/** Adds the students listed (numbers or emails, one per line): all or nothing; the page then says how many. */
export async function addToGroupAction(id: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const groupId = boundId(IdSchema, id);
  postedForm(formData);
  const parsed = AddMembersSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error, formData);
  const result = await asViewer((viewer) => addToGroup(viewer, groupId, parsed.data.students));
  if ("status" in result) return result;
  if (!result.ok) return refused(result, formData);
  revalidatePath(`/admin/groups/${groupId}`);
  redirect(`/admin/groups/${groupId}?added=${result.value.added}-${result.value.already}`);
}

/** Takes one student out (bound: the group and the student). */
export async function removeFromGroupAction(id: string, studentId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const groupId = boundId(IdSchema, id);
  const student = boundId(IdSchema, studentId);
  postedForm(formData);
  const result = await asViewer((viewer) => removeFromGroup(viewer, groupId, student));
  if ("status" in result) return result;
  if (!result.ok) return { status: "error", message: result.message };
  revalidatePath(`/admin/groups/${groupId}`);
  redirect(`/admin/groups/${groupId}?removed=1`);
}

/** Opens the term's registration to a group (or every student) at a moment, in random slots if asked. */
export async function addWindowAction(id: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const termId = boundId(IdSchema, id);
  postedForm(formData);
  const parsed = WindowSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error, formData);
  const result = await asViewer((viewer) => addWindow(viewer, termId, parsed.data));
  if ("status" in result) return result;
  if (!result.ok) return refused(result, formData);
  revalidatePath(`/admin/terms/${termId}`);
  redirect(`/admin/terms/${termId}?window=added`);
}

/** Removes a group's window (bound: the term, and the group or "" for every student's). */
export async function removeWindowAction(id: string, group: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const termId = boundId(IdSchema, id);
  const groupId = group === "" ? null : boundId(IdSchema, group);
  postedForm(formData);
  const result = await asViewer((viewer) => removeWindow(viewer, termId, groupId));
  if ("status" in result) return result;
  if (!result.ok) return { status: "error", message: result.message };
  revalidatePath(`/admin/terms/${termId}`);
  redirect(`/admin/terms/${termId}?window=removed`);
}

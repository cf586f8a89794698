"use server";
import { z } from "zod";
import type { ActionState } from "@/lib/action-state";
import { boundId, postedForm, submitAdminForm } from "@/lib/server/actions/guard";
import { addToGroup, createGroup, deleteGroup, removeFromGroup } from "@/lib/server/data/people/groups";
import { addWindow, removeWindow } from "@/lib/server/data/enrollment/windows";
import { IdSchema } from "@/lib/schemas/enrollments";
import { AddMembersSchema, GroupSchema, WindowSchema } from "@/lib/schemas/groups";

// Each redirects to the page it came from, which says what was done (post/redirect/get, with or without JavaScript).

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
  return submitAdminForm(
    formData,
    AddMembersSchema,
    (viewer, input) => addToGroup(viewer, groupId, input.students),
    ({ added, already }) => `/admin/groups/${groupId}?added=${added}-${already}`,
  );
}

/** Takes one student out (bound: the group and the student). */
export async function removeFromGroupAction(id: string, studentId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const groupId = boundId(IdSchema, id);
  const student = boundId(IdSchema, studentId);
  postedForm(formData);
  return submitAdminForm(formData, z.object({}), (viewer) => removeFromGroup(viewer, groupId, student), () => `/admin/groups/${groupId}?removed=1`);
}

/** Opens the term's registration to a group (or every student) at a moment, in random slots if asked. */
export async function addWindowAction(id: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const termId = boundId(IdSchema, id);
  postedForm(formData);
  return submitAdminForm(formData, WindowSchema, (viewer, input) => addWindow(viewer, termId, input), () => `/admin/terms/${termId}?window=added`);
}

/** Removes a group's window (bound: the term, and the group or "" for every student's). */
export async function removeWindowAction(id: string, group: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const termId = boundId(IdSchema, id);
  const groupId = group === "" ? null : boundId(IdSchema, group);
  postedForm(formData);
  return submitAdminForm(formData, z.object({}), (viewer) => removeWindow(viewer, termId, groupId), () => `/admin/terms/${termId}?window=removed`);
}

"use server";
import type { ActionState } from "@/lib/action-state";
import { boundId, postedForm, submitAdminForm } from "@/lib/server/actions/guard";
import { createTeacher, updateTeacher } from "@/lib/server/data/people/teachers";
import { IdSchema } from "@/lib/schemas/enrollments";
import { TeacherSchema } from "@/lib/schemas/people";

export async function createTeacherAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  postedForm(formData);
  return submitAdminForm(formData, TeacherSchema, createTeacher, () => "/admin/teachers");
}

export async function updateTeacherAction(id: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const teacherId = boundId(IdSchema, id);
  postedForm(formData);
  return submitAdminForm(
    formData,
    TeacherSchema,
    (viewer, input) => updateTeacher(viewer, teacherId, input),
    () => "/admin/teachers",
  );
}

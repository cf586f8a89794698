"use server";
import { z } from "zod";
import type { ActionState } from "@/lib/action-state";
import { boundId, postedForm, submitAdminForm } from "@/lib/server/actions/guard";
import { createStudent, deleteStudent, updateStudent } from "@/lib/server/data/people/students";
import { IdSchema } from "@/lib/schemas/enrollments";
import { StudentSchema } from "@/lib/schemas/people";

export async function createStudentAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  postedForm(formData);
  return submitAdminForm(formData, StudentSchema, createStudent, ({ id }) => `/admin/students/${id}`);
}

export async function updateStudentAction(id: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const studentId = boundId(IdSchema, id);
  postedForm(formData);
  return submitAdminForm(
    formData,
    StudentSchema,
    (viewer, input) => updateStudent(viewer, studentId, input),
    () => `/admin/students/${studentId}`,
  );
}

export async function deleteStudentAction(id: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const studentId = boundId(IdSchema, id);
  postedForm(formData);
  return submitAdminForm(formData, z.object({}), (viewer) => deleteStudent(viewer, studentId), () => "/admin/students");
}

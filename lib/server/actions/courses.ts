"use server";
import { z } from "zod";
import type { ActionState } from "@/lib/action-state";
import { submitAdminForm } from "@/lib/server/actions/guard";
import { createCourse, deleteCourse, updateCourse } from "@/lib/server/data/courses";
import { CourseSchema } from "@/lib/schemas/courses";
import { IdSchema } from "@/lib/schemas/enrollments";

export async function createCourseAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return submitAdminForm(formData, CourseSchema, createCourse, ({ id }) => `/admin/classes/${id}`);
}

export async function updateCourseAction(id: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const courseId = IdSchema.parse(id);
  return submitAdminForm(
    formData,
    CourseSchema,
    (viewer, input) => updateCourse(viewer, courseId, input),
    () => `/admin/classes/${courseId}`,
  );
}

export async function deleteCourseAction(id: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const courseId = IdSchema.parse(id);
  return submitAdminForm(formData, z.object({}), (viewer) => deleteCourse(viewer, courseId), () => "/admin/classes");
}

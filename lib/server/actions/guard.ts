import "server-only";
import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import type { z } from "zod";
import type { ActionState } from "@/lib/action-state";
import { getViewer } from "@/lib/server/auth";
import { ForbiddenError, type Viewer } from "@/lib/server/authz";
import type { Fail, Result } from "@/lib/server/data/result";
import { actionBegins, refuseRequest } from "@/lib/request-context.mjs";

/**
 * Runs an action's work as the signed-in viewer. The data layer decides what
 * the viewer may do; a refusal becomes an error state, never a thrown 500.
 */
export async function asViewer<T>(work: (viewer: Viewer | null) => Promise<T>): Promise<T | ActionState> {
  try {
    return await work(await getViewer());
  } catch (error) {
    if (error instanceof ForbiddenError) return { status: "error", message: error.message };
    throw error;
  }
}

/**
 * An id an action was bound to, as the page sent it back. Bound arguments
 * travel in the page and come back as the browser sends them: one that is
 * not an id answers 404, not a 500.
 */
export function boundId<T>(schema: z.ZodType<T>, value: unknown): T {
  actionBegins();
  const parsed = schema.safeParse(value);
  if (!parsed.success) notFound();
  return parsed.data;
}

/**
 * Every action's first step: from here on a failure is the app's (a 500,
 * logged as an error), before it the request's (scripts/serve.mjs answers
 * 400). A form action whose form is not a form was not sent by its page:
 * refused with a 400, logged as a warning (docs/decisions/019).
 */
export function postedForm(formData: unknown): asserts formData is FormData {
  actionBegins();
  if (!(formData instanceof FormData)) refuseRequest("the action's form is not a form");
}

/** The form's text fields, for giving back what the user typed. */
export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) if (!key.startsWith("$") && typeof value === "string") values[key] = value;
  return values;
}

/** Zod's issues as one message per field. */
export function invalid(error: z.ZodError, formData: FormData): ActionState {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    fieldErrors[key] ??= issue.message;
  }
  return { status: "error", message: "Check the form.", fieldErrors, values: formValues(formData) };
}

export function refused(result: Fail, formData: FormData): ActionState {
  return { status: "error", message: result.message, fieldErrors: result.fieldErrors, values: formValues(formData) };
}

/**
 * The whole life of an admin form: validate, write through the data layer as
 * the viewer, give back errors with what was typed, or refresh the admin
 * pages and go to `next(value)`.
 */
export async function submitAdminForm<S extends z.ZodType, R>(
  formData: FormData,
  schema: S,
  write: (viewer: Viewer | null, input: z.output<S>) => Promise<Result<R>>,
  next: (value: R) => string,
): Promise<ActionState> {
  const parsed = schema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error, formData);
  return saveAdminForm(formData, parsed.data, write, next);
}

/** submitAdminForm's second half, for an action that has parsed the form already: writes `input` and goes on. */
export async function saveAdminForm<I, R>(
  formData: FormData,
  input: I,
  write: (viewer: Viewer | null, input: I) => Promise<Result<R>>,
  next: (value: R) => string,
): Promise<ActionState> {
  const result = await asViewer((viewer) => write(viewer, input));
  if ("status" in result) return result;
  if (!result.ok) return refused(result, formData);
  revalidatePath("/admin", "layout");
  redirect(next(result.value));
}

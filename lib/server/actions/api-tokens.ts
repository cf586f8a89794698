"use server";
import { revalidatePath } from "next/cache";
import type { ActionState } from "@/lib/action-state";
import { asViewer, boundId, postedForm } from "@/lib/server/actions/guard";
import { createApiToken, revokeApiToken } from "@/lib/server/data/access/api-tokens";
import { IdSchema } from "@/lib/schemas/enrollments";

export async function createApiTokenAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  postedForm(formData);
  const name = String(formData.get("name") ?? "");
  const canWrite = formData.get("canWrite") === "on";
  const result = await asViewer((viewer) => createApiToken(viewer, { name, canWrite }));
  if ("status" in result) return result;
  if (!result.ok) return { status: "error", message: result.message, fieldErrors: result.fieldErrors, values: { name } };
  revalidatePath("/admin/api-tokens");
  return { status: "ok", message: "Copy the token now: it is shown only this once.", secret: result.value.token };
}

export async function revokeApiTokenAction(id: string, _prev: ActionState, _formData: FormData): Promise<ActionState> {
  const tokenId = boundId(IdSchema, id);
  const result = await asViewer((viewer) => revokeApiToken(viewer, tokenId));
  if ("status" in result) return result;
  if (!result.ok) return { status: "error", message: result.message };
  revalidatePath("/admin/api-tokens");
  return { status: "ok", message: "Revoked: the token no longer works." };
}

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

/** Revoke asks first (the form sends `confirm=yes` from its question): a revoked token can't be brought back. */
export async function revokeApiTokenAction(id: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const tokenId = boundId(IdSchema, id);
  if (!(formData instanceof FormData)) return { status: "error", message: "That form could not be read: reload the page." };
  if (formData.get("confirm") !== "yes") {
    return { status: "preview", message: "Anything using this token stops working at once, and it can't be brought back: a new one is needed.", blocked: false, checked: [] };
  }
  const result = await asViewer((viewer) => revokeApiToken(viewer, tokenId));
  if ("status" in result) return result;
  if (!result.ok) return { status: "error", message: result.message };
  revalidatePath("/admin/api-tokens");
  return { status: "ok", message: "Revoked: the token no longer works." };
}

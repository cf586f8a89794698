"use server";
import { revalidatePath } from "next/cache";
import type { ActionState } from "@/lib/action-state";
import { asViewer, boundId, postedForm } from "@/lib/server/actions/guard";
import {
  approveLinkRequest,
  deleteSignInRule,
  forgetLinkRequest,
  refuseLinkRequest,
  saveSignInRule,
  saveSignInSettings,
  unlinkSchoolAccount,
} from "@/lib/server/data/access/school-accounts";
import { schoolProviders } from "@/lib/server/school-accounts";
import { IdSchema } from "@/lib/schemas/enrollments";

const PAGE = "/admin/sign-in";

export async function approveLinkRequestAction(id: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const requestId = boundId(IdSchema, id);
  postedForm(formData);
  const email = String(formData.get("email") ?? "");
  const result = await asViewer((viewer) => approveLinkRequest(viewer, requestId, email));
  if ("status" in result) return result;
  if (!result.ok) return { status: "error", message: result.message, fieldErrors: result.fieldErrors, values: { email } };
  // No page drawn again: the form shows what this did in the request's place.
  return { status: "ok", message: `Linked to ${result.value.name} (${result.value.email}). They're told by email, and can sign in now.` };
}

export async function refuseLinkRequestAction(id: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const requestId = boundId(IdSchema, id);
  postedForm(formData);
  const reason = String(formData.get("reason") ?? "");
  const result = await asViewer((viewer) => refuseLinkRequest(viewer, requestId, reason));
  if ("status" in result) return result;
  if (!result.ok) return { status: "error", message: result.message, fieldErrors: result.fieldErrors, values: { reason } };
  // No page drawn again: the form shows what this did in the request's place.
  return { status: "ok", message: "Refused: they're told why." };
}

export async function forgetLinkRequestAction(id: string, _prev: ActionState, _formData: FormData): Promise<ActionState> {
  const requestId = boundId(IdSchema, id);
  const result = await asViewer((viewer) => forgetLinkRequest(viewer, requestId));
  if ("status" in result) return result;
  if (!result.ok) return { status: "error", message: result.message };
  revalidatePath(PAGE);
  return { status: "ok", message: "Forgotten: they may ask again." };
}

export async function saveSignInRuleAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  postedForm(formData);
  const input = {
    provider: String(formData.get("provider") ?? ""),
    domain: String(formData.get("domain") ?? ""),
    linkByEmail: formData.get("linkByEmail") === "on",
    linkBySourcedId: formData.get("linkBySourcedId") === "on",
    createStudents: formData.get("createStudents") === "on",
  };
  const result = await asViewer((viewer) => saveSignInRule(viewer, input, schoolProviders.map((p) => p.id)));
  if ("status" in result) return result;
  if (!result.ok) return { status: "error", message: result.message, fieldErrors: result.fieldErrors, values: { provider: input.provider, domain: input.domain } };
  revalidatePath(PAGE);
  return { status: "ok", message: `Saved the rule for ${input.domain.trim().toLowerCase()}.` };
}

export async function deleteSignInRuleAction(id: string, _prev: ActionState, _formData: FormData): Promise<ActionState> {
  const ruleId = boundId(IdSchema, id);
  const result = await asViewer((viewer) => deleteSignInRule(viewer, ruleId));
  if ("status" in result) return result;
  if (!result.ok) return { status: "error", message: result.message };
  revalidatePath(PAGE);
  return { status: "ok", message: "Removed the rule: those accounts ask from now on." };
}

export async function saveSignInSettingsAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  postedForm(formData);
  const input = {
    passwordStudents: formData.get("passwordStudents") === "on",
    passwordTeachers: formData.get("passwordTeachers") === "on",
    passwordAdmins: formData.get("passwordAdmins") === "on",
    askWhom: String(formData.get("askWhom") ?? ""),
  };
  const result = await asViewer((viewer) => saveSignInSettings(viewer, input, schoolProviders.length));
  if ("status" in result) return result;
  if (!result.ok) return { status: "error", message: result.message, fieldErrors: result.fieldErrors, values: { askWhom: input.askWhom } };
  revalidatePath(PAGE);
  revalidatePath("/login");
  return { status: "ok", message: "Saved the sign-in settings." };
}

export async function unlinkSchoolAccountAction(id: string, _prev: ActionState, _formData: FormData): Promise<ActionState> {
  const linkId = boundId(IdSchema, id);
  const result = await asViewer((viewer) => unlinkSchoolAccount(viewer, linkId));
  if ("status" in result) return result;
  if (!result.ok) return { status: "error", message: result.message };
  // On the school accounts page, or a student's or teacher's.
  revalidatePath("/admin", "layout");
  return { status: "ok", message: "Unlinked: that school account signs no one in now." };
}

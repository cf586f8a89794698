"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionState } from "@/lib/action-state";
import { asViewer, boundId, postedForm } from "@/lib/server/actions/guard";
import { markNoticesRead, setEmailNotices } from "@/lib/server/data/notices/inbox";
import { retryEmail } from "@/lib/server/data/notices/outbox-list";
import { NoticeIdSchema } from "@/lib/schemas/notices";

/** "Mark all as read": up to the newest notice the page showed (bound into the form). */
export async function markNoticesReadAction(upTo: number, _prev: ActionState, formData: FormData): Promise<ActionState> {
  postedForm(formData);
  const upToId = boundId(NoticeIdSchema, upTo);
  const result = await asViewer((viewer) => markNoticesRead(viewer, upToId));
  if ("status" in result) return result;
  if (!result.ok) return { status: "error", message: result.message };
  revalidatePath("/student", "layout");
  return { status: "ok", message: result.value.marked === 1 ? "1 notice marked as read." : `${result.value.marked} notices marked as read.` };
}

/** The student's choice: email and inbox, or the inbox only. */
export async function setEmailNoticesAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  postedForm(formData);
  const choice = formData.get("delivery");
  if (choice !== "email" && choice !== "inbox") return { status: "error", message: "Choose how you want to be told." };
  const result = await asViewer((viewer) => setEmailNotices(viewer, choice === "email"));
  if ("status" in result) return result;
  if (!result.ok) return { status: "error", message: result.message };
  revalidatePath("/student/inbox");
  return {
    status: "ok",
    message: result.value.emailNotices ? "Saved: you'll get an email too." : "Saved: your notices stay here, without email.",
  };
}

/** An admin sends a given-up email again. */
export async function retryEmailAction(id: number, _prev: ActionState, formData: FormData): Promise<ActionState> {
  postedForm(formData);
  const emailId = boundId(NoticeIdSchema, id);
  const result = await asViewer((viewer) => retryEmail(viewer, emailId));
  if ("status" in result) return result;
  if (!result.ok) return { status: "error", message: result.message };
  revalidatePath("/admin/outbox");
  redirect("/admin/outbox?state=WAITING&retried=1");
}

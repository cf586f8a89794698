"use server";
import { redirect } from "next/navigation";
import type { ActionState } from "@/lib/action-state";
import { asViewer, postedForm } from "@/lib/server/actions/guard";
import type { Result } from "@/lib/server/data/result";
import { joinMyWaitlist, leaveMyWaitlist, myDropsIn, saveMyClasses } from "@/lib/server/data/enrollment/self-service";
import { IdSchema, SaveChecklistSchema, shownIds } from "@/lib/schemas/enrollments";
import { savedParam } from "@/lib/saved-message";
import { parseQuery } from "@/lib/server/data/paging";

// With JavaScript, a tick and a waitlist button go to the JSON endpoints
// (app/api/enrollment/*); these are the forms' paths without it, and they
// redirect (303) to the catalog, which then shows the change.

/** The catalog as the student left it (search and page), with `extra` parameters. */
function catalogUrl(formData: FormData, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  const q = parseQuery(formData.get("q"));
  const page = Number(formData.get("page"));
  if (q) params.set("q", q);
  if (Number.isInteger(page) && page > 1) params.set("page", String(page));
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const query = params.toString();
  return query ? `/student?${query}` : "/student";
}

/** The Save button of the student's form (without JavaScript). */
export async function saveMyClassesAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  postedForm(formData);
  // A waitlist button submits this form too, naming itself (its own form action would lose its name and value).
  if (formData.has("waitlist")) return waitlistChange(formData);
  const checked = formData.getAll("checked").map(String);
  const parsed = SaveChecklistSchema.safeParse({ shown: shownIds(formData), checked });
  if (!parsed.success) return { status: "error", message: "The form could not be read: reload the page.", checked };
  // A drop gives the seat away (to the next student waiting, in a full class): confirmed first.
  if (formData.get("confirm") !== "yes") {
    const drops = await asViewer((viewer) => myDropsIn(viewer, parsed.data.shown, parsed.data.checked));
    if ("status" in drops) return drops;
    if (drops.length) {
      const names = drops.map((d) => d.code).join(", ");
      return {
        status: "preview",
        message: `This will drop ${names}: your seat goes to someone else, and a full class may have none for you later. Confirm to save.`,
        blocked: false,
        checked,
      };
    }
  }
  const codes: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (key.startsWith("joinCode:") && typeof value === "string") codes[key.slice("joinCode:".length)] = value.slice(0, 64);
  }
  const result = await asViewer((viewer) => saveMyClasses(viewer, parsed.data.shown, parsed.data.checked, codes));
  if ("status" in result) return result;
  if (!result.ok) return { status: "error", message: `${result.message} Nothing was saved.`, checked };
  redirect(catalogUrl(formData, { saved: savedParam(result.value) }));
}

/** "Join waitlist" / "Leave waitlist" without JavaScript: the button's value names the class. */
async function waitlistChange(formData: FormData): Promise<ActionState> {
  const intent = String(formData.get("waitlist") ?? "");
  const [verb, courseId] = intent.split(":");
  const id = IdSchema.safeParse(courseId);
  if ((verb !== "join" && verb !== "leave") || !id.success) {
    return { status: "error", message: "The form could not be read: reload the page." };
  }
  const joinCode = String(formData.get(`joinCode:${id.data}`) ?? "").slice(0, 64);
  const result = await asViewer<Result<unknown>>((viewer) =>
    verb === "join" ? joinMyWaitlist(viewer, { courseId: id.data, joinCode }) : leaveMyWaitlist(viewer, id.data),
  );
  if ("status" in result) return result;
  if (!result.ok) return { status: "error", message: result.message };
  // The catalog shows the student's place in the line beside the class.
  redirect(catalogUrl(formData));
}

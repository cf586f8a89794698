"use server";
import { AuthError, CredentialsSignin } from "next-auth";
import type { ActionState } from "@/lib/action-state";
import { postedForm } from "@/lib/server/actions/guard";
import { actionBegins } from "@/lib/request-context.mjs";
import { signIn, signOut } from "@/lib/server/auth";
import { loginWaitMs, waitText } from "@/lib/server/data/access/login-throttle";
import { clientAddress } from "@/lib/server/client-address";
import { LoginSchema } from "@/lib/schemas/auth";
import { endSession } from "@/lib/server/data/access/sessions";
import { sessionOf } from "@/lib/server/session-token";
import { cookies, headers } from "next/headers";
import { redirect, unstable_rethrow } from "next/navigation";
import { log } from "@/lib/log.mjs";
import { currentRequest } from "@/lib/request-context.mjs";
import { askForLink } from "@/lib/server/data/access/school-accounts";
import { openIdentity, PENDING_COOKIE, schoolProvider } from "@/lib/server/school-accounts";

export async function loginAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  postedForm(formData);
  const email = String(formData.get("email") ?? "");
  const parsed = LoginSchema.safeParse({ email, password: formData.get("password") ?? "" });
  if (!parsed.success) {
    return { status: "error", message: "Enter your email and password.", values: { email } };
  }
  try {
    // On success this throws Next's redirect, which must propagate.
    await signIn("credentials", { ...parsed.data, redirectTo: "/" });
  } catch (error) {
    if (error instanceof CredentialsSignin && error.code === "too_many_attempts") {
      const wait = await loginWaitMs(parsed.data.email, clientAddress(await headers()));
      return {
        status: "error",
        message: `Too many failed sign-ins from here. Try again in ${waitText(wait)}.`,
        values: { email },
      };
    }
    if (error instanceof CredentialsSignin && error.code === "school_account_only") {
      return {
        status: "error",
        message: "Your school signs you in with your school account, not a password: use the button above.",
        values: { email },
      };
    }
    if (error instanceof AuthError) {
      return { status: "error", message: "Wrong email or password.", values: { email } };
    }
    throw error;
  }
  return { status: "ok", message: "Signed in." };
}

export async function logoutAction() {
  actionBegins();
  // The session's row goes first: the cookie signs no one in from now on,
  // wherever a copy of it is (docs/decisions/014).
  const session = await sessionOf(await headers());
  if (session) await endSession(session.sessionId);
  await signOut({ redirectTo: "/login" });
}

/**
 * A school account's button: off to the provider, with state, nonce and
 * PKCE in encrypted cookies the callback must bring back. A provider that
 * doesn't answer (its discovery document) is a page that says so.
 */
export async function schoolSignInAction(formData: FormData) {
  postedForm(formData);
  const provider = schoolProvider(String(formData.get("provider") ?? ""));
  if (!provider) redirect("/login");
  try {
    // Throws Next's redirect to the provider's sign-in page.
    await signIn(provider.id, { redirectTo: "/" });
  } catch (error) {
    unstable_rethrow(error);
    log.warn({ requestId: currentRequest()?.id, provider: provider.id, err: String(error).slice(0, 300) }, "school account provider unreachable");
  }
  redirect(`/login/problem?error=unavailable&provider=${provider.id}`);
}

/**
 * The person whose school account isn't linked asks the office to link it.
 * Who they are comes from the encrypted cookie their provider's callback
 * left (never from the form): the form carries only their note.
 */
export async function askForLinkAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  postedForm(formData);
  const identity = await openIdentity((await cookies()).get(PENDING_COOKIE)?.value);
  if (!identity) return { status: "error", message: "That sign-in has expired: sign in with your school account again." };
  const note = String(formData.get("note") ?? "");
  const result = await askForLink(identity, note);
  if (!result.ok) return { status: "error", message: result.message, fieldErrors: result.fieldErrors, values: { note } };
  if (result.value.status === "refused") return { status: "error", message: "The school already refused to link this account." };
  return { status: "ok", message: "Asked. You'll get an email when it's linked; then sign in again with your school account." };
}

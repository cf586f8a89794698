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
import { headers } from "next/headers";

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

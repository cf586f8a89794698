"use server";
import { AuthError } from "next-auth";
import type { ActionState } from "@/lib/action-state";
import { signIn, signOut } from "@/lib/server/auth";
import { LoginSchema } from "@/lib/schemas/auth";

export async function loginAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const email = String(formData.get("email") ?? "");
  const parsed = LoginSchema.safeParse({ email, password: formData.get("password") ?? "" });
  if (!parsed.success) {
    return { status: "error", message: "Enter your email and password.", values: { email } };
  }
  try {
    // On success this throws Next's redirect, which must propagate.
    await signIn("credentials", { ...parsed.data, redirectTo: "/" });
  } catch (error) {
    if (error instanceof AuthError) {
      return { status: "error", message: "Wrong email or password.", values: { email } };
    }
    throw error;
  }
  return { status: "ok", message: "Signed in." };
}

export async function logoutAction() {
  await signOut({ redirectTo: "/login" });
}

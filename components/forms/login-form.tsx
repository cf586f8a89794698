"use client";
import { useActionState } from "react";
import { IDLE } from "@/lib/action-state";
import { loginAction } from "@/lib/server/actions/auth";
import { FormMessage } from "@/components/ui/form-message";
import { inputClass } from "@/components/ui/styles";
import { SubmitButton } from "@/components/ui/submit-button";

export function LoginForm() {
  const [state, formAction] = useActionState(loginAction, IDLE);
  const email = state.status === "error" ? (state.values?.email ?? "") : "";
  return (
    <form action={formAction} className="space-y-4">
      <FormMessage state={state} />
      <div>
        <label htmlFor="email" className="block text-sm font-medium text-slate-800">
          Email
        </label>
        <input
          key={email}
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={email}
          className={inputClass}
        />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium text-slate-800">
          Password
        </label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className={inputClass} />
      </div>
      <SubmitButton pending="Signing in…">Sign in</SubmitButton>
    </form>
  );
}

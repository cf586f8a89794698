"use client";
import { useActionState } from "react";
import { IDLE, type ActionState } from "@/lib/action-state";
import { FormMessage } from "@/components/ui/form-message";
import { cardClass, secondaryButtonClass } from "@/components/ui/styles";

/** On a student's or teacher's edit page: their login, its live sessions, and "Sign out everywhere". */
export function SessionsCard({
  login,
  action,
}: {
  login: { email: string; active: number } | null;
  action: (prev: ActionState, formData: FormData) => Promise<ActionState>;
}) {
  const [state, formAction] = useActionState(action, IDLE);
  return (
    <section aria-labelledby="sign-in" className={`${cardClass} mt-6`}>
      <h2 id="sign-in" className="mb-2 text-lg font-semibold">
        Sign-in
      </h2>
      {login ? (
        <form action={formAction} className="space-y-3">
          <p className="text-sm">
            Signs in as {login.email} · {login.active === 1 ? "1 session open" : `${login.active} sessions open`}
          </p>
          <FormMessage state={state} />
          <button type="submit" className={secondaryButtonClass}>
            Sign out everywhere
          </button>
        </form>
      ) : (
        <p className="text-sm text-slate-700">No login: they can&apos;t sign in.</p>
      )}
    </section>
  );
}

"use client";
import { useActionState } from "react";
import { IDLE, type ActionState } from "@/lib/action-state";
import { FormMessage } from "@/components/ui/form-message";
import { secondaryButtonClass } from "@/components/ui/styles";

/** One button that runs an action (take a student out of a group, remove a window): a refusal is said beside it. Works without JavaScript. */
export function ButtonForm({ action, label, name }: { action: (prev: ActionState, formData: FormData) => Promise<ActionState>; label: string; name: string }) {
  const [state, formAction] = useActionState(action, IDLE);
  return (
    <form action={formAction}>
      {state.status === "error" ? <FormMessage state={state} /> : null}
      <button type="submit" className={secondaryButtonClass} aria-label={name}>
        {label}
      </button>
    </form>
  );
}

"use client";
import { useActionState } from "react";
import { IDLE } from "@/lib/action-state";
import { askForLinkAction } from "@/lib/server/actions/auth";
import { FormMessage } from "@/components/ui/form-message";
import { inputClass } from "@/components/ui/styles";
import { SubmitButton } from "@/components/ui/submit-button";

/** Asks the office to link the school account the provider just proved (who it is comes from the server's cookie). */
export function AskLinkForm({ whom }: { whom: string }) {
  const [state, formAction] = useActionState(askForLinkAction, IDLE);
  if (state.status === "ok") return <FormMessage state={state} />;
  const note = state.status === "error" ? (state.values?.note ?? "") : "";
  const error = state.status === "error" ? state.fieldErrors?.note : undefined;
  return (
    <form action={formAction} className="space-y-4">
      <FormMessage state={state} />
      <div>
        <label htmlFor="note" className="block text-sm font-medium text-slate-800">
          A note for {whom} (optional)
        </label>
        <textarea
          key={note}
          id="note"
          name="note"
          rows={3}
          maxLength={500}
          defaultValue={note}
          placeholder="e.g. I'm the new chemistry teacher, Ms Ng."
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "note-error" : undefined}
          className={inputClass}
        />
        {error ? (
          <p id="note-error" className="mt-1 text-sm text-red-800">
            {error}
          </p>
        ) : null}
      </div>
      <SubmitButton pending="Asking…">Ask to be linked</SubmitButton>
    </form>
  );
}

"use client";
import { useActionState } from "react";
import { IDLE, type ActionState } from "@/lib/action-state";
import { FormMessage } from "@/components/ui/form-message";
import { inputClass, secondaryButtonClass } from "@/components/ui/styles";
import { SubmitButton } from "@/components/ui/submit-button";

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

function Field({ id, name, label, hint, state, placeholder }: { id: string; name: string; label: string; hint?: string; state: ActionState; placeholder?: string }) {
  const error = state.status === "error" ? state.fieldErrors?.[name] : undefined;
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-700">
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        className={inputClass}
        placeholder={placeholder}
        defaultValue={state.status === "error" ? state.values?.[name] : ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
      />
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * Places a hold: why (the student reads it) and who can lift it (the student
 * is told to see them), folded away until opened; open again with what was
 * typed when a field needs fixing. Works without JavaScript.
 */
export function PlaceHoldForm({ action }: { action: Action }) {
  const [state, formAction] = useActionState(action, IDLE);
  return (
    <details className="text-sm" open={state.status === "error" || undefined}>
      <summary className="cursor-pointer font-medium">Place a hold</summary>
      <form action={formAction} className="mt-3 space-y-3" noValidate>
        <FormMessage state={state} />
        <Field id="hold-reason" name="reason" label="Reason" hint="The student reads it." placeholder="Unpaid fees" state={state} />
        <Field id="hold-office" name="office" label="Who can lift it" hint="The student is told to see them." placeholder="the bursar's office" state={state} />
        <SubmitButton pending="Placing the hold…">Place hold</SubmitButton>
      </form>
    </details>
  );
}

/** Lifts one hold, with a note if one is given. */
export function LiftHoldForm({ action, holdId, label }: { action: Action; holdId: string; label: string }) {
  const [state, formAction] = useActionState(action, IDLE);
  const id = `lift-${holdId}`;
  return (
    <form action={formAction} className="mt-2 flex flex-wrap items-end gap-2" aria-label={`Lift the hold: ${label}`}>
      {state.status === "error" ? <FormMessage state={state} /> : null}
      <div>
        <label htmlFor={id} className="block text-xs text-slate-700">
          Note (optional)
        </label>
        <input id={id} name="note" className={`${inputClass} py-1`} defaultValue={state.status === "error" ? state.values?.note : ""} />
      </div>
      <button type="submit" className={secondaryButtonClass}>
        Lift hold
      </button>
    </form>
  );
}

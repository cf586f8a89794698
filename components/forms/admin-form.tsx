"use client";
import Link from "next/link";
import { useActionState } from "react";
import { IDLE, type ActionState } from "@/lib/action-state";
import { FormMessage } from "@/components/ui/form-message";
import { inputClass, secondaryButtonClass } from "@/components/ui/styles";
import { SubmitButton } from "@/components/ui/submit-button";

export type FieldSpec = {
  name: string;
  label: string;
  type?: "text" | "email" | "textarea" | "select" | "checkbox" | "datetime-local" | "date";
  inputMode?: "numeric";
  defaultValue?: string;
  hint?: string;
  required?: boolean;
  options?: { value: string; label: string }[];
};

/**
 * A create/edit form for the admin pages. Works without JavaScript; a refused
 * save shows each field's message beside it and keeps what was typed.
 */
export function AdminForm({
  action,
  fields,
  submitLabel,
  cancelHref,
}: {
  action: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  fields: FieldSpec[];
  submitLabel: string;
  cancelHref: string;
}) {
  const [state, formAction] = useActionState(action, IDLE);
  const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  const typed = state.status === "error" || state.status === "confirm" ? state.values : undefined;
  return (
    <form action={formAction} className="max-w-xl space-y-4" noValidate>
      <FormMessage state={state} />
      {state.status === "confirm" ? <ConfirmEffects state={state} /> : null}
      {fields.map((field) => {
        const id = `field-${field.name}`;
        const error = errors[field.name];
        const describedBy = [error ? `${id}-error` : "", field.hint ? `${id}-hint` : ""].filter(Boolean).join(" ");
        const common = {
          id,
          name: field.name,
          // keyed on the typed value so a refused form shows it again
          defaultValue: typed?.[field.name] ?? field.defaultValue ?? "",
          "aria-invalid": error ? true : undefined,
          "aria-describedby": describedBy || undefined,
          required: field.required,
          className: inputClass,
        };
        if (field.type === "checkbox") {
          const on = typed ? typed[field.name] === "on" : field.defaultValue === "on";
          return (
            <div key={`${field.name}:${on}`}>
              <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
                <input
                  type="checkbox"
                  name={field.name}
                  value="on"
                  defaultChecked={on}
                  aria-describedby={describedBy || undefined}
                  className="size-4 accent-indigo-700"
                />
                {field.label}
              </label>
              {field.hint ? (
                <p id={`${id}-hint`} className="ml-6 mt-1 text-xs text-slate-600">
                  {field.hint}
                </p>
              ) : null}
            </div>
          );
        }
        return (
          <div key={`${field.name}:${common.defaultValue}`}>
            <label htmlFor={id} className="block text-sm font-medium text-slate-800">
              {field.label}
            </label>
            {field.type === "textarea" ? (
              <textarea rows={3} {...common} />
            ) : field.type === "select" ? (
              <select {...common}>
                {field.options?.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : (
              <input type={field.type ?? "text"} inputMode={field.inputMode} {...common} />
            )}
            {field.hint ? (
              <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
                {field.hint}
              </p>
            ) : null}
            {error ? (
              <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
                {error}
              </p>
            ) : null}
          </div>
        );
      })}
      <div className="flex gap-3">
        <SubmitButton>{state.status === "confirm" ? state.confirmLabel : submitLabel}</SubmitButton>
        <Link href={cancelHref} className={secondaryButtonClass}>
          Cancel
        </Link>
      </div>
    </form>
  );
}

/** What saving would do to others, asked before saving: the form sent again as it is goes ahead (`previewed`). */
function ConfirmEffects({ state }: { state: Extract<ActionState, { status: "confirm" }> }) {
  return (
    <div role="alert" aria-labelledby="confirm-effects" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      <p id="confirm-effects" className="font-medium">
        {state.message}
      </p>
      <ul className="my-2 list-disc space-y-1 pl-5">
        {state.effects.map((e) => (
          <li key={e}>{e}</li>
        ))}
      </ul>
      <p>Press “{state.confirmLabel}” below to go ahead. Change the form and it is checked again; Cancel leaves the class as it was.</p>
      <input type="hidden" name="previewed" value={state.values.previewed ?? ""} />
    </div>
  );
}

/** The confirmation form of a delete page. */
export function DeleteForm({
  action,
  label,
  cancelHref,
}: {
  action: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  label: string;
  cancelHref: string;
}) {
  const [state, formAction] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="space-y-4">
      <FormMessage state={state} />
      <div className="flex gap-3">
        <SubmitButton danger>{label}</SubmitButton>
        <Link href={cancelHref} className={secondaryButtonClass}>
          Cancel
        </Link>
      </div>
    </form>
  );
}

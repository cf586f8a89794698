"use client";
import { useActionState } from "react";
import { IDLE, type ActionState } from "@/lib/action-state";
import { FormMessage } from "@/components/ui/form-message";
import { inputClass } from "@/components/ui/styles";
import { SubmitButton } from "@/components/ui/submit-button";

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

/** "Back up now": a copy of the running database, in the backup folder. */
export function BackupForm({ action }: { action: Action }) {
  const [state, formAction] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="space-y-3">
      <FormMessage state={state} />
      <SubmitButton pending="Backing up…">Back up now</SubmitButton>
    </form>
  );
}

/** How often the server backs up on its own, and how many backups it keeps. */
export function BackupScheduleForm({
  action,
  everyHours,
  keep,
  choices,
}: {
  action: Action;
  everyHours: number | null;
  keep: number;
  choices: { value: string; label: string }[];
}) {
  const [state, formAction] = useActionState(action, IDLE);
  const typed = state.status === "error" ? state.values : undefined;
  const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  const every = typed?.everyHours ?? (everyHours === null ? "off" : String(everyHours));
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <FormMessage state={state} />
      <div className="flex flex-wrap items-end gap-3">
        <label className="block text-sm font-medium text-slate-800">
          Back up on its own
          <select key={every} name="everyHours" defaultValue={every} className={inputClass}>
            {choices.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm font-medium text-slate-800">
          Backups to keep
          <input
            key={typed?.keep ?? keep}
            name="keep"
            inputMode="numeric"
            defaultValue={typed?.keep ?? String(keep)}
            className={`${inputClass} w-24`}
            aria-invalid={errors.keep ? true : undefined}
            aria-describedby={errors.keep ? "keep-error" : "keep-hint"}
          />
        </label>
        <SubmitButton>Save schedule</SubmitButton>
      </div>
      {errors.keep ? (
        <p id="keep-error" className="text-sm text-red-700">
          {errors.keep}
        </p>
      ) : (
        <p id="keep-hint" className="text-xs text-slate-600">
          After each backup, by hand or on the schedule, the oldest beyond this number are deleted.
        </p>
      )}
    </form>
  );
}

"use client";
import { useActionState } from "react";
import { IDLE, type ActionState } from "@/lib/action-state";
import { FormMessage } from "@/components/ui/form-message";
import { secondaryButtonClass } from "@/components/ui/styles";

/** The admin's latest change with its Undo button (one click; the server refuses if it conflicts). */
export function UndoPanel({
  change,
  action,
  idleText = "Nothing to undo.",
}: {
  change: { label: string; summary: string; classes: string[]; students: string[]; when: string } | null;
  action: ((prev: ActionState, formData: FormData) => Promise<ActionState>) | null;
  idleText?: string;
}) {
  const [state, formAction] = useActionState(action ?? (async () => IDLE), IDLE);
  return (
    <form action={formAction} className="space-y-2">
      <FormMessage state={state} />
      {change && state.status !== "ok" ? (
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <span className="grow">
            Your last change: <span className="font-medium">{change.label}</span> {change.summary}
            {change.classes.length ? ` in ${namesText(change.classes)}` : ""}
            {change.students.length ? ` (${namesText(change.students)})` : ""} · {change.when}
          </span>
          <button type="submit" className={secondaryButtonClass}>
            Undo
          </button>
        </div>
      ) : null}
      {!change && state.status === "idle" ? <p className="text-sm text-slate-700">{idleText}</p> : null}
    </form>
  );
}

/** Up to three names, then "…" (the server sends a fourth when there are more). */
function namesText(names: string[]): string {
  return names.length > 3 ? `${names.slice(0, 3).join(", ")}…` : names.join(", ");
}

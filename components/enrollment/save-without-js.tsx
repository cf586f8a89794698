"use client";
import type { ActionState } from "@/lib/action-state";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { useHydrated } from "@/components/enrollment/use-toggles";

/** A checklist's Save button and its outcome, only where JavaScript doesn't run (ticks save at once otherwise). */
export function SaveWithoutJs({ state }: { state: ActionState }) {
  if (useHydrated()) return null;
  return (
    <div className="mt-4 space-y-3">
      <FormMessage state={state} />
      <SubmitButton>Save</SubmitButton>
    </div>
  );
}

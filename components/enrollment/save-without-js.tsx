"use client";
import type { ActionState } from "@/lib/action-state";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { useHydrated } from "@/components/enrollment/use-toggles";
import { buttonClass } from "@/components/ui/styles";

/**
 * A checklist's Save: where JavaScript doesn't run (ticks save at once
 * otherwise), or when the admin chose to change several boxes at once
 * (`shown`). Where the action answers with a preview (the admin pages), a
 * Save first shows what it would do (added, removed, classes over capacity)
 * and asks to confirm.
 */
export function SaveWithoutJs({ state, shown = false, label = "Save" }: { state: ActionState; shown?: boolean; /** the button's words, where a page has two lists */ label?: string }) {
  const hydrated = useHydrated();
  if (hydrated && !shown) return null;
  if (state.status === "preview") {
    return (
      <div className="mt-4 space-y-3">
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {state.message}
        </p>
        <div className="flex flex-wrap gap-3">
          {state.blocked ? null : (
            <button type="submit" name="confirm" value="yes" className={buttonClass}>
              Confirm save
            </button>
          )}
          <button type="submit" className={buttonClass}>
            Review again
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="mt-4 space-y-3">
      <FormMessage state={state} />
      <SubmitButton>{label}</SubmitButton>
    </div>
  );
}

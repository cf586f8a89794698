import type { ActionState } from "@/lib/action-state";

/** A form's outcome: errors as an alert, success as a polite status. */
export function FormMessage({ state }: { state: ActionState }) {
  if (state.status === "error") {
    return (
      <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
        {state.message}
      </p>
    );
  }
  return (
    <p role="status" className={state.status === "ok" ? "rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-800" : "sr-only"}>
      {state.status === "ok" ? state.message : ""}
    </p>
  );
}

"use client";
import { useActionState } from "react";
import { IDLE, type ActionState } from "@/lib/action-state";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

/** "Back up now": a copy of the running database, in the backup folder. */
export function BackupForm({ action }: { action: (prev: ActionState, formData: FormData) => Promise<ActionState> }) {
  const [state, formAction] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="space-y-3">
      <FormMessage state={state} />
      <SubmitButton pending="Backing up…">Back up now</SubmitButton>
    </form>
  );
}

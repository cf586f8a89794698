"use client";
import { useActionState } from "react";
import { IDLE, type ActionState } from "@/lib/action-state";
import { FormMessage } from "@/components/ui/form-message";
import { secondaryButtonClass } from "@/components/ui/styles";
import { SubmitButton } from "@/components/ui/submit-button";

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

/** "Mark all as read" (the page binds the newest notice it shows); what it did stays said once nothing is unread. */
export function MarkReadForm({ action, unread }: { action: Action; unread: number }) {
  const [state, formAction] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-3">
      {unread > 0 ? (
        <button type="submit" className={secondaryButtonClass}>
          Mark all as read
        </button>
      ) : null}
      <FormMessage state={state} />
    </form>
  );
}

/** The student's choice: email and inbox, or the inbox only. */
export function DeliveryForm({ action, email }: { action: Action; email: boolean }) {
  const [state, formAction] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="space-y-3">
      <fieldset>
        <legend className="text-sm font-medium">How you&apos;re told</legend>
        <label className="mt-2 flex items-center gap-2 text-sm">
          <input type="radio" name="delivery" value="email" defaultChecked={email} className="size-4 accent-indigo-700" />
          By email, and here
        </label>
        <label className="mt-1 flex items-center gap-2 text-sm">
          <input type="radio" name="delivery" value="inbox" defaultChecked={!email} className="size-4 accent-indigo-700" />
          Here only, without email
        </label>
      </fieldset>
      <SubmitButton>Save</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

/** An admin's "Send again" for an email the mailer gave up on. */
export function RetryEmailForm({ action, subject }: { action: Action; subject: string }) {
  const [state, formAction] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="mt-1">
      {state.status === "idle" ? null : <FormMessage state={state} />}
      <button type="submit" className={secondaryButtonClass} aria-label={`Send again: ${subject}`}>
        Send again
      </button>
    </form>
  );
}

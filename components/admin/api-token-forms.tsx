"use client";
import { useActionState, useState } from "react";
import { IDLE, type ActionState } from "@/lib/action-state";
import { FormMessage } from "@/components/ui/form-message";
import Link from "next/link";
import { dangerButtonClass, inputClass, secondaryButtonClass } from "@/components/ui/styles";
import { CopyButton } from "@/components/ui/copy-button";
import { SubmitButton } from "@/components/ui/submit-button";

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

/** Makes a token and shows it once. */
export function NewTokenForm({ action }: { action: Action }) {
  const [state, formAction] = useActionState(action, IDLE);
  const error = state.status === "error" ? state.fieldErrors?.name : undefined;
  return (
    <form action={formAction} className="space-y-4">
      <FormMessage state={state} />
      {state.status === "ok" && state.secret ? (
        <div>
          <label htmlFor="new-token" className="block text-sm font-medium">
            Your new token
          </label>
          <div className="flex gap-2">
            <input id="new-token" readOnly value={state.secret} className={`${inputClass} font-mono`} onFocus={(e) => e.target.select()} />
            <CopyButton text={state.secret} label="Copy the token" />
          </div>
        </div>
      ) : null}
      <div>
        <label htmlFor="token-name" className="block text-sm font-medium">
          Name
        </label>
        <input
          id="token-name"
          name="name"
          className={inputClass}
          placeholder="SIS sync"
          defaultValue={state.status === "error" ? state.values?.name : ""}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "token-name-error" : undefined}
        />
        {error ? (
          <p id="token-name-error" className="mt-1 text-sm text-red-700">
            {error}
          </p>
        ) : null}
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="canWrite" className="size-4 accent-indigo-700" />
        May change enrollments (PUT and DELETE); without it, the token may only read
      </label>
      <SubmitButton pending="Making the token…">Make token</SubmitButton>
    </form>
  );
}

/** Revoke, asked first: the question names the token and what revoking it does; "Keep it" changes nothing. */
export function RevokeTokenForm({ action, name }: { action: Action; name: string }) {
  // "Keep it" starts the form afresh (with JavaScript; without, its link loads the page again).
  const [round, setRound] = useState(0);
  return <RevokeToken key={round} action={action} name={name} onKeep={() => setRound((r) => r + 1)} />;
}

function RevokeToken({ action, name, onKeep }: { action: Action; name: string; onKeep: () => void }) {
  const [state, formAction] = useActionState(action, IDLE);
  if (state.status === "preview") {
    return (
      <form action={formAction} role="group" aria-label={`Revoke ${name}?`} className="max-w-xs rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
        <p className="mb-2">
          Revoke “{name}”? {state.message}
        </p>
        <div className="flex flex-wrap gap-2">
          <button type="submit" name="confirm" value="yes" className={dangerButtonClass} autoFocus>
            Revoke {name}
          </button>
          <Link
            href="/admin/api-tokens"
            className={secondaryButtonClass}
            onClick={(e) => {
              e.preventDefault();
              onKeep();
            }}
          >
            Keep it
          </Link>
        </div>
      </form>
    );
  }
  return (
    <form action={formAction}>
      {state.status === "error" ? <FormMessage state={state} /> : null}
      <button type="submit" className={secondaryButtonClass} aria-label={`Revoke ${name}`}>
        Revoke
      </button>
    </form>
  );
}

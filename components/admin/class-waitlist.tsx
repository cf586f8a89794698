"use client";
import { useActionState } from "react";
import { IDLE, type ActionState } from "@/lib/action-state";
import { FormMessage } from "@/components/ui/form-message";
import { secondaryButtonClass } from "@/components/ui/styles";

/** A class's waitlist in order, with "Enroll now" and "Remove" for each student. */
export function ClassWaitlist({
  entries,
  action,
}: {
  entries: { id: string; name: string; email: string; position: number; since: string }[];
  action: (prev: ActionState, formData: FormData) => Promise<ActionState>;
}) {
  const [state, formAction] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="space-y-3">
      <FormMessage state={state} />
      {entries.length === 0 ? (
        <p className="text-sm text-slate-700">No one is waiting.</p>
      ) : (
        <ol className="divide-y divide-slate-100">
          {entries.map((e) => (
            <li key={e.id} className="flex flex-wrap items-center gap-3 py-2 text-sm">
              <span className="grow">
                {e.position}. <span className="font-medium">{e.name}</span>{" "}
                <span className="text-slate-700">· {e.email} · since {e.since}</span>
              </span>
              <button
                type="submit"
                name="entry"
                value={`admit:${e.id}`}
                aria-label={`Enroll ${e.name} now`}
                className={secondaryButtonClass}
              >
                Enroll now
              </button>
              <button
                type="submit"
                name="entry"
                value={`remove:${e.id}`}
                aria-label={`Remove ${e.name} from the waitlist`}
                className={secondaryButtonClass}
              >
                Remove
              </button>
            </li>
          ))}
        </ol>
      )}
    </form>
  );
}

/** "Make a new join code" on a class's page. */
export function RegenerateCodeForm({ action }: { action: (prev: ActionState, formData: FormData) => Promise<ActionState> }) {
  const [state, formAction] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="space-y-2">
      <button type="submit" className={secondaryButtonClass}>
        Make a new join code
      </button>
      <FormMessage state={state} />
    </form>
  );
}

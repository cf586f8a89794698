"use client";
import { useActionState, useTransition } from "react";
import { IDLE, type ActionState, type ToggleResult } from "@/lib/action-state";
import { FormMessage } from "@/components/ui/form-message";
import { inputClass, secondaryButtonClass } from "@/components/ui/styles";
import { SaveWithoutJs } from "@/components/enrollment/save-without-js";
import { useOptimisticToggles } from "@/components/enrollment/use-toggles";

export type CatalogItem = {
  id: string;
  code: string;
  label: string;
  /** teacher, seats left, window: formatted on the server */
  details: string[];
  enrolled: boolean;
  enrolledLabel: string | null;
  needsJoinCode: boolean;
  /** full, open, and the student not in it */
  canJoinWaitlist: boolean;
  waitlistPosition: number | null;
};

/**
 * The student's self-enrollment form: a checkbox per class (tick to enroll,
 * untick to drop), a join code box where a class needs one, and the waitlist
 * buttons. Saves each tick at once with JavaScript; without it, the Save
 * button sends the whole form.
 */
export function ClassCatalog({
  items,
  toggle,
  save,
  waitlist,
}: {
  items: CatalogItem[];
  toggle: (courseId: string, enrolled: boolean, joinCode?: string) => Promise<ToggleResult>;
  save: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  waitlist: (prev: ActionState, formData: FormData) => Promise<ActionState>;
}) {
  const [saveState, saveAction] = useActionState(save, IDLE);
  const [waitState, waitAction] = useActionState(waitlist, IDLE);
  const codeFor = (id: string) =>
    (document.getElementById(`code-${id}`) as HTMLInputElement | null)?.value ?? undefined;
  const { toggle: onToggle, errors, pendingFor } = useOptimisticToggles((id, enrolled) =>
    toggle(id, enrolled, enrolled ? codeFor(id) : undefined),
  );
  const [, startTransition] = useTransition();
  // React leaves a submit button's own name and value out of the form data
  // when the button has a formAction; add it back (without JavaScript the
  // browser sends it anyway).
  function submitWaitlist(event: React.MouseEvent<HTMLButtonElement>) {
    const form = event.currentTarget.form;
    if (!form) return;
    event.preventDefault();
    const data = new FormData(form);
    data.set("waitlist", event.currentTarget.value);
    startTransition(() => waitAction(data));
  }
  const leftChecked = saveState.status === "error" && saveState.checked ? new Set(saveState.checked) : null;

  return (
    <form action={saveAction}>
      <div className="mb-3 space-y-2">
        <FormMessage state={waitState} />
      </div>
      {items.length === 0 ? <p className="text-sm text-slate-700">No classes match.</p> : null}
      <ul className="divide-y divide-slate-100">
        {items.map((item) => {
          const optimistic = pendingFor(item.id);
          const checked = optimistic ?? leftChecked?.has(item.id) ?? item.enrolled;
          const error = errors[item.id];
          return (
            <li key={item.id} className="py-3">
              <input type="hidden" name="shown" value={item.id} />
              <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <label className="flex grow items-center gap-3">
                  <input
                    type="checkbox"
                    name="checked"
                    value={item.id}
                    checked={checked}
                    onChange={(e) => onToggle(item.id, e.target.checked)}
                    aria-describedby={`about-${item.id}${error ? ` err-${item.id}` : ""}`}
                    className="size-4 accent-indigo-700"
                  />
                  <span className="font-medium">{item.label}</span>
                </label>
                <span className="text-xs text-slate-700" aria-live="polite">
                  {optimistic !== undefined ? "Saving…" : item.enrolled ? item.enrolledLabel : ""}
                </span>
              </div>
              <p id={`about-${item.id}`} className="ml-7 text-sm text-slate-700">
                {item.details.join(" · ")}
              </p>
              {(item.needsJoinCode && !item.enrolled) || item.waitlistPosition || item.canJoinWaitlist ? (
                <div className="ml-7 mt-2 flex flex-wrap items-end gap-3">
                  {item.needsJoinCode && !item.enrolled ? (
                    <label className="text-sm">
                      Join code for {item.code}
                      <input
                        id={`code-${item.id}`}
                        name={`joinCode:${item.id}`}
                        autoComplete="off"
                        spellCheck={false}
                        className={`${inputClass} w-40`}
                      />
                    </label>
                  ) : null}
                  {item.waitlistPosition ? (
                    <>
                      <span className="text-sm font-medium text-amber-900">
                        On the waitlist: number {item.waitlistPosition}
                      </span>
                      <button
                        type="submit"
                        formAction={waitAction}
                        onClick={submitWaitlist}
                        name="waitlist"
                        value={`leave:${item.id}`}
                        aria-label={`Leave the waitlist for ${item.code}`}
                        className={secondaryButtonClass}
                      >
                        Leave waitlist
                      </button>
                    </>
                  ) : item.canJoinWaitlist ? (
                    <button
                      type="submit"
                      formAction={waitAction}
                      onClick={submitWaitlist}
                      name="waitlist"
                      value={`join:${item.id}`}
                      aria-label={`Join the waitlist for ${item.code}`}
                      className={secondaryButtonClass}
                    >
                      Join waitlist
                    </button>
                  ) : null}
                </div>
              ) : null}
              {error ? (
                <p id={`err-${item.id}`} role="alert" className="ml-7 mt-1 text-sm text-red-700">
                  {error}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
      <SaveWithoutJs state={saveState} />
    </form>
  );
}

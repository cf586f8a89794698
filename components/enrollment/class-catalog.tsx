"use client";
import { useActionState, useState, useTransition } from "react";
import { IDLE, type ActionState, type ClassCounts } from "@/lib/action-state";
import { FormMessage } from "@/components/ui/form-message";
import { inputClass, secondaryButtonClass } from "@/components/ui/styles";
import { SaveWithoutJs } from "@/components/enrollment/save-without-js";
import { sendTick, sendWaitlist } from "@/components/enrollment/send";
import { useOptimisticToggles } from "@/components/enrollment/use-toggles";

/** "3 of 30 left", "Full" or "No seat limit". */
export function seatsText(c: { enrolledCount: number; capacity: number | null }): string {
  if (c.capacity === null) return "No seat limit";
  const left = Math.max(0, c.capacity - c.enrolledCount);
  return left === 0 ? "Full" : `${left} of ${c.capacity} left`;
}

export type CatalogItem = {
  id: string;
  code: string;
  label: string;
  /** teacher, window, drop deadline: formatted on the server (the seats left go second) */
  details: string[];
  counts: Pick<ClassCounts, "enrolledCount" | "capacity">;
  enrolled: boolean;
  enrolledLabel: string | null;
  needsJoinCode: boolean;
  /** full, open, and the student not in it */
  canJoinWaitlist: boolean;
  window: "open" | "not-yet" | "closed" | "managed";
  waitlistPosition: number | null;
  /** why it can't be ticked, as the server's rules would refuse it: a hold, or a clash with one of the student's classes ("Clashes with PHYS-2 (Mon 09:00–10:00): it can't be added.") */
  blocked: string | null;
};

/**
 * The student's self-enrollment form: a checkbox per class (tick to enroll,
 * untick to drop), a join code box where a class needs one, and the waitlist
 * buttons. With JavaScript each tick and button saves at once and shows
 * what changed (the date, the seats left, the place in line); without it,
 * the Save button sends the whole form, and the page it redirects to says
 * what was saved (`savedMessage`).
 */
export function ClassCatalog({
  items,
  save,
  savedMessage = null,
  where,
  saveLabel,
}: {
  items: CatalogItem[];
  /** the Save without JavaScript; a waitlist button submits the same form, naming itself (`waitlist=join:<id>`) */
  save: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  savedMessage?: string | null;
  /** the catalog's search and page, kept by the redirect after a Save without JavaScript */
  where: { q: string; page: number };
  /** the Save button's words without JavaScript (the student's page has two lists, each its own form) */
  saveLabel?: string;
}) {
  const [saveState, saveAction] = useActionState(save, IDLE);
  // With JavaScript: the waitlist's answer, and each class's place in line as it is now.
  const [waitMessage, setWaitMessage] = useState<ActionState>(IDLE);
  const [places, setPlaces] = useState<{ basis: unknown; byId: Record<string, number | null> }>({ basis: items, byId: {} });
  const placeOf = (item: CatalogItem) =>
    places.basis === items && item.id in places.byId ? (places.byId[item.id] ?? null) : item.waitlistPosition;
  const codeFor = (id: string) =>
    (document.getElementById(`code-${id}`) as HTMLInputElement | null)?.value ?? undefined;
  const { toggle: onToggle, errors, pendingFor, savedFor, countsFor } = useOptimisticToggles(
    (id, enrolled) => sendTick({ courseId: id, enrolled, joinCode: enrolled ? codeFor(id) || undefined : undefined }),
    items,
  );
  // Unticking a class asks first: a drop gives the seat away.
  const [confirming, setConfirming] = useState<string | null>(null);
  const [, startTransition] = useTransition();
  function submitWaitlist(event: React.MouseEvent<HTMLButtonElement>) {
    event.preventDefault();
    const [verb, id] = event.currentTarget.value.split(":") as [string, string];
    const join = verb === "join";
    startTransition(async () => {
      const reply = await sendWaitlist({ courseId: id, join, joinCode: join ? codeFor(id) || undefined : undefined });
      startTransition(() => {
        if (!reply.ok) return setWaitMessage({ status: "error", message: reply.message });
        setPlaces((p) => ({ basis: items, byId: { ...(p.basis === items ? p.byId : {}), [id]: reply.position } }));
        setWaitMessage({
          status: "ok",
          message: reply.position ? `You are on the waitlist: number ${reply.position}.` : "You left the waitlist.",
        });
      });
    });
  }
  const leftChecked =
    (saveState.status === "error" || saveState.status === "preview") && saveState.checked ? new Set(saveState.checked) : null;

  return (
    <form action={saveAction}>
      <input type="hidden" name="q" value={where.q} />
      <input type="hidden" name="page" value={where.page} />
      <div className="mb-3 space-y-2">
        {savedMessage && saveState.status === "idle" ? <FormMessage state={{ status: "ok", message: savedMessage }} /> : null}
        <FormMessage state={waitMessage} />
      </div>
      {items.length === 0 ? <p className="text-sm text-slate-700">No classes match.</p> : null}
      <ul className="divide-y divide-slate-100">
        {items.map((item) => {
          const optimistic = pendingFor(item.id);
          const saved = savedFor(item.id);
          const enrolled = saved?.enrolled ?? item.enrolled;
          const checked = optimistic ?? leftChecked?.has(item.id) ?? enrolled;
          const error = errors[item.id];
          const counts = countsFor(item.id) ?? item.counts;
          const place = enrolled ? null : placeOf(item);
          const full = counts.capacity !== null && counts.enrolledCount >= counts.capacity;
          const canJoinWaitlist = !enrolled && !place && !item.blocked && (item.canJoinWaitlist || (full && item.window === "open"));
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
                    onChange={(e) => {
                      if (!e.target.checked && enrolled && optimistic === undefined) setConfirming(item.id);
                      else onToggle(item.id, e.target.checked);
                    }}
                    aria-describedby={`about-${item.id}${error ? ` err-${item.id}` : ""}`}
                    // Not open to enroll now (not yet, closed, managed by the school): the reason and date are beside it.
                    disabled={!enrolled && (item.window !== "open" || item.blocked !== null)}
                    className="size-4 accent-indigo-700 disabled:opacity-50"
                  />
                  <span className="font-medium">{item.label}</span>
                </label>
                <span className="text-xs text-slate-700" aria-live="polite">
                  {optimistic !== undefined
                    ? "Saving…"
                    : enrolled
                      ? ((saved ? saved.enrolledLabel : item.enrolledLabel) ?? "")
                      : saved
                        ? "Dropped"
                        : ""}
                </span>
              </div>
              <p id={`about-${item.id}`} className="ml-7 text-sm text-slate-700">
                {[item.details[0], seatsText(counts), ...item.details.slice(1)].join(" · ")}
                {item.blocked && !enrolled ? <strong className="block font-medium text-red-800">{item.blocked}</strong> : null}
              </p>
              {confirming === item.id && enrolled ? (
                <div role="group" aria-label={`Drop ${item.code}?`} className="ml-7 mt-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
                  <p className="mb-2">
                    Drop {item.code}? {full ? "The class is full: your seat goes to the next student waiting, and you may not get it back." : "Your seat goes back to the class."}
                  </p>
                  <div className="flex flex-wrap gap-3">
                    <button
                      type="button"
                      autoFocus
                      onClick={() => {
                        setConfirming(null);
                        onToggle(item.id, false);
                      }}
                      className={secondaryButtonClass}
                    >
                      Drop {item.code}
                    </button>
                    <button type="button" onClick={() => setConfirming(null)} className={secondaryButtonClass}>
                      Keep it
                    </button>
                  </div>
                </div>
              ) : null}
              {(item.needsJoinCode && !enrolled) || place || canJoinWaitlist ? (
                <div className="ml-7 mt-2 flex flex-wrap items-end gap-3">
                  {item.needsJoinCode && !enrolled ? (
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
                  {item.needsJoinCode && !enrolled && !full && item.window === "open" && !item.blocked ? (
                    // Beside the code: enrolls with it. Without JavaScript it saves the form with this class ticked.
                    <button
                      type="submit"
                      name="checked"
                      value={item.id}
                      onClick={(e) => {
                        e.preventDefault();
                        onToggle(item.id, true);
                      }}
                      aria-label={`Join ${item.code} with the code`}
                      className={secondaryButtonClass}
                    >
                      Join
                    </button>
                  ) : null}
                  {place ? (
                    <>
                      <span className="text-sm font-medium text-amber-900">
                        On the waitlist: number {place}
                      </span>
                      <button
                        type="submit"
                        onClick={submitWaitlist}
                        name="waitlist"
                        value={`leave:${item.id}`}
                        aria-label={`Leave the waitlist for ${item.code}`}
                        className={secondaryButtonClass}
                      >
                        Leave waitlist
                      </button>
                    </>
                  ) : canJoinWaitlist ? (
                    <button
                      type="submit"
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
      <SaveWithoutJs state={saveState} label={saveLabel} />
    </form>
  );
}

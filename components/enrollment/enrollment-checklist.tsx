"use client";
import { useRouter } from "next/navigation";
import { startTransition, useActionState, useMemo, useState } from "react";
import { IDLE, type ActionState } from "@/lib/action-state";
import { inputClass, secondaryButtonClass } from "@/components/ui/styles";
import { SaveWithoutJs } from "@/components/enrollment/save-without-js";
import { sendTick } from "@/components/enrollment/send";
import { countsText, promotedText, useHydrated, useOptimisticToggles } from "@/components/enrollment/use-toggles";

export type ChecklistItem = {
  id: string;
  label: string;
  detail?: string;
  enrolled: boolean;
  /** e.g. "Enrolled 3 Sep 2026", formatted on the server in the viewer's locale */
  enrolledLabel: string | null;
  /** a class's counts, shown as its detail and kept current after a tick (a student's page) */
  counts?: { enrolledCount: number; capacity: number | null };
};

/**
 * A checkbox per class (on a student's page) or per student (on a class's
 * page). With JavaScript a tick saves at once: the box changes optimistically,
 * shows "Saving…", then what the server says changed (the date, the counts,
 * who was promoted from the waitlist); a refusal is shown beside the box.
 * Without JavaScript the boxes are a plain form with a Save button, which
 * redirects back to the page with `savedMessage`.
 */
export function EnrollmentChecklist({
  items,
  fixed,
  save,
  legend,
  filterLabel,
  emptyText,
  several = false,
  refreshAfterTick = false,
  savedMessage = null,
}: {
  items: ChecklistItem[];
  /** the page's student (the boxes are classes) or class (the boxes are students) */
  fixed: { studentId: string } | { courseId: string };
  save: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  legend: string;
  /** shows a filter box over the list (with JavaScript) */
  filterLabel?: string;
  emptyText: string;
  /** offers "Change several at once": ticks are kept until a reviewed Save (admin pages) */
  several?: boolean;
  /** after a tick, also refresh the rest of the page in the background (a class's page: its roster and counts) */
  refreshAfterTick?: boolean;
  /** what the last Save did (the page reads it from its address after the redirect) */
  savedMessage?: string | null;
}) {
  const hydrated = useHydrated();
  const router = useRouter();
  const [saveState, saveAction] = useActionState(save, IDLE);
  const { toggle: onToggle, errors, pendingFor, savedFor } = useOptimisticToggles(
    (id, enrolled) => sendTick("studentId" in fixed ? { ...fixed, courseId: id, enrolled } : { ...fixed, studentId: id, enrolled }),
    items,
    () => {
      if (refreshAfterTick) startTransition(() => router.refresh());
    },
  );
  const [filter, setFilter] = useState("");
  // "Change several at once": ticks wait for a Save, which first shows its impact.
  const [bulk, setBulk] = useState(false);
  const [draft, setDraft] = useState<Record<string, boolean>>({});

  // After a refused Save (no JavaScript), the boxes stay as the user left them.
  const leftChecked =
    (saveState.status === "error" || saveState.status === "preview") && saveState.checked ? new Set(saveState.checked) : null;

  const visible = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    return needle ? items.filter((i) => `${i.label} ${i.detail ?? ""}`.toLowerCase().includes(needle)) : items;
  }, [items, filter]);

  return (
    <div>
      {filterLabel && hydrated ? (
        <label className="mb-3 block text-sm font-medium text-slate-800">
          {filterLabel}
          <input
            type="search"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            className={inputClass}
            placeholder="Type to filter"
          />
        </label>
      ) : null}
      {savedMessage && saveState.status === "idle" ? (
        <p role="status" className="mb-3 rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-800">
          {savedMessage}
        </p>
      ) : null}
      {several && hydrated ? (
        <button
          type="button"
          aria-pressed={bulk}
          onClick={() => {
            setBulk(!bulk);
            setDraft({});
          }}
          className={`${secondaryButtonClass} mb-3`}
        >
          {bulk ? "Back to saving each tick" : "Change several at once"}
        </button>
      ) : null}
      <form
        action={saveAction}
        onSubmit={(e) => {
          if (!bulk) return;
          // Submitted by hand: React resets a form after its action, which
          // would untick the boxes in the browser while they stay ticked here.
          e.preventDefault();
          const form = new FormData(e.currentTarget, (e.nativeEvent as SubmitEvent).submitter);
          startTransition(() => saveAction(form));
        }}
      >
        {hydrated ? <input type="hidden" name="js" value="1" /> : null}
        <fieldset>
          <legend className="sr-only">{legend}</legend>
          {items.length === 0 ? <p className="text-sm text-slate-700">{emptyText}</p> : null}
          {hydrated && filter && visible.length === 0 ? (
            <p className="text-sm text-slate-700">Nothing matches “{filter}”.</p>
          ) : null}
          <ul className="checklist divide-y divide-slate-100">
            {items.map((item) => {
              const optimistic = pendingFor(item.id);
              const saved = savedFor(item.id);
              const enrolled = saved?.enrolled ?? item.enrolled;
              const enrolledLabel = saved ? saved.enrolledLabel : item.enrolledLabel;
              const counts = saved && item.counts ? saved.course : item.counts;
              const detail = counts ? countsText(counts) : item.detail;
              const checked = bulk
                ? (draft[item.id] ?? leftChecked?.has(item.id) ?? enrolled)
                : (optimistic ?? leftChecked?.has(item.id) ?? enrolled);
              const error = errors[item.id];
              const hidden = hydrated && filter !== "" && !visible.includes(item);
              return (
                <li key={item.id} hidden={hidden}>
                  <input type="hidden" name="shown" value={item.id} />
                  <label>
                    <input
                      type="checkbox"
                      name="checked"
                      value={item.id}
                      checked={checked}
                      onChange={(e) => {
                        const on = e.target.checked;
                        if (bulk) setDraft((d) => ({ ...d, [item.id]: on }));
                        else onToggle(item.id, on);
                      }}
                      aria-describedby={error ? `err-${item.id}` : undefined}
                    />
                    <span>
                      <span className="item-name">{item.label}</span>
                      {detail ? <span className="item-detail"> · {detail}</span> : null}
                    </span>
                  </label>
                  <span className="item-status" aria-live="polite">
                    {optimistic !== undefined
                      ? "Saving…"
                      : bulk && draft[item.id] !== undefined && draft[item.id] !== enrolled
                        ? "Not saved yet"
                        : `${enrolled && enrolledLabel ? enrolledLabel : saved ? "Removed" : ""}${promotedText(saved)}`}
                  </span>
                  {error ? (
                    <p id={`err-${item.id}`} role="alert" className="basis-full text-sm text-red-700">
                      {error}
                    </p>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </fieldset>
        <SaveWithoutJs state={saveState} shown={bulk} />
      </form>
    </div>
  );
}

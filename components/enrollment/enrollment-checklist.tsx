"use client";
import { startTransition, useActionState, useMemo, useState } from "react";
import { IDLE, type ActionState, type ToggleResult } from "@/lib/action-state";
import { inputClass, secondaryButtonClass } from "@/components/ui/styles";
import { SaveWithoutJs } from "@/components/enrollment/save-without-js";
import { useHydrated, useOptimisticToggles } from "@/components/enrollment/use-toggles";

export type ChecklistItem = {
  id: string;
  label: string;
  detail?: string;
  enrolled: boolean;
  /** e.g. "Enrolled 3 Sep 2026", formatted on the server in the viewer's locale */
  enrolledLabel: string | null;
};

/**
 * A checkbox per class (on a student's page) or per student (on a class's
 * page). With JavaScript a tick saves at once: the box changes optimistically,
 * shows "Saving…", then the page's true state; a refusal is shown beside the
 * box. Without JavaScript the boxes are a plain form with a Save button.
 */
export function EnrollmentChecklist({
  items,
  toggle,
  save,
  legend,
  filterLabel,
  emptyText,
  several = false,
}: {
  items: ChecklistItem[];
  /** saves one change; the server action is bound to the page's student or class */
  toggle: (id: string, enrolled: boolean) => Promise<ToggleResult>;
  save: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  legend: string;
  /** shows a filter box over the list (with JavaScript) */
  filterLabel?: string;
  emptyText: string;
  /** offers "Change several at once": ticks are kept until a reviewed Save (admin pages) */
  several?: boolean;
}) {
  const hydrated = useHydrated();
  const [saveState, saveAction] = useActionState(save, IDLE);
  const { toggle: onToggle, errors, pendingFor } = useOptimisticToggles(toggle);
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
        <fieldset>
          <legend className="sr-only">{legend}</legend>
          {items.length === 0 ? <p className="text-sm text-slate-700">{emptyText}</p> : null}
          {hydrated && filter && visible.length === 0 ? (
            <p className="text-sm text-slate-700">Nothing matches “{filter}”.</p>
          ) : null}
          <ul className="checklist divide-y divide-slate-100">
            {items.map((item) => {
              const optimistic = pendingFor(item.id);
              const checked = bulk
                ? (draft[item.id] ?? leftChecked?.has(item.id) ?? item.enrolled)
                : (optimistic ?? leftChecked?.has(item.id) ?? item.enrolled);
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
                      {item.detail ? <span className="item-detail"> · {item.detail}</span> : null}
                    </span>
                  </label>
                  <span className="item-status" aria-live="polite">
                    {optimistic !== undefined
                      ? "Saving…"
                      : bulk && draft[item.id] !== undefined && draft[item.id] !== item.enrolled
                        ? "Not saved yet"
                        : item.enrolled && item.enrolledLabel
                        ? item.enrolledLabel
                        : ""}
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

"use client";
import { useRouter } from "next/navigation";
import { startTransition, useActionState, useEffect, useMemo, useRef, useState } from "react";
import { IDLE, type ActionState, type TickReply } from "@/lib/action-state";
import { inputClass, secondaryButtonClass } from "@/components/ui/styles";
import { SaveWithoutJs } from "@/components/enrollment/save-without-js";
import { sendTick } from "@/components/enrollment/send";
import { checklistHtml, countsText, sinceText, unpackChecklist, type ChecklistRow } from "@/components/enrollment/checklist-html";
import { promotedText, useHydrated } from "@/components/enrollment/use-toggles";
import { FormMessage } from "@/components/ui/form-message";
import { undoSavedAction } from "@/lib/server/actions/change-sets";

export type { ChecklistRow };

/** The status beside a box (its row's last span). */
const statusOf = (input: HTMLInputElement) => input.closest("li")!.querySelector(":scope > span")!;

/**
 * A checkbox per class (on a student's page) or per student (on a class's
 * page). With JavaScript a tick saves at once: the box shows "Saving…", then
 * what the server says changed (the date, the counts, who was promoted from
 * the waitlist); a refusal puts the box back and is shown beside it. Without
 * JavaScript the boxes are a plain form with a Save button, which redirects
 * back to the page with `savedMessage`.
 *
 * The rows are drawn as one HTML string (checklist-html.ts) and the ticks
 * are handled for the whole list by one listener, so a list of 500 costs the
 * page little to render and to send.
 */
export function EnrollmentChecklist({
  packedRows,
  fixed,
  save,
  legend,
  filterLabel,
  emptyText,
  several = false,
  refreshAfterTick = false,
  savedMessage = null,
  undoId = null,
}: {
  /** the rows, packed into one string by packChecklist (checklist-html.ts) */
  packedRows: string;
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
  /** that Save's change set, offered for Undo beside the message */
  undoId?: number | null;
}) {
  const rows = useMemo(() => unpackChecklist(packedRows), [packedRows]);
  const hydrated = useHydrated();
  const router = useRouter();
  const [saveState, saveAction] = useActionState(save, IDLE);
  // The latest tick saved, with its Undo (an admin's): shown above the list, which a refresh redraws.
  const [lastTick, setLastTick] = useState<{ message: string; undo: number } | null>(null);
  const [filter, setFilter] = useState("");
  const [visibleCount, setVisibleCount] = useState(rows.length);
  // "Change several at once": ticks wait for a Save, which first shows its impact.
  const [bulk, setBulk] = useState(false);
  const bulkRef = useRef(bulk);
  const listRef = useRef<HTMLUListElement>(null);

  // After a refused Save without JavaScript, the boxes stay as the user left them.
  const leftChecked =
    !hydrated && (saveState.status === "error" || saveState.status === "preview") && saveState.checked ? saveState.checked : null;
  const html = useMemo(() => checklistHtml(rows, leftChecked ? new Set(leftChecked) : null), [rows, leftChecked]);
  const byId = useMemo(() => new Map(rows.map((r) => [r[0], r])), [rows]);

  // Ticks: one listener for the whole list; each box's saves go in order.
  useEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const enrolled = new Map(rows.map((r) => [r[0], r[3] !== null]));
    const chains = new Map<string, Promise<void>>();
    const since = (id: string) => sinceText(byId.get(id)?.[3] ?? null);
    function showError(input: HTMLInputElement, message: string | null) {
      const li = input.closest("li")!;
      li.querySelector(":scope > p")?.remove();
      input.removeAttribute("aria-describedby");
      if (!message) return;
      const p = document.createElement("p");
      p.id = `err-${input.value}`;
      p.setAttribute("role", "alert");
      p.className = "basis-full text-sm text-red-700";
      p.textContent = message;
      li.append(p);
      input.setAttribute("aria-describedby", p.id);
    }
    /**
     * Asks beside the box whether to go ahead: false for no, else the reason
     * typed (when one is asked for; a reason is then required).
     */
    function ask(input: HTMLInputElement, question: { text: string; go: string; keep: string; label: string; reason?: string }): Promise<false | string> {
      return new Promise((resolve) => {
        const li = input.closest("li")!;
        const box = document.createElement("div");
        box.setAttribute("role", "group");
        box.setAttribute("aria-label", question.label);
        box.className = "basis-full rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900";
        const text = document.createElement("p");
        text.className = "mb-2";
        text.textContent = question.text;
        box.append(text);
        let field: HTMLInputElement | null = null;
        if (question.reason) {
          const label = document.createElement("label");
          label.className = "mb-2 block font-medium";
          label.textContent = question.reason;
          field = document.createElement("input");
          field.maxLength = 200;
          field.className = inputClass;
          label.append(field);
          box.append(label);
        }
        const go = document.createElement("button");
        const keep = document.createElement("button");
        for (const [button, label, yes] of [
          [go, question.go, true],
          [keep, question.keep, false],
        ] as const) {
          button.type = "button";
          button.className = `${secondaryButtonClass} mr-3`;
          button.textContent = label;
          button.addEventListener("click", () => {
            const reason = field?.value.trim() ?? "";
            if (yes && field && !reason) {
              // Said in words beside the field, not only by its outline.
              let problem = box.querySelector<HTMLElement>("[data-problem]");
              if (!problem) {
                problem = document.createElement("p");
                problem.dataset.problem = "";
                problem.id = `${input.id || input.value}-reason-problem`;
                problem.className = "mb-2 text-red-700 dark:text-red-300";
                field.insertAdjacentElement("afterend", problem);
                field.setAttribute("aria-describedby", problem.id);
              }
              problem.textContent = "Say why: the reason is kept in the history.";
              field.setAttribute("aria-invalid", "true");
              field.focus();
              return;
            }
            box.remove();
            input.focus();
            resolve(yes ? reason : false);
          });
        }
        box.append(go, keep);
        li.append(box);
        (field ?? go).focus();
      });
    }
    function applied(input: HTMLInputElement, reply: Extract<TickReply, { ok: true }>) {
      const id = input.value;
      enrolled.set(id, reply.enrolled);
      input.checked = reply.enrolled;
      statusOf(input).textContent = `${reply.enrolled ? (reply.enrolledLabel ?? "") : "Removed"}${promotedText(reply)}`;
      const name = byId.get(id)?.[1] ?? "";
      if (reply.undo) setLastTick({ message: `Saved: ${name} ${reply.enrolled ? "enrolled" : "removed"}${promotedText(reply)}.`, undo: reply.undo });
      const counts = byId.get(id)?.[2];
      const small = input.closest("label")!.querySelector("small");
      if (Array.isArray(counts) && small) small.textContent = ` · ${countsText([reply.course.enrolledCount, reply.course.capacity])}`;
    }
    function onChange(event: Event) {
      const input = event.target as HTMLInputElement;
      if (input.type !== "checkbox") return;
      const id = input.value;
      const on = input.checked;
      if (bulkRef.current) {
        statusOf(input).textContent = on !== enrolled.get(id) ? "Not saved yet" : enrolled.get(id) ? since(id) : "";
        return;
      }
      showError(input, null);
      statusOf(input).textContent = "Saving…";
      const before = chains.get(id) ?? Promise.resolve();
      const next = before.then(async () => {
        const change = "studentId" in fixed ? { ...fixed, courseId: id, enrolled: on } : { ...fixed, studentId: id, enrolled: on };
        let reply = await sendTick(change);
        // The server asks first for an untick that would seat someone from the
        // waitlist (naming them), for a tick into a full class (which an admin
        // may make anyway, with a reason kept in the history), for a tick
        // into a class that clashes with one of the student's (kept too), and
        // for a student with a hold (anyway with a reason, kept).
        // Each answer is sent with the change again; another question may follow.
        let answers: { confirmed?: boolean; overCapacity?: string; clashOk?: boolean; pass?: string } = {};
        while (!reply.ok && (reply.code === "confirm" || reply.code === "full" || reply.code === "clash" || reply.code === "rule")) {
          const code = reply.code;
          const question =
            code === "confirm"
              ? { text: `${reply.message} Remove anyway?`, go: "Remove anyway", keep: "Keep them enrolled", label: "Confirm the removal" }
              : code === "clash"
                ? { text: `${reply.message} Enroll anyway? The clash is kept in the history.`, go: "Enroll anyway", keep: "Cancel", label: "Enroll despite the clash" }
                : code === "rule"
                  ? { text: `${reply.message} Enroll anyway, as an exception?`, go: "Enroll anyway", keep: "Cancel", label: "Enroll as an exception", reason: "Reason (kept in the history)" }
                  : {
                      text: `${reply.message} Enroll anyway, past the capacity?`,
                      go: "Enroll anyway",
                      keep: "Cancel",
                      label: "Enroll past the capacity",
                      reason: "Reason (kept in the history)",
                    };
          statusOf(input).textContent = "";
          const answer = await ask(input, question);
          if (answer === false) {
            input.checked = enrolled.get(id) ?? false;
            statusOf(input).textContent = enrolled.get(id) ? since(id) : "";
            return;
          }
          answers = {
            ...answers,
            ...(code === "confirm" ? { confirmed: true } : code === "clash" ? { clashOk: true } : code === "rule" ? { pass: answer } : { overCapacity: answer }),
          };
          statusOf(input).textContent = "Saving…";
          reply = await sendTick({ ...change, ...answers });
        }
        if (reply.ok) {
          applied(input, reply);
          if (refreshAfterTick) startTransition(() => router.refresh());
        } else {
          input.checked = enrolled.get(id) ?? false;
          statusOf(input).textContent = enrolled.get(id) ? since(id) : "";
          showError(input, reply.message);
        }
      });
      chains.set(id, next);
    }
    list.addEventListener("change", onChange);
    return () => list.removeEventListener("change", onChange);
  }, [rows, byId, fixed, refreshAfterTick, router]);

  // The filter hides rows in place.
  useEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const needle = filter.trim().toLowerCase();
    let shown = 0;
    for (const li of Array.from(list.children) as HTMLLIElement[]) {
      const match = !needle || (li.querySelector("label")?.textContent ?? "").toLowerCase().includes(needle);
      li.hidden = !match;
      if (match) shown++;
    }
    setVisibleCount(shown);
  }, [filter, html]);

  function toggleBulk() {
    const next = !bulk;
    bulkRef.current = next;
    setBulk(next);
    // Leaving "several at once" drops the unsaved ticks.
    const list = listRef.current;
    if (!next && list) {
      for (const input of Array.from(list.querySelectorAll<HTMLInputElement>("input[type=checkbox]"))) {
        const row = byId.get(input.value);
        if (!row || !statusOf(input).textContent?.startsWith("Not saved")) continue;
        input.checked = !input.checked;
        statusOf(input).textContent = input.checked ? sinceText(row[3]) : "";
      }
    }
  }

  return (
    <div>
      {savedMessage && saveState.status === "idle" ? (
        // Without JavaScript the Save redirected here.
        <div className="mb-3">
          <SavedWithUndo key={undoId} message={savedMessage} undo={undoId} />
        </div>
      ) : null}
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
        <button type="button" aria-pressed={bulk} onClick={toggleBulk} className={`${secondaryButtonClass} mb-3`}>
          {bulk ? "Back to saving each tick" : "Change several at once"}
        </button>
      ) : null}
      {lastTick ? (
        // Stays in view while the list scrolls under it.
        <div className="sticky top-0 z-10 mb-3">
          <SavedWithUndo key={lastTick.undo} message={lastTick.message} undo={lastTick.undo} />
        </div>
      ) : null}
      <form
        action={saveAction}
        onSubmit={(e) => {
          // An Undo beside the Save's message goes to its own action (its formAction).
          if (!bulk || (e.nativeEvent as SubmitEvent).submitter?.hasAttribute("formaction")) return;
          // Submitted by hand: React resets a form after its action, which
          // would untick the boxes in the browser while they stay ticked here.
          e.preventDefault();
          const form = new FormData(e.currentTarget, (e.nativeEvent as SubmitEvent).submitter);
          startTransition(() => saveAction(form));
        }}
      >
        {hydrated ? <input type="hidden" name="js" value="1" /> : null}
        <input type="hidden" name="shown" value={rows.map((r) => r[0]).join(" ")} />
        <fieldset>
          <legend className="sr-only">{legend}</legend>
          {rows.length === 0 ? <p className="text-sm text-slate-700">{emptyText}</p> : null}
          {hydrated && filter && visibleCount === 0 ? <p className="text-sm text-slate-700">Nothing matches “{filter}”.</p> : null}
          {/* Polite: each row's status ("Saving…", "Enrolled 3 Sep 2026") is read out when it changes. */}
          <ul ref={listRef} aria-live="polite" className="checklist divide-y divide-slate-100" dangerouslySetInnerHTML={{ __html: html }} />
        </fieldset>
        {saveState.status === "ok" ? (
          <div className="mt-4">
            <SavedWithUndo key={saveState.undo} message={saveState.message} undo={saveState.undo} inForm />
          </div>
        ) : null}
        <SaveWithoutJs state={saveState.status === "ok" ? IDLE : saveState} shown={bulk} />
      </form>
    </div>
  );
}

/**
 * What a Save did, with Undo beside it (the server refuses it once the Save
 * is no longer the admin's latest change); then what the Undo did. Inside
 * the checklist's own form the button names the undo as its `formAction`;
 * elsewhere it is a form of its own. Keyed by the change set: a new Save
 * starts afresh.
 */
function SavedWithUndo({ message, undo, inForm = false }: { message: string; undo?: number | null; inForm?: boolean }) {
  const [state, undoAction] = useActionState(undoSavedAction, IDLE);
  if (state.status !== "idle") return <FormMessage state={state} />;
  // The change set goes as a field: React names a button with a formAction itself.
  const button = undo ? (
    <>
      <input type="hidden" name="undo" value={undo} />
      <button type="submit" formAction={inForm ? undoAction : undefined} className={`${secondaryButtonClass} py-1`}>
        Undo
      </button>
    </>
  ) : null;
  return (
    <div role="status" className="flex flex-wrap items-center gap-3 rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-800">
      <span className="grow">{message}</span>
      {inForm || !button ? button : <form action={undoAction}>{button}</form>}
    </div>
  );
}

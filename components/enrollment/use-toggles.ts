"use client";
import { useOptimistic, useState, useSyncExternalStore, useTransition } from "react";
import type { ClassCounts, TickReply } from "@/lib/action-state";

const subscribeNever = () => () => {};

/** False while rendering on the server and hydrating, true once JavaScript runs. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
}

type Pending = { id: string; enrolled: boolean };
export type Saved = Extract<TickReply, { ok: true }>;

/**
 * Checkbox toggles saved at once: each box shows the new state and "Saving…"
 * until the server answers, then what the server says changed (kept here:
 * the page is not rendered again); a refusal is kept per box to show beside it.
 * What was saved holds until the page's own data (`basis`) is new, e.g. after
 * a Save's redirect or a refresh, which then knows better.
 */
export function useOptimisticToggles(save: (id: string, enrolled: boolean) => Promise<TickReply>, basis: unknown) {
  const [, startTransition] = useTransition();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [savedState, setSaved] = useState<{ basis: unknown; byId: Record<string, Saved> }>({ basis, byId: {} });
  const saved = savedState.basis === basis ? savedState.byId : {};
  // A class's counts as a refusal said they are now (it filled since the page was drawn).
  const [refusedState, setRefused] = useState<{ basis: unknown; byId: Record<string, ClassCounts> }>({ basis, byId: {} });
  const refusedCounts = refusedState.basis === basis ? refusedState.byId : {};
  const [pending, addPending] = useOptimistic<Pending[], Pending>([], (list, change) => [
    ...list.filter((p) => p.id !== change.id),
    change,
  ]);
  const pendingById = new Map(pending.map((p) => [p.id, p.enrolled]));

  function toggle(id: string, enrolled: boolean) {
    setErrors(({ [id]: _dropped, ...rest }) => rest);
    startTransition(async () => {
      addPending({ id, enrolled });
      const result = await save(id, enrolled);
      startTransition(() => {
        if (result.ok) {
          setSaved((s) => ({ basis, byId: { ...(s.basis === basis ? s.byId : {}), [id]: result } }));
          setRefused((r) => (r.basis === basis && id in r.byId ? { basis, byId: Object.fromEntries(Object.entries(r.byId).filter(([k]) => k !== id)) } : r));
        } else {
          setErrors((e) => ({ ...e, [id]: result.message }));
          const course = result.course;
          if (course) setRefused((r) => ({ basis, byId: { ...(r.basis === basis ? r.byId : {}), [id]: course } }));
        }
      });
    });
  }

  return {
    toggle,
    errors,
    pendingFor: (id: string) => pendingById.get(id),
    savedFor: (id: string) => saved[id],
    /** the class's counts as the server last said: after a save, or a refusal that carried them */
    countsFor: (id: string): ClassCounts | undefined => refusedCounts[id] ?? saved[id]?.course,
  };
}

/** " · Promoted from the waitlist: Ana Silva, Ben Okafor" after an admin's untick seated someone. */
export function promotedText(saved: Saved): string {
  return saved.promoted.length ? ` · Promoted from the waitlist: ${saved.promoted.map((p) => p.name).join(", ")}` : "";
}

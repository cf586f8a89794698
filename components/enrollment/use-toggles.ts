"use client";
import { useOptimistic, useState, useSyncExternalStore, useTransition } from "react";
import type { ToggleResult } from "@/lib/action-state";

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

/**
 * Checkbox toggles saved at once: each box shows the new state and "Saving…"
 * until the server answers and the page's data is fresh, then the true state;
 * a refusal is kept per box to show beside it.
 */
export function useOptimisticToggles(save: (id: string, enrolled: boolean) => Promise<ToggleResult>) {
  const [, startTransition] = useTransition();
  const [errors, setErrors] = useState<Record<string, string>>({});
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
      if (!result.ok) {
        const message = result.message;
        startTransition(() => setErrors((e) => ({ ...e, [id]: message })));
      }
    });
  }

  return { toggle, errors, pendingFor: (id: string) => pendingById.get(id) };
}

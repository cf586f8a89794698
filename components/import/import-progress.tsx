"use client";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

type Status = { status: string; done: number; total: number };

/**
 * A progress bar for an import being checked or applied. It asks the server
 * twice a second how far the work is, and shows the page's next state when
 * the work is done. Without JavaScript the page reloads itself instead.
 */
export function ImportProgress({ id, initial }: { id: string; initial: Status }) {
  const router = useRouter();
  const [now, setNow] = useState(initial);
  useEffect(() => {
    let stopped = false;
    const timer = setInterval(async () => {
      try {
        const response = await fetch(`/admin/import/${id}/status`, { cache: "no-store" });
        if (!response.ok || stopped) return;
        const next = (await response.json()) as Status;
        setNow(next);
        if (next.status !== initial.status) {
          stopped = true;
          clearInterval(timer);
          router.refresh();
        }
      } catch {
        // a missed poll: the next one tries again
      }
    }, 500);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [id, initial.status, router]);

  const verb = now.status === "APPLYING" ? "Applying" : "Checking";
  const unit = now.status === "APPLYING" ? "changes" : "rows";
  return (
    <div className="space-y-2">
      <label htmlFor={`progress-${id}`} className="block text-sm font-medium">
        {verb}… {now.done.toLocaleString("en")} of {now.total.toLocaleString("en")} {unit}
      </label>
      <progress id={`progress-${id}`} max={Math.max(now.total, 1)} value={now.done} className="h-3 w-full" />
    </div>
  );
}

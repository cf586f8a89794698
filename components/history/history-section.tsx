import Link from "next/link";
import { cardClass } from "@/components/ui/styles";
import { Timeline } from "@/components/history/timeline";
import type { TimelineEntry } from "@/lib/server/data/history";

/** The latest ten events on a class's or a student's page, with a link to all of them. */
export function HistorySection({
  history,
  show,
  formatWhen,
  allHref,
}: {
  history: { rows: TimelineEntry[]; total: number };
  show: { student: boolean; course: boolean };
  formatWhen: (d: Date) => string;
  allHref: string;
}) {
  return (
    <section aria-labelledby="history" className={`${cardClass} mt-6`}>
      <h2 id="history" className="mb-3 text-lg font-semibold">
        History
      </h2>
      <Timeline entries={history.rows.slice(0, 10)} show={show} formatWhen={formatWhen} />
      {history.total > 10 ? (
        <p className="mt-3 text-sm">
          <Link href={allHref}>All {history.total.toLocaleString("en")} events</Link>
        </p>
      ) : null}
    </section>
  );
}

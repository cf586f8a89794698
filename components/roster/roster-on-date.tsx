import { packRows } from "@/lib/packed-rows";
import { LongTable } from "@/components/ui/long-table";
import { plural } from "@/components/ui/page-title";
import { cardClass, inputClass, secondaryButtonClass } from "@/components/ui/styles";
import { sourceLabel } from "@/lib/source-label";
import type { AsOfRow } from "@/lib/server/data/records/history";

/**
 * "Roster on a date" for a class page (admin or teacher): a date form
 * (?asOf=), then who was enrolled at the end of that day, with its CSV.
 */
export function RosterOnDate({
  basePath,
  day,
  past,
  formatDate,
  className = "",
}: {
  /** the class page; its roster.csv sits below it */
  basePath: string;
  /** the ?asOf= asked for, as typed */
  day: string;
  past: { at: Date; rows: AsOfRow[] } | null;
  formatDate: (d: Date) => string;
  className?: string;
}) {
  return (
    <section aria-labelledby="as-of" className={`${cardClass} mb-6 ${className}`}>
      <h2 id="as-of" className="mb-3 text-lg font-semibold">
        Roster on a date
      </h2>
      <form method="get" action={basePath} className="flex flex-wrap items-end gap-3">
        <label className="text-sm font-medium">
          Date
          <input type="date" name="asOf" defaultValue={day} required className={`${inputClass} w-44`} />
        </label>
        <button type="submit" className={secondaryButtonClass}>
          Show roster
        </button>
      </form>
      {day && !past ? (
        <p role="alert" className="mt-3 text-sm text-red-700">
          “{day}” is not a date.
        </p>
      ) : null}
      {past ? (
        <div className="mt-4">
          <p className="mb-2 text-sm">
            {plural(past.rows.length, "student")} enrolled at the end of {formatDate(past.at)} ·{" "}
            <a href={`${basePath}/roster.csv?asOf=${day}`} download>
              Download as CSV
            </a>
          </p>
          <LongTable
            columns={[{ header: "Name" }, { header: "Email" }, { header: "Enrolled" }, { header: "How" }]}
            packedRows={packRows(past.rows.map((r) => [r.name, r.email ?? "(deleted)", formatDate(r.enrolledAt), sourceLabel(r.source)]))}
          />
        </div>
      ) : null}
    </section>
  );
}

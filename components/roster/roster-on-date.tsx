import Link from "next/link";
import { packRows } from "@/lib/packed-rows";
import { LongTable } from "@/components/ui/long-table";
import { plural } from "@/components/ui/page-title";
import { PrintButton } from "@/components/ui/print-button";
import { cardClass, inputClass, secondaryButtonClass } from "@/components/ui/styles";
import { sourceLabel } from "@/lib/source-label";
import { startOfDay } from "@/lib/format-date";
import type { AsOfRow } from "@/lib/server/data/records/history";

export type PastRoster = { at: Date; rows: AsOfRow[]; course: { term: { name: string; startsOn: Date; endsOn: Date } | null } };

/** The date form of "Roster on a date" (?asOf=): on the class page, and above a past roster. */
export function RosterDateForm({ basePath, day, className = "" }: { basePath: string; day: string; className?: string }) {
  return (
    <form method="get" action={basePath} className={`flex flex-wrap items-end gap-3 print:hidden ${className}`}>
      <label className="text-sm font-medium">
        Roster on a date
        <input type="date" name="asOf" defaultValue={day} required className={`${inputClass} w-44`} />
      </label>
      <button type="submit" className={secondaryButtonClass}>
        Show roster
      </button>
    </form>
  );
}

/** Said when the day is outside the class's term: the roster is still who was enrolled then, which may surprise. */
function outsideTerm(past: PastRoster, formatDate: (d: Date) => string): string | null {
  const term = past.course.term;
  if (!term) return null;
  const day = startOfDay(past.at);
  if (day < term.startsOn) return `${formatDate(past.at)} is before ${term.name} began (${formatDate(term.startsOn)}): these are the students enrolled early.`;
  if (day > term.endsOn) return `${formatDate(past.at)} is after ${term.name} ended (${formatDate(term.endsOn)}): this is the roster as the term left it, and as it was that day.`;
  return null;
}

/**
 * A class's roster as it was at the end of a day (?asOf=), in place of
 * today's (admin or teacher): its own address, printable, with its CSV and
 * the way back to today. A day that isn't one says so.
 */
export function RosterOnDate({
  basePath,
  day,
  past,
  formatDate,
}: {
  /** the class page; its roster.csv sits below it */
  basePath: string;
  /** the ?asOf= asked for, as typed */
  day: string;
  past: PastRoster | null;
  formatDate: (d: Date) => string;
}) {
  const outside = past ? outsideTerm(past, formatDate) : null;
  return (
    <section aria-labelledby="as-of" className={`${cardClass} mb-6 print:border-0 print:shadow-none`}>
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <h2 id="as-of" className="text-lg font-semibold">
          {past ? `Roster at the end of ${formatDate(past.at)}` : "Roster on a date"}
        </h2>
        <div className="flex gap-2 print:hidden">
          {past ? <PrintButton /> : null}
          {past ? (
            <a href={`${basePath}/roster.csv?asOf=${day}`} className={secondaryButtonClass} download>
              Download as CSV
            </a>
          ) : null}
          <Link href={basePath} className={secondaryButtonClass}>
            Today&apos;s roster
          </Link>
        </div>
      </div>
      <RosterDateForm basePath={basePath} day={day} className="mb-3" />
      {!past ? (
        <p role="alert" className="text-sm text-red-700">
          “{day}” is not a date: choose one, like 2026-09-15.
        </p>
      ) : (
        <>
          {outside ? (
            <p role="note" className="mb-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              {outside}
            </p>
          ) : null}
          <p className="mb-2 text-sm">{plural(past.rows.length, "student")} enrolled then.</p>
          <LongTable
            columns={[{ header: "Name" }, { header: "Email" }, { header: "Enrolled" }, { header: "How" }]}
            packedRows={packRows(past.rows.map((r) => [r.name, r.email ?? "(deleted)", formatDate(r.enrolledAt), sourceLabel(r.source)]))}
          />
        </>
      )}
    </section>
  );
}

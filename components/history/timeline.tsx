import Link from "next/link";
import { sourceLabel } from "@/lib/source-label";
import type { TimelineEntry } from "@/lib/server/data/records/history";

/**
 * A timeline, newest first: what happened, to whom, in which class, who did
 * it and how. `show` leaves out what the page already says (the class on a
 * class's page, the student on a student's page).
 */
export function Timeline({
  entries,
  show,
  formatWhen,
  empty = "Nothing has happened yet.",
}: {
  entries: TimelineEntry[];
  show: { student: boolean; course: boolean };
  formatWhen: (d: Date) => string;
  empty?: string;
}) {
  if (entries.length === 0) return <p className="text-sm text-slate-700">{empty}</p>;
  return (
    <ol className="space-y-2 border-l-2 border-slate-200 pl-4 text-sm">
      {entries.map((e) => (
        <li key={e.id}>
          <time dateTime={e.at.toISOString()} className="text-slate-700">
            {formatWhen(e.at)}
          </time>{" "}
          ·{" "}
          <Link
            href={`/admin/classes/${e.courseId}/history?student=${e.studentId}`}
            className="font-medium"
            aria-label={`${e.what}: ${e.studentName} in ${e.courseCode}, their whole timeline`}
          >
            {e.what}
          </Link>
          {show.student ? (
            <>
              {": "}
              <Link href={`/admin/students/${e.studentId}`}>{e.studentName}</Link>
            </>
          ) : null}
          {show.course ? (
            <>
              {show.student ? " in " : ": "}
              <Link href={`/admin/classes/${e.courseId}`}>{e.courseCode}</Link>
            </>
          ) : null}
          <span className="text-slate-700">
            {" "}
            · by {e.who}
            {howText(e)}
            {e.reason ? ` · ${e.reason}` : ""}
          </span>
        </li>
      ))}
    </ol>
  );
}

/** How it was made, where the entry doesn't say it already: " (imported)", " (through the API)". */
function howText(e: { source: string; who: string; what: string }): string {
  if (e.source === "ADMIN" || e.source === "WAITLIST" || (e.source === "SELF" && e.who === "the student")) return "";
  return ` (${sourceLabel(e.source).toLowerCase()})`;
}

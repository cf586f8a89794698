import Link from "next/link";
import { sourceLabel } from "@/lib/source-label";
import { auditValueText, auditVia } from "@/lib/audit-text";
import type { HistoryItem, TimelineEntry } from "@/lib/server/data/records/history";
import type { RecordChangeEntry } from "@/lib/server/data/records/audit";

type Formats = { formatWhen: (d: Date) => string; formatDay: (d: Date) => string };

/**
 * A timeline, newest first: what happened, to whom, in which class, who did
 * it and how; and the changes to the record itself, each field before and
 * after. `show` leaves out what the page already says (the class on a
 * class's page, the student on a student's page).
 */
export function Timeline({
  entries,
  show,
  formatWhen,
  formatDay,
  empty = "Nothing has happened yet.",
}: {
  entries: HistoryItem[];
  show: { student: boolean; course: boolean };
  empty?: string;
} & Formats) {
  if (entries.length === 0) return <p className="text-sm text-slate-700">{empty}</p>;
  return (
    <ol className="space-y-2 border-l-2 border-slate-200 pl-4 text-sm">
      {entries.map((e) =>
        e.type === "record" ? (
          <RecordChange key={`record-${e.id}`} entry={e} formatWhen={formatWhen} formatDay={formatDay} />
        ) : (
          <EnrollmentLine key={`enrollment-${e.id}`} entry={e} show={show} formatWhen={formatWhen} />
        ),
      )}
    </ol>
  );
}

/** An enrollment's event: what happened, to whom, in which class, who did it and how. */
function EnrollmentLine({ entry: e, show, formatWhen }: { entry: TimelineEntry; show: { student: boolean; course: boolean }; formatWhen: (d: Date) => string }) {
  return (
    <li>
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
  );
}

/**
 * A change to the record: what, who and through which path, then each field
 * it touched: what a new record had, what a deleted one had, or before →
 * after.
 */
export function RecordChange({ entry: e, formatWhen, formatDay, label }: { entry: RecordChangeEntry; label?: React.ReactNode } & Formats) {
  const format = { when: formatWhen, day: formatDay };
  const only = e.action === "CREATED" ? "after" : e.action === "DELETED" ? "before" : null;
  const changes = e.changes.filter((c) => (only === "after" ? c.after !== null : only === "before" ? c.before !== null : true));
  return (
    <li>
      <time dateTime={e.at.toISOString()} className="text-slate-700">
        {formatWhen(e.at)}
      </time>{" "}
      · <strong className="font-medium">{e.what}</strong>
      {label ? <>: {label}</> : null}
      <span className="text-slate-700">
        {" "}
        · by {e.who} {auditVia(e.via)}
        {e.note ? ` · ${e.note}` : ""}
      </span>
      {changes.length ? (
        <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-3 text-slate-800">
          {changes.map((c) => (
            <div key={c.field} className="contents">
              <dt className="text-slate-700">{c.label}</dt>
              <dd className="break-words">
                {only === "after" ? (
                  auditValueText(c.after, format)
                ) : only === "before" ? (
                  auditValueText(c.before, format)
                ) : (
                  <>
                    <del className="text-slate-700">{auditValueText(c.before, format)}</del>
                    <span aria-hidden="true"> → </span>
                    <span className="sr-only"> became </span>
                    <ins className="no-underline">{auditValueText(c.after, format)}</ins>
                  </>
                )}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
    </li>
  );
}

/** How it was made, where the entry doesn't say it already: " (imported)", " (through the API)". */
function howText(e: { source: string; who: string; what: string }): string {
  if (e.source === "ADMIN" || e.source === "WAITLIST" || (e.source === "SELF" && e.who === "the student")) return "";
  return ` (${sourceLabel(e.source).toLowerCase()})`;
}

import { packRows } from "@/lib/packed-rows";
import { LongTable } from "@/components/ui/long-table";
import { SearchForm } from "@/components/ui/search-form";
import { plural } from "@/components/ui/page-title";
import { PrintButton } from "@/components/ui/print-button";
import { cardClass, secondaryButtonClass } from "@/components/ui/styles";
import { RosterDateForm, RosterOnDate, type PastRoster } from "@/components/roster/roster-on-date";
import { sourceLabel } from "@/lib/source-label";
import { meetingLabels, type Meeting } from "@/lib/meetings";

type Roster = {
  course: {
    code: string;
    title: string;
    capacity: number | null;
    enrolledCount: number;
    teacher: { name: string } | null;
    termName: string | null;
    meetings: Meeting[];
  };
  enrolled: { id: string; name: string; email: string; studentNumber: string | null; enrolledAt: Date; source: string }[];
  waitlist: { id: string; name: string; email: string; joinedAt: Date; position: number }[];
};

/** A class roster as a teacher reads and prints it: enrolled by name, then the waitlist in order. */
export function RosterView({
  roster,
  q,
  basePath,
  formatDate,
  asOf,
}: {
  roster: Roster;
  q: string;
  basePath: string;
  formatDate: (d: Date) => string;
  /** "Roster on a date": the day asked for (YYYY-MM-DD, or "" for today's), and the roster then */
  asOf?: { day: string; past: PastRoster | null };
}) {
  const { course } = roster;
  return (
    <>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">
            {course.code} {course.title}
          </h1>
          <p className="text-slate-700">
            {course.teacher?.name ?? "No teacher yet"} ·{" "}
            {course.capacity === null
              ? `${course.enrolledCount} enrolled`
              : `${course.enrolledCount} of ${course.capacity} seats taken`}
            {course.termName ? ` · ${course.termName}` : ""}
          </p>
          {course.meetings.length ? <p className="text-slate-700">Meets {meetingLabels(course.meetings).join("; ")}</p> : null}
        </div>
        {asOf?.day ? null : (
          <div className="flex gap-2 print:hidden">
            <PrintButton />
            <a href={`${basePath}/roster.csv`} className={secondaryButtonClass} download>
              Download CSV
            </a>
          </div>
        )}
      </div>
      {asOf?.day ? (
        // A past day's roster in place of today's: today's rows and waitlist would read as that day's.
        <RosterOnDate basePath={basePath} day={asOf.day} past={asOf.past} formatDate={formatDate} />
      ) : (
        <TodaysRoster roster={roster} q={q} basePath={basePath} formatDate={formatDate} withDateForm={asOf !== undefined} />
      )}
    </>
  );
}

/** Today's roster: enrolled by name (searchable), then the waitlist in order. */
function TodaysRoster({ roster, q, basePath, formatDate, withDateForm }: { roster: Roster; q: string; basePath: string; formatDate: (d: Date) => string; withDateForm: boolean }) {
  const { enrolled, waitlist } = roster;
  return (
    <>
      <section aria-labelledby="enrolled" className={`${cardClass} mb-6 print:border-0 print:shadow-none`}>
        <h2 id="enrolled" className="mb-3 text-lg font-semibold">
          Enrolled
        </h2>
        <div className="mb-3 space-y-3 print:hidden">
          <SearchForm action={basePath} q={q} label="Search the roster" placeholder="Name, number or email" />
          {withDateForm ? <RosterDateForm basePath={basePath} day="" /> : null}
        </div>
        <p className="mb-2 text-sm text-slate-700">
          {plural(enrolled.length, "student")}
          {q ? ` matching “${q}”` : ""}
        </p>
        <LongTable
          columns={[{ header: "Name" }, { header: "Email" }, { header: "Enrolled" }, { header: "How" }]}
          packedRows={packRows(enrolled.map((s) => [s.name, s.email, formatDate(s.enrolledAt), sourceLabel(s.source)]))}
        />
      </section>
      <section aria-labelledby="waitlist" className={`${cardClass} print:border-0 print:shadow-none`}>
        <h2 id="waitlist" className="mb-3 text-lg font-semibold">
          Waitlist ({waitlist.length})
        </h2>
        {waitlist.length === 0 ? (
          <p className="text-sm text-slate-700">No one is waiting.</p>
        ) : (
          <ol className="list-decimal space-y-1 pl-6 text-sm">
            {waitlist.map((w) => (
              <li key={w.id}>
                {w.name} <span className="text-slate-700">· {w.email} · since {formatDate(w.joinedAt)}</span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}

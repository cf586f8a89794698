import { headerLabels } from "@/components/ui/table-head";
import { PrintButton } from "@/components/ui/print-button";
import { DAY_NAMES, formatTime, weekGrid, type TermedEntry, type TimetableEntry } from "@/lib/meetings";

/**
 * A student's week, server-rendered: a table per term (classes without a
 * term meet in every one), a row per time and a column per weekday, each
 * cell naming the class and room, "waitlist" for one the student waits for,
 * and "clash" where two meet at once. A real table with headers, so a screen
 * reader reads "Monday, 09:00–10:30: MATH-101"; on phones its rows become
 * cards like every table's; it prints without the page around it.
 */
export function Timetables({
  entries,
  formatDate,
  headingId,
  title = "Timetable",
  level = 3,
}: {
  entries: TermedEntry[];
  formatDate: (d: Date) => string;
  headingId: string;
  title?: string;
  /** the heading's level where the timetable stands */
  level?: 2 | 3;
}) {
  const Heading = level === 2 ? "h2" : "h3";
  const terms = [...new Map(entries.flatMap((e) => (e.term ? [[e.term.id, e.term] as const] : []))).values()].sort(
    (a, b) => a.startsOn.getTime() - b.startsOn.getTime(),
  );
  const weeks = terms.length
    ? terms.map((t) => ({ key: t.id, caption: `${t.name}, ${formatDate(t.startsOn)} – ${formatDate(t.endsOn)}`, entries: entries.filter((e) => !e.term || e.term.id === t.id) }))
    : [{ key: "all", caption: "Every week", entries }];
  const untimed = entries.filter((e) => e.meetings.length === 0);
  return (
    <section aria-labelledby={headingId} className="timetable">
      <div className="mb-2 flex flex-wrap items-center justify-between gap-3">
        <Heading id={headingId} className={level === 2 ? "text-lg font-semibold" : "font-semibold"}>
          {title}
        </Heading>
        <PrintButton />
      </div>
      {weeks.map((w) => (
        <Week key={w.key} caption={w.caption} entries={w.entries} />
      ))}
      {untimed.length ? (
        <p className="text-sm text-slate-700">No set times: {untimed.map((e) => e.code).join(", ")}.</p>
      ) : null}
    </section>
  );
}

function Week({ caption, entries }: { caption: string; entries: TimetableEntry[] }) {
  const { days, slots } = weekGrid(entries);
  if (slots.length === 0) return null;
  const headers: string[] = ["Time", ...days.map((d) => DAY_NAMES[d - 1]!)];
  return (
    // Cells are styled by .timetable in globals.css: a week is mostly empty cells, and a class name on each would be sent twice (HTML and RSC payload).
    <table className="data-table mb-4 w-full table-fixed border-collapse text-sm" style={headerLabels(headers)}>
      <caption className="mb-1 text-left text-slate-700">{caption}</caption>
      <thead>
        <tr>
          {headers.map((h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {slots.map((slot) => (
          <tr key={`${slot.start}-${slot.end}`}>
            <th scope="row">
              {formatTime(slot.start)}–{formatTime(slot.end)}
            </th>
            {slot.cells.map((cell, i) => (
              <td key={days[i]}>
                {cell.map(({ entry, room, clash }) => (
                  <div key={entry.id} className={clash ? "clash" : undefined}>
                    <b>{entry.code}</b> {entry.title}
                    {room ? `, ${room}` : ""}
                    {entry.waiting ? " (waitlist)" : ""}
                    {clash ? <strong> Clash</strong> : null}
                  </div>
                ))}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

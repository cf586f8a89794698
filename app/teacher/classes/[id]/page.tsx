import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RosterView } from "@/components/roster/roster-view";
import { parseQuery } from "@/lib/server/data/paging";
import { getRoster } from "@/lib/server/data/catalog/rosters";
import { endOfDay, getRosterAsOf } from "@/lib/server/data/records/history";
import { getDateFormatter } from "@/lib/server/format";
import { requirePageViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Roster" };

export default async function TeacherRosterPage({ params, searchParams }: PageProps<"/teacher/classes/[id]">) {
  const viewer = await requirePageViewer("TEACHER");
  const [{ id }, search] = await Promise.all([params, searchParams]);
  const q = parseQuery(search.q);
  const asOfDay = typeof search.asOf === "string" ? search.asOf : "";
  const asOf = asOfDay ? endOfDay(asOfDay) : null;
  const [roster, formatDate, past] = await Promise.all([
    getRoster(viewer, id, { q }),
    getDateFormatter(),
    asOf ? getRosterAsOf(viewer, id, asOf) : null,
  ]);
  // Not found whether the class doesn't exist or isn't theirs: a 404 doesn't confirm it exists.
  if (!roster) notFound();
  return (
    <>
      <p className="mb-2 text-sm print:hidden">
        <Link href="/teacher">← My classes</Link>
      </p>
      <RosterView
        roster={roster}
        q={q}
        basePath={`/teacher/classes/${id}`}
        formatDate={formatDate}
        asOf={{ day: asOfDay, past }}
      />
    </>
  );
}

import type { Metadata } from "next";
import { ClassCatalog } from "@/components/enrollment/class-catalog";
import { plural } from "@/components/ui/page-title";
import { Pagination } from "@/components/ui/pagination";
import { SearchForm } from "@/components/ui/search-form";
import { cardClass } from "@/components/ui/styles";
import { saveMyClassesAction } from "@/lib/server/actions/self-service";
import { parsePage, parseQuery } from "@/lib/server/data/paging";
import { listMyCatalog, type CatalogRow } from "@/lib/server/data/enrollment/my-catalog";
import { getDateFormatter } from "@/lib/server/format";
import { requirePageViewer } from "@/lib/server/session";
import { savedMessage } from "@/lib/saved-message";
import { Timetables } from "@/components/timetable/timetable";
import { firstClash, meetingLabel, meetingLabels } from "@/lib/meetings";
import { holdText, windowText as registrationTimeText } from "@/lib/server/data/enrollment/rules";
import { myHolds } from "@/lib/server/data/people/holds";
import { myRegistrationTimes } from "@/lib/server/data/enrollment/windows";
import { formatDateTime } from "@/lib/format-date";

export const metadata: Metadata = { title: "My classes" };

export default async function StudentHome({ searchParams }: PageProps<"/student">) {
  const viewer = await requirePageViewer("STUDENT");
  const params = await searchParams;
  const q = parseQuery(params.q);
  const now = new Date();
  const [catalog, holds, formatDate] = await Promise.all([
    listMyCatalog(viewer, { q, page: parsePage(params.page) }),
    myHolds(viewer),
    getDateFormatter(),
  ]);
  const hold = holds[0];
  // When each shown term's registration opens to me, for the terms that open by windows (decision 041).
  const shownTerms = [...new Set([...catalog.mine, ...catalog.rows].flatMap((c) => (c.term ? [c.term.id] : [])))];
  const times = new Map((await myRegistrationTimes(viewer, shownTerms)).map((t) => [t.termId, t]));
  // The refusal's own words (rules.ts), said before a tick.
  const notYet = (termId: string): string | null => {
    const t = times.get(termId);
    return t ? registrationTimeText({ termName: t.termName, windowed: true, registrationOpens: t.opensAt }, now) : null;
  };
  // How many classes of each term I'm in (all of the shown terms' are in "My classes"): the load limit's mark.
  const inTerm = new Map<string, number>();
  for (const m of catalog.mine) if (m.enrolledAt && m.term) inTerm.set(m.term.id, (inTerm.get(m.term.id) ?? 0) + 1);
  const windowText = (c: CatalogRow) => {
    switch (c.window) {
      case "managed":
        return "Managed by your school";
      case "not-yet":
        return `Opens ${formatDate(c.opensAt!)}`;
      case "closed":
        return `Closed ${formatDate(c.closesAt!)}`;
      default:
        return c.closesAt ? `Open until ${formatDate(c.closesAt)}` : "Open";
    }
  };
  // What the server would refuse, said beside the box, which can't be ticked: a hold (any add), or an open
  // class meeting when one of mine does (in weeks both have), naming the clash.
  const blockedOf = (c: CatalogRow): string | null => {
    if (c.enrolledAt || c.waitlistPosition) return null;
    if (hold) return `Your hold stops adding it: see ${hold.office}.`;
    const early = c.term ? notYet(c.term.id) : null;
    if (early) return early;
    const load = c.term?.loadLimit ?? null;
    const held = c.term ? (inTerm.get(c.term.id) ?? 0) : 0;
    if (c.term && load !== null && held >= load) {
      return `You're in ${plural(held, "class", "classes")} of ${c.term.name}, the most you may take: drop one first, or ask an admin to allow an overload.`;
    }
    for (const m of catalog.mine) {
      const at = firstClash(c, m);
      if (at) return `Clashes with ${m.code} (${meetingLabel(at[1])}): it can't be added.`;
    }
    return null;
  };
  const item = (c: CatalogRow) => ({
    id: c.id,
    code: c.code,
    label: `${c.code} ${c.title}`,
    counts: { enrolledCount: c.enrolledCount, capacity: c.capacity },
    window: c.window,
    blocked: blockedOf(c),
    details: [
      c.teacherName ?? "No teacher yet",
      ...meetingLabels(c.meetings),
      // The term's name; its days are in the week's heading, and when each enrollment ends (a later term: when it starts).
      ...(c.term ? [c.term.startsOn > now ? `${c.term.name}, from ${formatDate(c.term.startsOn)}` : c.term.name] : []),
      windowText(c),
      ...(c.dropDeadline ? [`Drop by ${formatDate(c.dropDeadline)}`] : []),
      ...(c.needsJoinCode && !c.enrolledAt ? ["Needs a join code"] : []),
    ],
    enrolled: c.enrolledAt !== null,
    enrolledLabel: c.enrolledAt
      ? `Enrolled ${formatDate(c.enrolledAt)}${c.source === "WAITLIST" ? " from the waitlist" : ""}${c.term ? `, until ${formatDate(c.term.endsOn)}` : ""}`
      : null,
    needsJoinCode: c.needsJoinCode,
    canJoinWaitlist: c.seatsLeft === 0 && c.window === "open" && !c.enrolledAt,
    waitlistPosition: c.waitlistPosition,
  });
  const saved = savedMessage(params.saved, "dropped");
  const where = { q, page: catalog.page };
  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold">Welcome, {viewer.name}</h1>
      <p className="mb-6 text-slate-700">
        Tick a class to enroll, untick to drop it. The classes listed are this term&apos;s and next term&apos;s.
      </p>
      {[...times.values()].length ? (
        <section aria-labelledby="times" className="mb-6 rounded-lg border border-sky-300 bg-sky-50 p-4 text-sky-950">
          <h2 id="times" className="font-semibold">
            Your registration time
          </h2>
          <ul className="mt-1 space-y-1 text-sm">
            {[...times.values()].map((t) => (
              <li key={t.termId}>
                {notYet(t.termId) ?? `Your registration for ${t.termName} is open${t.opensAt ? ` (since ${formatDateTime(t.opensAt)})` : ""}.`}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {holds.length ? (
        <section aria-labelledby="holds" className="mb-6 rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-950">
          <h2 id="holds" className="font-semibold">
            {holds.length === 1 ? "A hold on your registration" : `${holds.length} holds on your registration`}
          </h2>
          <ul className="mt-1 space-y-1 text-sm">
            {holds.map((h) => (
              <li key={h.id}>{holdText({ holdReason: h.reason, holdOffice: h.office }, null)}</li>
            ))}
          </ul>
          <p className="mt-1 text-sm">You can still drop classes and leave waitlists.</p>
        </section>
      ) : null}
      <section aria-labelledby="mine" className={`${cardClass} mb-6`}>
        <h2 id="mine" className="mb-3 text-lg font-semibold">
          My classes ({catalog.mine.length})
        </h2>
        {catalog.mine.length ? (
          <>
            <ClassCatalog
              save={saveMyClassesAction}
              savedMessage={saved}
              where={where}
              items={catalog.mine.map(item)}
              saveLabel="Save my classes"
            />
            <div className="mt-4">
              <Timetables
                headingId="timetable"
                title="My week"
                formatDate={formatDate}
                entries={catalog.mine.map((c) => ({ ...c, waiting: c.enrolledAt === null }))}
              />
            </div>
          </>
        ) : (
          <p className="text-sm text-slate-700">You are in no classes yet, and on no waitlist: choose from the open classes below.</p>
        )}
      </section>
      <section aria-labelledby="open" className={cardClass}>
        <h2 id="open" className="mb-3 text-lg font-semibold">
          Open classes
        </h2>
        <SearchForm action="/student" q={q} label="Search classes" placeholder="Code or title" />
        <p className="my-3 text-sm text-slate-700">
          {plural(catalog.total, "class", "classes")}
          {q ? ` matching “${q}”` : ""}
          {catalog.mine.length ? " you are not in" : ""}
        </p>
        <ClassCatalog
          save={saveMyClassesAction}
          savedMessage={catalog.mine.length ? null : saved}
          where={where}
          items={catalog.rows.map(item)}
          saveLabel="Enroll in the ticked classes"
        />
        <Pagination basePath="/student" page={catalog.page} pageCount={catalog.pageCount} params={{ q }} />
      </section>
    </>
  );
}

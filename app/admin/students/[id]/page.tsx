import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EnrollmentChecklist } from "@/components/enrollment/enrollment-checklist";
import { Timetables } from "@/components/timetable/timetable";
import { packChecklist } from "@/components/enrollment/checklist-html";
import { PageTitle, plural } from "@/components/ui/page-title";
import { cardClass, dangerButtonClass, secondaryButtonClass } from "@/components/ui/styles";
import { saveChecklistAction } from "@/lib/server/actions/enrollments";
import { savedMessage, undoParam } from "@/lib/saved-message";
import { getStudentEnrollmentPage } from "@/lib/server/data/people/students";
import { listTermChoices } from "@/lib/server/data/catalog/terms";
import { FilterSelect } from "@/components/ui/search-form";
import { getDateFormatter } from "@/lib/server/format";
import { requirePageViewer } from "@/lib/server/session";
import { LiftHoldForm, PlaceHoldForm } from "@/components/admin/hold-forms";
import { liftHoldAction, placeHoldAction } from "@/lib/server/actions/holds";
import { listHolds } from "@/lib/server/data/people/holds";
import { groupsOf } from "@/lib/server/data/people/groups";
import { getDateTimeFormatter } from "@/lib/server/format";

export const metadata: Metadata = { title: "Student" };

/** What a hold's form did, from the address it redirected to (`?hold=placed`, `?hold=lifted-2`): only these are read. */
function holdMessage(param: string | string[] | undefined): string | null {
  if (param === "placed") return "Hold placed: the student can't add classes until it is lifted.";
  const lifted = typeof param === "string" ? /^lifted-(\d{1,4})$/.exec(param) : null;
  if (!lifted) return null;
  const seated = Number(lifted[1]);
  return `Hold lifted.${seated ? ` Seated from the waitlist: ${plural(seated, "class", "classes")}.` : ""}`;
}

export default async function StudentPage({ params, searchParams }: PageProps<"/admin/students/[id]">) {
  const viewer = await requirePageViewer("ADMIN");
  const [{ id }, search] = await Promise.all([params, searchParams]);
  // Which term's classes to list: the current and next by default, as the student sees them.
  const term = typeof search.term === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(search.term) ? search.term : "";
  const [data, terms, formatDate, formatWhen] = await Promise.all([getStudentEnrollmentPage(viewer, id, term), listTermChoices(viewer), getDateFormatter(), getDateTimeFormatter()]);
  if (!data) notFound();
  const [holds, groups] = await Promise.all([listHolds(viewer, id), groupsOf(viewer, id)]);
  const holdDone = holdMessage(search.hold);
  const { student, courses, timetable } = data;
  const severalTerms = new Set(courses.map((c) => c.termName)).size > 1;
  return (
    <>
      <PageTitle title={student.name} back={{ href: "/admin/students", label: "Students" }}>
        <Link href={`/admin/students/${id}/history`} className={secondaryButtonClass}>
          History
        </Link>
        <Link href={`/admin/students/${id}/edit`} className={secondaryButtonClass}>
          Edit
        </Link>
        <Link href={`/admin/students/${id}/delete`} className={dangerButtonClass}>
          Delete
        </Link>
      </PageTitle>
      <div className="grid gap-6 md:grid-cols-3">
        <div className="space-y-6 md:col-span-1">
        <section aria-labelledby="details" className={cardClass}>
          <h2 id="details" className="mb-3 text-lg font-semibold">
            Details
          </h2>
          <dl className="space-y-2 text-sm">
            <div>
              <dt className="text-slate-700">Email</dt>
              <dd>{student.email}</dd>
            </div>
            <div>
              <dt className="text-slate-700">Student number</dt>
              <dd>{student.studentNumber ?? "—"}</dd>
            </div>
            <div>
              <dt className="text-slate-700">Added</dt>
              <dd>{formatDate(student.createdAt)}</dd>
            </div>
            <div>
              <dt className="text-slate-700">Enrolled in</dt>
              <dd>{plural(student.classCount, "class", "classes")} (of any term)</dd>
            </div>
            <div>
              <dt className="text-slate-700">Groups</dt>
              <dd>
                {groups.length
                  ? groups.map((g, i) => (
                      <span key={g.id}>
                        {i > 0 ? ", " : ""}
                        <Link href={`/admin/groups/${g.id}`} className="text-indigo-800 underline">
                          {g.name}
                        </Link>
                      </span>
                    ))
                  : "None"}
              </dd>
            </div>
          </dl>
        </section>
        <section aria-labelledby="holds" className={cardClass}>
          <h2 id="holds" className="mb-1 text-lg font-semibold">
            Holds
          </h2>
          <p className="mb-3 text-sm text-slate-700">A hold stops {student.name} adding classes or joining a waitlist until it is lifted; dropping stays open.</p>
          {holdDone ? (
            <p role="status" className="mb-3 rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-800">
              {holdDone}
            </p>
          ) : null}
          {holds.active.length ? (
            <ul className="mb-4 space-y-3 text-sm">
              {holds.active.map((h) => (
                <li key={h.id} className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-950">
                  <strong className="font-medium">{h.reason}</strong>
                  <span className="block">
                    {h.office} can lift it · placed {formatWhen(h.placedAt)} by {h.placedBy}
                  </span>
                  <LiftHoldForm action={liftHoldAction.bind(null, h.id, id)} holdId={h.id} label={h.reason} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="mb-4 text-sm">No hold: {student.name} may add classes.</p>
          )}
          {/* Keyed by the holds there are: once one is placed, the form starts afresh. */}
          <PlaceHoldForm key={holds.active.length} action={placeHoldAction.bind(null, id)} />
          {holds.lifted.length ? (
            <>
              <h3 className="mt-4 text-sm font-semibold">Lifted</h3>
              <ul className="mt-1 space-y-1 text-sm text-slate-700">
                {holds.lifted.map((h) => (
                  <li key={h.id}>
                    {h.reason} ({h.office}): lifted {formatWhen(h.liftedAt!)} by {h.liftedBy}
                    {h.liftNote ? `: ${h.liftNote}` : ""}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
        </div>
        <section aria-labelledby="classes" className={`${cardClass} md:col-span-2`}>
          <h2 id="classes" className="mb-1 text-lg font-semibold">
            Classes
          </h2>
          <p className="mb-3 text-sm text-slate-700">Tick a class to enroll {student.name}; untick to remove.</p>
          {holds.active.length ? (
            <p className="mb-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
              {student.name} has {holds.active.length === 1 ? "a hold" : `${holds.active.length} holds`}: a class ticked asks first, and is enrolled past the hold only with a reason.
            </p>
          ) : null}
          <form method="get" action={`/admin/students/${id}`} className="mb-3 flex flex-wrap items-end gap-2">
            <FilterSelect
              name="term"
              label="Classes of"
              value={term}
              options={[
                { value: "", label: "The current and next term" },
                ...terms.map((t) => ({ value: t.id, label: t.name })),
                { value: "none", label: "No term" },
                { value: "all", label: "Every term" },
              ]}
            />
            <button type="submit" className={secondaryButtonClass}>
              Show
            </button>
          </form>
          <EnrollmentChecklist
            several
            legend={`Classes for ${student.name}`}
            filterLabel="Filter classes"
            emptyText="There are no classes yet."
            fixed={{ studentId: id }}
            // The week below is drawn on the server: it is drawn again after each tick.
            refreshAfterTick
            save={saveChecklistAction.bind(null, { studentId: id })}
            savedMessage={savedMessage(search.saved)}
            undoId={undoParam(search.undo)}
            packedRows={packChecklist(
              courses.map((c) => [
                c.id,
                // Each class says its term whenever the list holds more than one (as the default, the current and the next, can), or one was chosen.
                `${c.code} ${c.title}${severalTerms || (term !== "" && c.termName) ? ` (${c.termName ?? "no term"})` : ""}`,
                [c.enrolledCount, c.capacity],
                c.enrolledAt ? formatDate(c.enrolledAt) : null,
              ]),
            )}
          />
        </section>
        <div className={`${cardClass} md:col-span-3`}>
          {timetable.length ? (
            <Timetables headingId="week" level={2} title={`${student.name}'s week`} formatDate={formatDate} entries={timetable} />
          ) : (
            <p className="text-sm text-slate-700">{student.name} is in no class of the current or next term: no week to show.</p>
          )}
        </div>
      </div>
    </>
  );
}

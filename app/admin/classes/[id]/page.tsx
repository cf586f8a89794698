import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ClassWaitlist, RegenerateCodeForm } from "@/components/admin/class-waitlist";
import { EnrollmentChecklist } from "@/components/enrollment/enrollment-checklist";
import { packChecklist } from "@/components/enrollment/checklist-html";
import { PageTitle, plural } from "@/components/ui/page-title";
import { Pagination } from "@/components/ui/pagination";
import { SearchForm } from "@/components/ui/search-form";
import { cardClass, dangerButtonClass, secondaryButtonClass } from "@/components/ui/styles";
import { regenerateJoinCodeAction, waitlistAdminAction } from "@/lib/server/actions/courses";
import { saveChecklistAction } from "@/lib/server/actions/enrollments";
import { savedMessage, undoParam } from "@/lib/saved-message";
import { RosterDateForm, RosterOnDate } from "@/components/roster/roster-on-date";
import { MeetingList } from "@/components/timetable/meeting-list";
import { getClassClashes, getCoursePage } from "@/lib/server/data/catalog/courses";
import { clashText } from "@/lib/server/data/enrollment/clashes";
import { endOfDay, getRosterAsOf } from "@/lib/server/data/records/history";
import { parsePage, parseQuery } from "@/lib/server/data/paging";
import { getDateFormatter } from "@/lib/server/format";
import { requirePageViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Class" };

export default async function ClassPage({ params, searchParams }: PageProps<"/admin/classes/[id]">) {
  const viewer = await requirePageViewer("ADMIN");
  const [{ id }, search] = await Promise.all([params, searchParams]);
  const q = parseQuery(search.q);
  const asOfDay = typeof search.asOf === "string" ? search.asOf : "";
  const asOf = asOfDay ? endOfDay(asOfDay) : null;
  // The roster is paged for a big class; ?roster=all shows every student (to print, or to untick across pages).
  const rosterPage = search.roster === "all" ? 0 : parsePage(search.roster);
  // Students to add are listed once the admin searches (an empty search lists everyone) or pages through them.
  const browsing = search.q !== undefined || search.page !== undefined;
  const [data, formatDate, past, clashes] = await Promise.all([
    getCoursePage(viewer, id, { q, page: parsePage(search.page), rosterPage, candidates: browsing }),
    getDateFormatter(),
    asOf ? getRosterAsOf(viewer, id, asOf) : null,
    // After new times were saved that clash for some of its students (updateCourseAction): who, as it is now.
    search.clashes !== undefined ? getClassClashes(viewer, id) : null,
  ]);
  if (!data) notFound();
  const { course, roster, rosterPaging, waitlist, candidates, studentCount } = data;
  const clashing = new Set(clashes?.map((c) => c.studentId)).size;
  const save = saveChecklistAction.bind(null, { courseId: id });
  return (
    <>
      <PageTitle title={`${course.code} ${course.title}`} back={{ href: "/admin/classes", label: "Classes" }}>
        <Link href={`/admin/classes/${id}/history`} className={secondaryButtonClass}>
          History
        </Link>
        <Link href={`/admin/classes/${id}/edit`} className={secondaryButtonClass}>
          Edit
        </Link>
        <Link href={`/admin/classes/${id}/delete`} className={dangerButtonClass}>
          Delete
        </Link>
      </PageTitle>
      {clashes?.length ? (
        <section aria-labelledby="clashes" className={`${cardClass} mb-6`}>
          <h2 id="clashes" className="mb-2 text-lg font-semibold">
            The new times clash
          </h2>
          <p className="mb-2 text-sm text-slate-700">
            Saved, and its students told of the new times. {plural(clashing, "student")} now {clashing === 1 ? "has" : "have"} another
            class at the same time:
          </p>
          <ul className="list-disc pl-5 text-sm">
            {clashes.map((c) => (
              <li key={`${c.studentId} ${c.otherCode}`}>{clashText(c, "name")}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="details" className={`${cardClass} mb-6 ${asOfDay ? "print:hidden" : ""}`}>
        <h2 id="details" className="sr-only">
          Details
        </h2>
        <dl className="grid gap-4 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-slate-700">Teacher</dt>
            <dd>{course.teacher?.name ?? "No teacher yet"}</dd>
          </div>
          <div>
            <dt className="text-slate-700">Term</dt>
            <dd>
              {course.term ? (
                <>
                  <Link href={`/admin/terms/${course.term.id}`}>{course.term.name}</Link>, {formatDate(course.term.startsOn)} –{" "}
                  {formatDate(course.term.endsOn)}
                </>
              ) : (
                "No term"
              )}
            </dd>
          </div>
          <div>
            <dt className="text-slate-700">Meets</dt>
            <dd>{course.meetings.length ? <MeetingList meetings={course.meetings} /> : "No set times"}</dd>
          </div>
          <div>
            <dt className="text-slate-700">Enrolled</dt>
            <dd>{course.capacity === null ? `${course.enrolledCount} (no limit)` : `${course.enrolledCount} / ${course.capacity}`}</dd>
          </div>
          <div>
            <dt className="text-slate-700">Self-enrollment</dt>
            <dd>{course.selfEnrollment ? "On" : "Off"}</dd>
          </div>
          <div>
            <dt className="text-slate-700">Enrollment window</dt>
            <dd>
              {course.opensAt ? `From ${formatDate(course.opensAt)}` : "From now"}
              {course.closesAt ? ` until ${formatDate(course.closesAt)}` : ", no end"}
            </dd>
          </div>
          <div>
            <dt className="text-slate-700">Drop deadline</dt>
            <dd>{course.dropDeadline ? formatDate(course.dropDeadline) : "None"}</dd>
          </div>
          <div>
            <dt className="text-slate-700">Join code</dt>
            <dd className="font-mono">{course.joinCode ?? "None"}</dd>
          </div>
          <div className="sm:col-span-2">
            <dt className="text-slate-700">Description</dt>
            <dd>{course.description || "—"}</dd>
          </div>
        </dl>
        <div className="mt-4 flex flex-wrap items-start gap-3">
          <RegenerateCodeForm action={regenerateJoinCodeAction.bind(null, id)} />
          <a href={`/admin/classes/${id}/roster.csv`} className={secondaryButtonClass} download>
            Download roster CSV
          </a>
        </div>
        {asOfDay ? null : <RosterDateForm basePath={`/admin/classes/${id}`} day="" className="mt-4" />}
      </section>
      {asOfDay ? (
        // A past day's roster in place of today's (its own address, printable); the way back is on it.
        <RosterOnDate basePath={`/admin/classes/${id}`} day={asOfDay} past={past} formatDate={formatDate} />
      ) : (
        <>
      <section aria-labelledby="waitlist" className={`${cardClass} mb-6`}>
        <h2 id="waitlist" className="mb-3 text-lg font-semibold">
          Waitlist ({waitlist.length})
        </h2>
        <ClassWaitlist
          action={waitlistAdminAction.bind(null, id)}
          entries={waitlist.map((w) => ({ ...w, since: formatDate(w.joinedAt) }))}
        />
      </section>
      <div className="grid gap-6 lg:grid-cols-2 [&>*]:min-w-0">
        <section aria-labelledby="roster" className={cardClass}>
          <h2 id="roster" className="mb-1 text-lg font-semibold">
            Roster ({plural(course.enrolledCount, "student")})
          </h2>
          <p className="mb-3 text-sm text-slate-700">
            Untick a student to remove them from {course.code}.
            {rosterPaging.pageCount > 1 && rosterPaging.page !== 0 ? (
              <>
                {" "}
                Showing {plural(roster.length, "student")} of {course.enrolledCount.toLocaleString("en")}:{" "}
                <Link href={`/admin/classes/${id}?roster=all`}>show all {course.enrolledCount.toLocaleString("en")}</Link>.
              </>
            ) : null}
          </p>
          <EnrollmentChecklist
            several
            legend={`Roster of ${course.code}`}
            emptyText="No one is enrolled yet."
            fixed={{ courseId: id }}
            refreshAfterTick
            save={save}
            savedMessage={savedMessage(search.saved)}
            undoId={undoParam(search.undo)}
            packedRows={packChecklist(roster.map((s) => [s.id, s.name, s.email, formatDate(s.enrolledAt)]))}
          />
          {rosterPaging.page !== 0 ? (
            <Pagination
              basePath={`/admin/classes/${id}`}
              page={rosterPaging.page}
              pageCount={rosterPaging.pageCount}
              pageParam="roster"
              params={{ q }}
              label="Roster pages"
            />
          ) : null}
        </section>
        <section aria-labelledby="add" className={cardClass}>
          <h2 id="add" className="mb-3 text-lg font-semibold">
            Add students
          </h2>
          <SearchForm action={`/admin/classes/${id}`} q={q} label="Find students" placeholder="Name, number or email" />
          {candidates ? (
            <>
              <p className="my-3 text-sm text-slate-700">
                {plural(candidates.total, "student")}
                {q ? ` matching “${q}”` : ""}. Tick to enroll in {course.code}.
              </p>
              <EnrollmentChecklist
                several
                legend={`Students to add to ${course.code}`}
                emptyText="No students match."
                fixed={{ courseId: id }}
                refreshAfterTick
                save={save}
                packedRows={packChecklist(candidates.rows.map((s) => [s.id, s.name, s.email, s.enrolledAt ? formatDate(s.enrolledAt) : null]))}
              />
              <Pagination
                basePath={`/admin/classes/${id}`}
                page={candidates.page}
                pageCount={candidates.pageCount}
                params={{ q }}
                label="Student pages"
              />
            </>
          ) : (
            <p className="my-3 text-sm text-slate-700">
              Search by name or email to find students to enroll in {course.code}, or{" "}
              <Link href={`/admin/classes/${id}?q=`}>list all {plural(studentCount, "student")}</Link>.
            </p>
          )}
        </section>
      </div>
        </>
      )}
    </>
  );
}

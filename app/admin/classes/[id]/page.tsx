import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ClassWaitlist, RegenerateCodeForm } from "@/components/admin/class-waitlist";
import { EnrollmentChecklist } from "@/components/enrollment/enrollment-checklist";
import { PageTitle, plural } from "@/components/ui/page-title";
import { Pagination } from "@/components/ui/pagination";
import { SearchForm } from "@/components/ui/search-form";
import { cardClass, dangerButtonClass, secondaryButtonClass } from "@/components/ui/styles";
import { regenerateJoinCodeAction, waitlistAdminAction } from "@/lib/server/actions/courses";
import { saveChecklistAction } from "@/lib/server/actions/enrollments";
import { savedMessage } from "@/lib/saved-message";
import { EnrollmentChart } from "@/components/history/enrollment-chart";
import { HistorySection } from "@/components/history/history-section";
import { RosterOnDate } from "@/components/roster/roster-on-date";
import { getCoursePage } from "@/lib/server/data/courses";
import { endOfDay, enrollmentsByWeek, getRosterAsOf, listHistory } from "@/lib/server/data/history";
import { parsePage, parseQuery } from "@/lib/server/data/paging";
import { getDateFormatter, getDateTimeFormatter } from "@/lib/server/format";
import { requirePageViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Class" };

export default async function ClassPage({ params, searchParams }: PageProps<"/admin/classes/[id]">) {
  const viewer = await requirePageViewer("ADMIN");
  const [{ id }, search] = await Promise.all([params, searchParams]);
  const q = parseQuery(search.q);
  const asOfDay = typeof search.asOf === "string" ? search.asOf : "";
  const asOf = asOfDay ? endOfDay(asOfDay) : null;
  const [data, formatDate, formatWhen, history, weeks, past] = await Promise.all([
    getCoursePage(viewer, id, { q, page: parsePage(search.page) }),
    getDateFormatter(),
    getDateTimeFormatter(),
    listHistory(viewer, { courseId: id }, 1),
    enrollmentsByWeek(viewer, id),
    asOf ? getRosterAsOf(viewer, id, asOf) : null,
  ]);
  if (!data) notFound();
  const { course, roster, waitlist, candidates } = data;
  const save = saveChecklistAction.bind(null, { courseId: id });
  const enrolledLabel = (d: Date | null) => (d ? `Enrolled ${formatDate(d)}` : null);
  return (
    <>
      <PageTitle title={`${course.code} ${course.title}`} back={{ href: "/admin/classes", label: "Classes" }}>
        <Link href={`/admin/classes/${id}/edit`} className={secondaryButtonClass}>
          Edit
        </Link>
        <Link href={`/admin/classes/${id}/delete`} className={dangerButtonClass}>
          Delete
        </Link>
      </PageTitle>
      <section aria-labelledby="details" className={`${cardClass} mb-6`}>
        <h2 id="details" className="sr-only">
          Details
        </h2>
        <dl className="grid gap-4 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-slate-700">Teacher</dt>
            <dd>{course.teacher?.name ?? "No teacher yet"}</dd>
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
          <div className="sm:col-span-3">
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
      </section>
      <section aria-labelledby="over-time" className={`${cardClass} mb-6`}>
        <h2 id="over-time" className="mb-3 text-lg font-semibold">
          Enrollments over time
        </h2>
        <EnrollmentChart points={weeks} title={`Enrollments and drops in ${course.code}, by week`} formatDay={formatDate} />
      </section>
      <RosterOnDate basePath={`/admin/classes/${id}`} day={asOfDay} past={past} formatDate={formatDate} />
      <section aria-labelledby="waitlist" className={`${cardClass} mb-6`}>
        <h2 id="waitlist" className="mb-3 text-lg font-semibold">
          Waitlist ({waitlist.length})
        </h2>
        <ClassWaitlist
          action={waitlistAdminAction.bind(null, id)}
          entries={waitlist.map((w) => ({ ...w, since: formatDate(w.joinedAt) }))}
        />
      </section>
      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="roster" className={cardClass}>
          <h2 id="roster" className="mb-1 text-lg font-semibold">
            Roster ({plural(roster.length, "student")})
          </h2>
          <p className="mb-3 text-sm text-slate-700">Untick a student to remove them from {course.code}.</p>
          <EnrollmentChecklist
            several
            legend={`Roster of ${course.code}`}
            emptyText="No one is enrolled yet."
            fixed={{ courseId: id }}
            refreshAfterTick
            save={save}
            savedMessage={savedMessage(search.saved)}
            items={roster.map((s) => ({
              id: s.id,
              label: s.name,
              detail: s.email,
              enrolled: true,
              enrolledLabel: enrolledLabel(s.enrolledAt),
            }))}
          />
        </section>
        <section aria-labelledby="add" className={cardClass}>
          <h2 id="add" className="mb-3 text-lg font-semibold">
            Add students
          </h2>
          <SearchForm action={`/admin/classes/${id}`} q={q} label="Find students" placeholder="Name or email" />
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
            items={candidates.rows.map((s) => ({
              id: s.id,
              label: s.name,
              detail: s.email,
              enrolled: s.enrolledAt !== null,
              enrolledLabel: enrolledLabel(s.enrolledAt),
            }))}
          />
          <Pagination
            basePath={`/admin/classes/${id}`}
            page={candidates.page}
            pageCount={candidates.pageCount}
            params={{ q }}
            label="Student pages"
          />
        </section>
      </div>
      <HistorySection
        history={history}
        show={{ student: true, course: false }}
        formatWhen={formatWhen}
        allHref={`/admin/classes/${id}/history`}
      />
    </>
  );
}

import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EnrollmentChart } from "@/components/history/enrollment-chart";
import { Timeline } from "@/components/history/timeline";
import { PageTitle, plural } from "@/components/ui/page-title";
import { Pagination } from "@/components/ui/pagination";
import { cardClass } from "@/components/ui/styles";
import { getCourse } from "@/lib/server/data/catalog/courses";
import { enrollmentsByWeek, listHistory } from "@/lib/server/data/records/history";
import { parsePage } from "@/lib/server/data/paging";
import { getStudent } from "@/lib/server/data/people/students";
import { getDateFormatter, getDateTimeFormatter } from "@/lib/server/format";
import { requirePageViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Class history" };

/** A class's whole history, or (?student=) one student's in it. */
export default async function ClassHistoryPage({ params, searchParams }: PageProps<"/admin/classes/[id]/history">) {
  const viewer = await requirePageViewer("ADMIN");
  const [{ id }, search] = await Promise.all([params, searchParams]);
  const studentId = typeof search.student === "string" ? search.student : undefined;
  const [course, student, history, formatWhen, formatDay, weeks] = await Promise.all([
    getCourse(viewer, id),
    studentId ? getStudent(viewer, studentId) : null,
    listHistory(viewer, { courseId: id, ...(studentId ? { studentId } : {}) }, parsePage(search.page)),
    getDateTimeFormatter(),
    getDateFormatter(),
    studentId ? null : enrollmentsByWeek(viewer, id),
  ]);
  if (!course) notFound();
  const title = student ? `${student.name} in ${course.code}` : `History of ${course.code}`;
  return (
    <>
      <PageTitle title={title} back={{ href: `/admin/classes/${id}`, label: course.code }} />
      {weeks ? (
        <section aria-labelledby="over-time" className={`${cardClass} mb-6`}>
          <h2 id="over-time" className="mb-3 text-lg font-semibold">
            Enrollments over time
          </h2>
          <EnrollmentChart points={weeks} title={`Enrollments and drops in ${course.code}, by week`} formatDay={formatDay} />
        </section>
      ) : null}
      <section className={cardClass} aria-label="Timeline">
        <p className="mb-3 text-sm text-slate-700">{plural(history.total, "event")}, newest first.</p>
        <Timeline entries={history.rows} show={{ student: !studentId, course: false }} formatWhen={formatWhen} formatDay={formatDay} />
        <Pagination basePath={`/admin/classes/${id}/history`} page={history.page} pageCount={history.pageCount} params={{ student: studentId ?? "" }} />
      </section>
    </>
  );
}

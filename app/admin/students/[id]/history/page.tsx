import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Timeline } from "@/components/history/timeline";
import { PageTitle, plural } from "@/components/ui/page-title";
import { Pagination } from "@/components/ui/pagination";
import { cardClass } from "@/components/ui/styles";
import { listHistory } from "@/lib/server/data/records/history";
import { parsePage } from "@/lib/server/data/paging";
import { getStudent } from "@/lib/server/data/people/students";
import { getDateFormatter, getDateTimeFormatter } from "@/lib/server/format";
import { requirePageViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Student history" };

export default async function StudentHistoryPage({ params, searchParams }: PageProps<"/admin/students/[id]/history">) {
  const viewer = await requirePageViewer("ADMIN");
  const [{ id }, search] = await Promise.all([params, searchParams]);
  const [student, history, formatWhen, formatDay] = await Promise.all([
    getStudent(viewer, id),
    listHistory(viewer, { studentId: id }, parsePage(search.page)),
    getDateTimeFormatter(),
    getDateFormatter(),
  ]);
  if (!student) notFound();
  return (
    <>
      <PageTitle title={`History of ${student.name}`} back={{ href: `/admin/students/${id}`, label: student.name }} />
      <section className={cardClass} aria-label="Timeline">
        <p className="mb-3 text-sm text-slate-700">{plural(history.total, "event")}, newest first.</p>
        <Timeline entries={history.rows} show={{ student: false, course: true }} formatWhen={formatWhen} formatDay={formatDay} />
        <Pagination basePath={`/admin/students/${id}/history`} page={history.page} pageCount={history.pageCount} />
      </section>
    </>
  );
}

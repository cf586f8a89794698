import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EnrollmentChecklist } from "@/components/enrollment/enrollment-checklist";
import { packChecklist } from "@/components/enrollment/checklist-html";
import { PageTitle, plural } from "@/components/ui/page-title";
import { cardClass, dangerButtonClass, secondaryButtonClass } from "@/components/ui/styles";
import { saveChecklistAction } from "@/lib/server/actions/enrollments";
import { savedMessage, undoParam } from "@/lib/saved-message";
import { getStudentEnrollmentPage } from "@/lib/server/data/students";
import { getDateFormatter } from "@/lib/server/format";
import { requirePageViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Student" };

export default async function StudentPage({ params, searchParams }: PageProps<"/admin/students/[id]">) {
  const viewer = await requirePageViewer("ADMIN");
  const [{ id }, search] = await Promise.all([params, searchParams]);
  const [data, formatDate] = await Promise.all([getStudentEnrollmentPage(viewer, id), getDateFormatter()]);
  if (!data) notFound();
  const { student, courses } = data;
  const enrolled = courses.filter((c) => c.enrolledAt);
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
        <section aria-labelledby="details" className={`${cardClass} md:col-span-1`}>
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
              <dd>{plural(enrolled.length, "class", "classes")}</dd>
            </div>
          </dl>
        </section>
        <section aria-labelledby="classes" className={`${cardClass} md:col-span-2`}>
          <h2 id="classes" className="mb-1 text-lg font-semibold">
            Classes
          </h2>
          <p className="mb-3 text-sm text-slate-700">Tick a class to enroll {student.name}; untick to remove.</p>
          <EnrollmentChecklist
            several
            legend={`Classes for ${student.name}`}
            filterLabel="Filter classes"
            emptyText="There are no classes yet."
            fixed={{ studentId: id }}
            save={saveChecklistAction.bind(null, { studentId: id })}
            savedMessage={savedMessage(search.saved)}
            undoId={undoParam(search.undo)}
            packedRows={packChecklist(
              courses.map((c) => [c.id, `${c.code} ${c.title}`, [c.enrolledCount, c.capacity], c.enrolledAt ? formatDate(c.enrolledAt) : null]),
            )}
          />
        </section>
      </div>
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { UndoPanel } from "@/components/admin/undo-panel";
import { cardClass } from "@/components/ui/styles";
import { undoChangeSetAction } from "@/lib/server/actions/change-sets";
import { getLastChangeSet } from "@/lib/server/data/records/change-sets";
import { getAdminCounts } from "@/lib/server/data/records/dashboard";
import { EnrollmentChart } from "@/components/history/enrollment-chart";
import { enrollmentsByWeek } from "@/lib/server/data/records/history";
import { getDateFormatter, getDateTimeFormatter } from "@/lib/server/format";
import { requirePageViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminHome() {
  const viewer = await requirePageViewer("ADMIN");
  const [counts, last, formatWhen, formatDay, weeks] = await Promise.all([
    getAdminCounts(viewer),
    getLastChangeSet(viewer),
    getDateTimeFormatter(),
    getDateFormatter(),
    enrollmentsByWeek(viewer),
  ]);
  const tiles = [
    { label: "Students", value: counts.students, href: "/admin/students" },
    { label: "Classes", value: counts.courses, href: "/admin/classes" },
    { label: "Teachers", value: counts.teachers, href: "/admin/teachers" },
    { label: "Enrollments", value: counts.enrollments, href: null },
  ];
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">School overview</h1>
      {counts.linkRequests > 0 ? (
        <p role="status" className="mb-6 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {counts.linkRequests === 1 ? "1 person is" : `${counts.linkRequests} people are`} asking to link their school account:{" "}
          <Link href="/admin/sign-in">School accounts</Link>.
        </p>
      ) : null}
      <dl className="grid grid-cols-2 gap-4 md:grid-cols-4">
        {tiles.map((t) => (
          <div key={t.label} className={cardClass}>
            <dt className="text-sm text-slate-700">{t.href ? <Link href={t.href}>{t.label}</Link> : t.label}</dt>
            <dd className="mt-1 text-3xl font-semibold">{t.value.toLocaleString("en")}</dd>
          </div>
        ))}
      </dl>
      <section aria-labelledby="over-time" className={`${cardClass} mt-6`}>
        <h2 id="over-time" className="mb-3 text-lg font-semibold">
          Enrollments over time
        </h2>
        <EnrollmentChart points={weeks} title="Enrollments and drops across the school, by week" formatDay={formatDay} />
      </section>
      <section aria-labelledby="last-change" className={`${cardClass} mt-6`}>
        <h2 id="last-change" className="mb-2 text-lg font-semibold">
          Undo
        </h2>
        <UndoPanel
          change={last ? { label: last.label, summary: last.summary, classes: last.classes, students: last.students, when: formatWhen(last.createdAt) } : null}
          action={last ? undoChangeSetAction.bind(null, last.id) : null}
        />
      </section>
      <p className="mt-6 text-sm">
        <Link href="/admin/backups">Backups</Link>: a copy of the database, made while everyone goes on working.
      </p>
    </>
  );
}

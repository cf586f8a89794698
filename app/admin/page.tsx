import type { Metadata } from "next";
import Link from "next/link";
import { cardClass } from "@/components/ui/styles";
import { getAdminCounts } from "@/lib/server/data/dashboard";
import { requirePageViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminHome() {
  const viewer = await requirePageViewer("ADMIN");
  const counts = await getAdminCounts(viewer);
  const tiles = [
    { label: "Students", value: counts.students, href: "/admin/students" },
    { label: "Classes", value: counts.courses, href: "/admin/classes" },
    { label: "Teachers", value: counts.teachers, href: "/admin/teachers" },
    { label: "Enrollments", value: counts.enrollments, href: null },
  ];
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">School overview</h1>
      <dl className="grid grid-cols-2 gap-4 md:grid-cols-4">
        {tiles.map((t) => (
          <div key={t.label} className={cardClass}>
            <dt className="text-sm text-slate-700">{t.href ? <Link href={t.href}>{t.label}</Link> : t.label}</dt>
            <dd className="mt-1 text-3xl font-semibold">{t.value.toLocaleString("en")}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

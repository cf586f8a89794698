import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { cardClass } from "@/components/ui/styles";
import { listMyCourses } from "@/lib/server/data/catalog/rosters";
import { requirePageViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "My classes" };

export default async function TeacherHome() {
  const viewer = await requirePageViewer("TEACHER");
  const courses = await listMyCourses(viewer);
  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold">My classes</h1>
      <p className="mb-6 text-slate-700">Welcome, {viewer.name}.</p>
      <div className={cardClass}>
        {courses.length === 0 ? (
          <p>You don&apos;t teach any classes yet.</p>
        ) : (
          <DataTable
            rows={courses}
            columns={[
              {
                header: "Class",
                cell: (c) => (
                  <Link href={`/teacher/classes/${c.id}`}>
                    {c.code} {c.title}
                  </Link>
                ),
              },
              { header: "Term", cell: (c) => c.termName ?? "—" },
              {
                header: "Enrolled",
                cell: (c) => (c.capacity === null ? c.enrolledCount : `${c.enrolledCount} / ${c.capacity}`),
                numeric: true,
              },
              { header: "Waitlist", cell: (c) => c.waitlistCount, numeric: true },
            ]}
          />
        )}
      </div>
    </>
  );
}

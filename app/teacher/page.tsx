import type { Metadata } from "next";
import Link from "next/link";
import { cardClass } from "@/components/ui/styles";
import { listMyCourses } from "@/lib/server/data/rosters";
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
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-slate-700">
              <tr>
                <th scope="col" className="py-2">Class</th>
                <th scope="col" className="py-2 text-right">Enrolled</th>
                <th scope="col" className="py-2 text-right">Waitlist</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {courses.map((c) => (
                <tr key={c.id}>
                  <td className="py-2">
                    <Link href={`/teacher/classes/${c.id}`}>
                      {c.code} {c.title}
                    </Link>
                  </td>
                  <td className="py-2 text-right">{c.capacity === null ? c.enrolledCount : `${c.enrolledCount} / ${c.capacity}`}</td>
                  <td className="py-2 text-right">{c.waitlistCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </>
  );
}

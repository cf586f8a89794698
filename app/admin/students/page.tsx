import type { Metadata } from "next";
import Link from "next/link";
import { PageTitle, plural } from "@/components/ui/page-title";
import { Pagination } from "@/components/ui/pagination";
import { SearchForm } from "@/components/ui/search-form";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { parsePage, parseQuery } from "@/lib/server/data/paging";
import { listStudents } from "@/lib/server/data/students";
import { requirePageViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Students" };

export default async function StudentsPage({ searchParams }: PageProps<"/admin/students">) {
  const viewer = await requirePageViewer("ADMIN");
  const params = await searchParams;
  const q = parseQuery(params.q);
  const list = await listStudents(viewer, { q, page: parsePage(params.page) });
  return (
    <>
      <PageTitle title="Students">
        <Link href="/admin/students/new" className={buttonClass}>
          New student
        </Link>
      </PageTitle>
      <div className={cardClass}>
        <SearchForm action="/admin/students" q={q} label="Search students" placeholder="Name or email" />
        <p className="mt-4 text-sm text-slate-700" role="status">
          {plural(list.total, "student")}
          {q ? ` matching “${q}”` : ""}
        </p>
        <table className="mt-2 w-full text-left text-sm">
          <thead className="border-b border-slate-200 text-slate-700">
            <tr>
              <th scope="col" className="py-2">Name</th>
              <th scope="col" className="py-2">Email</th>
              <th scope="col" className="py-2">Number</th>
              <th scope="col" className="py-2 text-right">Classes</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {list.rows.map((s) => (
              <tr key={s.id}>
                <td className="py-2">
                  <Link href={`/admin/students/${s.id}`}>{s.name}</Link>
                </td>
                <td className="py-2">{s.email}</td>
                <td className="py-2">{s.studentNumber ?? "—"}</td>
                <td className="py-2 text-right">{s.classCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Pagination basePath="/admin/students" page={list.page} pageCount={list.pageCount} params={{ q }} />
      </div>
    </>
  );
}

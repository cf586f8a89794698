import type { Metadata } from "next";
import Link from "next/link";
import { PageTitle, plural } from "@/components/ui/page-title";
import { Pagination } from "@/components/ui/pagination";
import { SearchForm } from "@/components/ui/search-form";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { listCourses } from "@/lib/server/data/courses";
import { parsePage, parseQuery } from "@/lib/server/data/paging";
import { requirePageViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Classes" };

export default async function ClassesPage({ searchParams }: PageProps<"/admin/classes">) {
  const viewer = await requirePageViewer("ADMIN");
  const params = await searchParams;
  const q = parseQuery(params.q);
  const list = await listCourses(viewer, { q, page: parsePage(params.page) });
  return (
    <>
      <PageTitle title="Classes">
        <Link href="/admin/classes/new" className={buttonClass}>
          New class
        </Link>
      </PageTitle>
      <div className={cardClass}>
        <SearchForm action="/admin/classes" q={q} label="Search classes" placeholder="Code or title" />
        <p className="mt-4 text-sm text-slate-700" role="status">
          {plural(list.total, "class", "classes")}
          {q ? ` matching “${q}”` : ""}
        </p>
        <table className="mt-2 w-full text-left text-sm">
          <thead className="border-b border-slate-200 text-slate-700">
            <tr>
              <th scope="col" className="py-2">Code</th>
              <th scope="col" className="py-2">Title</th>
              <th scope="col" className="py-2">Teacher</th>
              <th scope="col" className="py-2 text-right">Enrolled</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {list.rows.map((c) => (
              <tr key={c.id}>
                <td className="py-2">
                  <Link href={`/admin/classes/${c.id}`}>{c.code}</Link>
                </td>
                <td className="py-2">{c.title}</td>
                <td className="py-2">{c.teacher?.name ?? "—"}</td>
                <td className="py-2 text-right">{c.capacity === null ? c.enrolledCount : `${c.enrolledCount} / ${c.capacity}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Pagination basePath="/admin/classes" page={list.page} pageCount={list.pageCount} params={{ q }} />
      </div>
    </>
  );
}

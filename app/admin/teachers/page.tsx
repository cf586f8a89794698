import type { Metadata } from "next";
import Link from "next/link";
import { PageTitle, plural } from "@/components/ui/page-title";
import { Pagination } from "@/components/ui/pagination";
import { SearchForm } from "@/components/ui/search-form";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { parsePage, parseQuery } from "@/lib/server/data/paging";
import { listTeachers } from "@/lib/server/data/teachers";
import { requirePageViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Teachers" };

export default async function TeachersPage({ searchParams }: PageProps<"/admin/teachers">) {
  const viewer = await requirePageViewer("ADMIN");
  const params = await searchParams;
  const q = parseQuery(params.q);
  const list = await listTeachers(viewer, { q, page: parsePage(params.page) });
  return (
    <>
      <PageTitle title="Teachers">
        <Link href="/admin/teachers/new" className={buttonClass}>
          New teacher
        </Link>
      </PageTitle>
      <div className={cardClass}>
        <SearchForm action="/admin/teachers" q={q} label="Search teachers" placeholder="Name or email" />
        <p className="mt-4 text-sm text-slate-700" role="status">
          {plural(list.total, "teacher")}
          {q ? ` matching “${q}”` : ""}
        </p>
        <table className="mt-2 w-full text-left text-sm">
          <thead className="border-b border-slate-200 text-slate-700">
            <tr>
              <th scope="col" className="py-2">Name</th>
              <th scope="col" className="py-2">Email</th>
              <th scope="col" className="py-2 text-right">Classes</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {list.rows.map((t) => (
              <tr key={t.id}>
                <td className="py-2">
                  <Link href={`/admin/teachers/${t.id}/edit`}>{t.name}</Link>
                </td>
                <td className="py-2">{t.email}</td>
                <td className="py-2 text-right">{t.classCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Pagination basePath="/admin/teachers" page={list.page} pageCount={list.pageCount} params={{ q }} />
      </div>
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { ListPage } from "@/components/ui/data-table";
import { parsePage, parsePageSize, parseQuery, parseSort } from "@/lib/server/data/paging";
import { listTeachers, TEACHER_SORTS } from "@/lib/server/data/people/teachers";
import { requirePageViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Teachers" };

export default async function TeachersPage({ searchParams }: PageProps<"/admin/teachers">) {
  const viewer = await requirePageViewer("ADMIN");
  const params = await searchParams;
  const q = parseQuery(params.q);
  const pageSize = parsePageSize(params.size);
  const sort = parseSort(params.sort, params.dir, TEACHER_SORTS);
  return (
    <ListPage
      title="Teachers"
      create={{ href: "/admin/teachers/new", label: "New teacher" }}
      basePath="/admin/teachers"
      q={q}
      search={{ label: "Search teachers", placeholder: "Name or email" }}
      noun={["teacher", "teachers"]}
      list={await listTeachers(viewer, { q, page: parsePage(params.page), pageSize, sort })}
      sort={sort}
      pageSize={pageSize}
      columns={[
        { header: "Name", cell: (t) => <Link href={`/admin/teachers/${t.id}/edit`}>{t.name}</Link>, sort: "name" },
        { header: "Email", cell: (t) => t.email, sort: "email" },
        { header: "Classes", cell: (t) => t.classCount, numeric: true, sort: "classes" },
      ]}
    />
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { ListPage } from "@/components/ui/data-table";
import { COURSE_SORTS, listCourses } from "@/lib/server/data/courses";
import { parsePage, parseQuery, parseSort } from "@/lib/server/data/paging";
import { requirePageViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Classes" };

export default async function ClassesPage({ searchParams }: PageProps<"/admin/classes">) {
  const viewer = await requirePageViewer("ADMIN");
  const params = await searchParams;
  const q = parseQuery(params.q);
  const sort = parseSort(params.sort, params.dir, COURSE_SORTS);
  return (
    <ListPage
      title="Classes"
      create={{ href: "/admin/classes/new", label: "New class" }}
      basePath="/admin/classes"
      q={q}
      search={{ label: "Search classes", placeholder: "Code or title" }}
      noun={["class", "classes"]}
      list={await listCourses(viewer, { q, page: parsePage(params.page), sort })}
      sort={sort}
      columns={[
        { header: "Code", cell: (c) => <Link href={`/admin/classes/${c.id}`}>{c.code}</Link>, sort: "code" },
        { header: "Title", cell: (c) => c.title, sort: "title" },
        { header: "Teacher", cell: (c) => c.teacher?.name ?? "—", sort: "teacher" },
        {
          header: "Enrolled",
          cell: (c) => (c.capacity === null ? c.enrolledCount : `${c.enrolledCount} / ${c.capacity}`),
          numeric: true,
          sort: "enrolled",
        },
      ]}
    />
  );
}

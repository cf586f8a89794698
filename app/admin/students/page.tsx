import type { Metadata } from "next";
import Link from "next/link";
import { ListPage } from "@/components/ui/data-table";
import { parsePage, parsePageSize, parseQuery, parseSort } from "@/lib/server/data/paging";
import { listStudents, STUDENT_SORTS } from "@/lib/server/data/people/students";
import { requirePageViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Students" };

export default async function StudentsPage({ searchParams }: PageProps<"/admin/students">) {
  const viewer = await requirePageViewer("ADMIN");
  const params = await searchParams;
  const q = parseQuery(params.q);
  const pageSize = parsePageSize(params.size);
  const sort = parseSort(params.sort, params.dir, STUDENT_SORTS);
  return (
    <ListPage
      title="Students"
      create={{ href: "/admin/students/new", label: "New student" }}
      basePath="/admin/students"
      q={q}
      search={{ label: "Search students", placeholder: "Name, number or email" }}
      noun={["student", "students"]}
      list={await listStudents(viewer, { q, page: parsePage(params.page), pageSize, sort })}
      sort={sort}
      pageSize={pageSize}
      columns={[
        { header: "Name", cell: (s) => <Link href={`/admin/students/${s.id}`}>{s.name}</Link>, sort: "name" },
        { header: "Email", cell: (s) => s.email, sort: "email" },
        { header: "Number", cell: (s) => s.studentNumber ?? "—", sort: "number" },
        { header: "Classes", cell: (s) => s.classCount, numeric: true, sort: "classes" },
      ]}
    />
  );
}

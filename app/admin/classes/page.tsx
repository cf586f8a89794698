import type { Metadata } from "next";
import Link from "next/link";
import { ListPage } from "@/components/ui/data-table";
import { FilterSelect } from "@/components/ui/search-form";
import { COURSE_SORTS, listCourses, parseCourseFilters } from "@/lib/server/data/catalog/courses";
import { parsePage, parsePageSize, parseQuery, parseSort } from "@/lib/server/data/paging";
import { listTeacherChoices } from "@/lib/server/data/people/teachers";
import { listTermChoices, termStandings } from "@/lib/server/data/catalog/terms";
import { requirePageViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Classes" };

const SEATS = [
  { value: "", label: "Any" },
  { value: "open", label: "Seats left" },
  { value: "full", label: "Full" },
  { value: "waitlist", label: "Has a waitlist" },
];

export default async function ClassesPage({ searchParams }: PageProps<"/admin/classes">) {
  const viewer = await requirePageViewer("ADMIN");
  const params = await searchParams;
  const q = parseQuery(params.q);
  const pageSize = parsePageSize(params.size);
  const sort = parseSort(params.sort, params.dir, COURSE_SORTS);
  const chosen = parseCourseFilters(params);
  const [terms, teachers] = await Promise.all([listTermChoices(viewer), listTeacherChoices(viewer)]);
  const standings = termStandings(terms);
  // Browsing starts at the current term (when there is one); a search looks in every term unless one is chosen.
  const current = terms.find((t) => standings.get(t.id) === "current")?.id;
  const filters = { ...chosen, term: chosen.term || (q || !current ? "all" : current) };
  const list = await listCourses(viewer, { q, page: parsePage(params.page), pageSize, sort, filters });
  const termName = (id: string) => (id === "none" ? "no term" : (terms.find((t) => t.id === id)?.name ?? "a term that no longer exists"));
  const teacherName = (id: string) => (id === "none" ? "no teacher" : (teachers.find((t) => t.id === id)?.name ?? "a teacher who no longer exists"));
  const summary = [
    filters.term !== "all" ? `in ${termName(filters.term)}` : "",
    filters.teacher ? `taught by ${teacherName(filters.teacher)}` : "",
    filters.seats ? `(${SEATS.find((s) => s.value === filters.seats)!.label.toLowerCase()})` : "",
  ]
    .filter(Boolean)
    .join(", ");
  return (
    <ListPage
      title="Classes"
      create={{ href: filters.term !== "all" && filters.term !== "none" ? `/admin/classes/new?term=${filters.term}` : "/admin/classes/new", label: "New class" }}
      basePath="/admin/classes"
      q={q}
      search={{ label: "Search classes", placeholder: "Code or title" }}
      noun={["class", "classes"]}
      list={list}
      sort={sort}
      pageSize={pageSize}
      filters={{
        values: { term: filters.term, teacher: filters.teacher, seats: filters.seats },
        summary,
        showAll: "/admin/classes?term=all",
        controls: (
          <>
            <FilterSelect
              name="term"
              label="Term"
              value={filters.term}
              options={[
                { value: "all", label: "Any term" },
                ...terms.map((t) => ({ value: t.id, label: standings.get(t.id) === "current" ? `${t.name} (current)` : t.name })),
                { value: "none", label: "No term" },
              ]}
            />
            <FilterSelect
              name="teacher"
              label="Teacher"
              value={filters.teacher}
              options={[{ value: "", label: "Any teacher" }, ...teachers.map((t) => ({ value: t.id, label: t.name })), { value: "none", label: "No teacher" }]}
            />
            <FilterSelect name="seats" label="Seats" value={filters.seats} options={SEATS} />
          </>
        ),
      }}
      columns={[
        { header: "Code", cell: (c) => <Link href={`/admin/classes/${c.id}`}>{c.code}</Link>, sort: "code" },
        { header: "Title", cell: (c) => c.title, sort: "title" },
        { header: "Term", cell: (c) => c.term?.name ?? "—", sort: "term" },
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

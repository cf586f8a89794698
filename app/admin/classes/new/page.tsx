import type { Metadata } from "next";
import { courseFields, termLabel } from "@/components/admin/fields";
import { AdminForm } from "@/components/forms/admin-form";
import { PageTitle } from "@/components/ui/page-title";
import { cardClass } from "@/components/ui/styles";
import { createCourseAction } from "@/lib/server/actions/courses";
import { listTeacherChoices } from "@/lib/server/data/people/teachers";
import { listTermChoices, termStandings } from "@/lib/server/data/catalog/terms";
import { getDateFormatter, schoolTimeZone } from "@/lib/server/format";
import { requirePageViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "New class" };

export default async function NewClassPage({ searchParams }: PageProps<"/admin/classes/new">) {
  const viewer = await requirePageViewer("ADMIN");
  const { term } = await searchParams;
  const [teachers, terms, formatDay] = await Promise.all([listTeacherChoices(viewer), listTermChoices(viewer), getDateFormatter()]);
  // The term asked for (a term page's "New class"), else the current one.
  const standings = termStandings(terms);
  const termId = terms.find((t) => t.id === term)?.id ?? terms.find((t) => standings.get(t.id) === "current")?.id ?? null;
  return (
    <>
      <PageTitle title="New class" back={{ href: "/admin/classes", label: "Classes" }} />
      <div className={cardClass}>
        <AdminForm
          action={createCourseAction}
          fields={courseFields(
            teachers,
            terms.map((t) => ({ id: t.id, label: termLabel(t, formatDay) })),
            termId ? { termId } : undefined,
            schoolTimeZone(),
          )}
          submitLabel="Create class"
          cancelHref="/admin/classes"
        />
      </div>
    </>
  );
}

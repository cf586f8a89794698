import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { courseFields, termLabel } from "@/components/admin/fields";
import { AdminForm } from "@/components/forms/admin-form";
import { PageTitle } from "@/components/ui/page-title";
import { cardClass } from "@/components/ui/styles";
import { updateCourseAction } from "@/lib/server/actions/courses";
import { getCourse } from "@/lib/server/data/catalog/courses";
import { listTeacherChoices } from "@/lib/server/data/people/teachers";
import { listTermChoices } from "@/lib/server/data/catalog/terms";
import { getDateFormatter, schoolTimeZone } from "@/lib/server/format";
import { requirePageViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Edit class" };

export default async function EditClassPage({ params }: PageProps<"/admin/classes/[id]/edit">) {
  const viewer = await requirePageViewer("ADMIN");
  const { id } = await params;
  const [course, teachers, terms, formatDay] = await Promise.all([
    getCourse(viewer, id),
    listTeacherChoices(viewer),
    listTermChoices(viewer),
    getDateFormatter(),
  ]);
  if (!course) notFound();
  return (
    <>
      <PageTitle title={`Edit ${course.code}`} back={{ href: `/admin/classes/${id}`, label: course.code }} />
      <div className={cardClass}>
        <AdminForm
          action={updateCourseAction.bind(null, id)}
          fields={courseFields(
            teachers,
            terms.map((t) => ({ id: t.id, label: termLabel(t, formatDay) })),
            course,
            schoolTimeZone(),
          )}
          submitLabel="Save class"
          cancelHref={`/admin/classes/${id}`}
        />
      </div>
    </>
  );
}

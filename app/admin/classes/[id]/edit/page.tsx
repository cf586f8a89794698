import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { courseFields } from "@/components/admin/fields";
import { AdminForm } from "@/components/forms/admin-form";
import { PageTitle } from "@/components/ui/page-title";
import { cardClass } from "@/components/ui/styles";
import { updateCourseAction } from "@/lib/server/actions/courses";
import { getCourse } from "@/lib/server/data/courses";
import { listTeacherChoices } from "@/lib/server/data/teachers";
import { requirePageViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Edit class" };

export default async function EditClassPage({ params }: PageProps<"/admin/classes/[id]/edit">) {
  const viewer = await requirePageViewer("ADMIN");
  const { id } = await params;
  const [course, teachers] = await Promise.all([getCourse(viewer, id), listTeacherChoices(viewer)]);
  if (!course) notFound();
  return (
    <>
      <PageTitle title={`Edit ${course.code}`} back={{ href: `/admin/classes/${id}`, label: course.code }} />
      <div className={cardClass}>
        <AdminForm
          action={updateCourseAction.bind(null, id)}
          fields={courseFields(teachers, course)}
          submitLabel="Save class"
          cancelHref={`/admin/classes/${id}`}
        />
      </div>
    </>
  );
}

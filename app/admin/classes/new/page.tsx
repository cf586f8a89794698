import type { Metadata } from "next";
import { courseFields } from "@/components/admin/fields";
import { AdminForm } from "@/components/forms/admin-form";
import { PageTitle } from "@/components/ui/page-title";
import { cardClass } from "@/components/ui/styles";
import { createCourseAction } from "@/lib/server/actions/courses";
import { listTeacherChoices } from "@/lib/server/data/teachers";
import { requirePageViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "New class" };

export default async function NewClassPage() {
  const viewer = await requirePageViewer("ADMIN");
  const teachers = await listTeacherChoices(viewer);
  return (
    <>
      <PageTitle title="New class" back={{ href: "/admin/classes", label: "Classes" }} />
      <div className={cardClass}>
        <AdminForm action={createCourseAction} fields={courseFields(teachers)} submitLabel="Create class" cancelHref="/admin/classes" />
      </div>
    </>
  );
}

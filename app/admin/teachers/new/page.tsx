import type { Metadata } from "next";
import { teacherFields } from "@/components/admin/fields";
import { AdminForm } from "@/components/forms/admin-form";
import { PageTitle } from "@/components/ui/page-title";
import { cardClass } from "@/components/ui/styles";
import { createTeacherAction } from "@/lib/server/actions/teachers";
import { requirePageViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "New teacher" };

export default async function NewTeacherPage() {
  await requirePageViewer("ADMIN");
  return (
    <>
      <PageTitle title="New teacher" back={{ href: "/admin/teachers", label: "Teachers" }} />
      <div className={cardClass}>
        <AdminForm action={createTeacherAction} fields={teacherFields()} submitLabel="Create teacher" cancelHref="/admin/teachers" />
      </div>
    </>
  );
}

import type { Metadata } from "next";
import { studentFields } from "@/components/admin/fields";
import { AdminForm } from "@/components/forms/admin-form";
import { PageTitle } from "@/components/ui/page-title";
import { cardClass } from "@/components/ui/styles";
import { createStudentAction } from "@/lib/server/actions/students";
import { requirePageViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "New student" };

export default async function NewStudentPage() {
  await requirePageViewer("ADMIN");
  return (
    <>
      <PageTitle title="New student" back={{ href: "/admin/students", label: "Students" }} />
      <div className={cardClass}>
        <AdminForm action={createStudentAction} fields={studentFields()} submitLabel="Create student" cancelHref="/admin/students" />
      </div>
    </>
  );
}

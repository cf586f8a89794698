import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { studentFields } from "@/components/admin/fields";
import { AdminForm } from "@/components/forms/admin-form";
import { PageTitle } from "@/components/ui/page-title";
import { cardClass } from "@/components/ui/styles";
import { updateStudentAction } from "@/lib/server/actions/students";
import { getStudent } from "@/lib/server/data/people/students";
import { requirePageViewer } from "@/lib/server/session";
import { SessionsCard } from "@/components/admin/sessions-card";
import { endSessionsAction } from "@/lib/server/actions/sessions";
import { getLoginSessions } from "@/lib/server/data/access/sessions";
import { SchoolAccountsCard } from "@/components/admin/school-accounts-card";
import { listSchoolAccounts } from "@/lib/server/data/access/school-accounts";

export const metadata: Metadata = { title: "Edit student" };

export default async function EditStudentPage({ params }: PageProps<"/admin/students/[id]/edit">) {
  const viewer = await requirePageViewer("ADMIN");
  const { id } = await params;
  const [student, login, schoolAccounts] = await Promise.all([getStudent(viewer, id), getLoginSessions(viewer, { studentId: id }), listSchoolAccounts(viewer, { studentId: id })]);
  if (!student) notFound();
  return (
    <>
      <PageTitle title={`Edit ${student.name}`} back={{ href: `/admin/students/${id}`, label: student.name }} />
      <div className={cardClass}>
        <AdminForm
          action={updateStudentAction.bind(null, id)}
          fields={studentFields(student)}
          submitLabel="Save student"
          cancelHref={`/admin/students/${id}`}
        />
      </div>
      <SessionsCard login={login} action={endSessionsAction.bind(null, login?.userId ?? "")} />
      <SchoolAccountsCard hasPassword={login ? login.hasPassword : null} accounts={schoolAccounts} />
    </>
  );
}

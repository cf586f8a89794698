import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { teacherFields } from "@/components/admin/fields";
import { AdminForm } from "@/components/forms/admin-form";
import { PageTitle } from "@/components/ui/page-title";
import { cardClass, secondaryButtonClass } from "@/components/ui/styles";
import { updateTeacherAction } from "@/lib/server/actions/teachers";
import { getTeacher } from "@/lib/server/data/people/teachers";
import { requirePageViewer } from "@/lib/server/session";
import { SessionsCard } from "@/components/admin/sessions-card";
import { endSessionsAction } from "@/lib/server/actions/sessions";
import { getLoginSessions } from "@/lib/server/data/access/sessions";
import { SchoolAccountsCard } from "@/components/admin/school-accounts-card";
import { listSchoolAccounts } from "@/lib/server/data/access/school-accounts";

export const metadata: Metadata = { title: "Edit teacher" };

export default async function EditTeacherPage({ params }: PageProps<"/admin/teachers/[id]/edit">) {
  const viewer = await requirePageViewer("ADMIN");
  const { id } = await params;
  const [teacher, login, schoolAccounts] = await Promise.all([getTeacher(viewer, id), getLoginSessions(viewer, { teacherId: id }), listSchoolAccounts(viewer, { teacherId: id })]);
  if (!teacher) notFound();
  return (
    <>
      <PageTitle title={teacher.name} back={{ href: "/admin/teachers", label: "Teachers" }}>
        <Link href={`/admin/audit?record=${id}`} className={secondaryButtonClass}>
          Changes
        </Link>
      </PageTitle>
      <div className="grid gap-6 md:grid-cols-2">
        <div className={cardClass}>
          <AdminForm
            action={updateTeacherAction.bind(null, id)}
            fields={teacherFields(teacher)}
            submitLabel="Save teacher"
            cancelHref="/admin/teachers"
          />
        </div>
        <section aria-labelledby="teaches" className={cardClass}>
          <h2 id="teaches" className="mb-2 text-lg font-semibold">
            Teaches
          </h2>
          {teacher.courses.length === 0 ? (
            <p className="text-sm text-slate-700">No classes yet: choose this teacher on a class&apos;s form.</p>
          ) : (
            <ul className="space-y-1 text-sm">
              {teacher.courses.map((c) => (
                <li key={c.id}>
                  <Link href={`/admin/classes/${c.id}`}>
                    {c.code} {c.title}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <SessionsCard login={login} action={endSessionsAction.bind(null, login?.userId ?? "")} />
      <SchoolAccountsCard hasPassword={login ? login.hasPassword : null} accounts={schoolAccounts} />
    </>
  );
}

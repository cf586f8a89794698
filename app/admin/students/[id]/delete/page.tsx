import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DeleteForm } from "@/components/forms/admin-form";
import { PageTitle, plural } from "@/components/ui/page-title";
import { cardClass } from "@/components/ui/styles";
import { deleteStudentAction } from "@/lib/server/actions/students";
import { getStudent } from "@/lib/server/data/people/students";
import { requirePageViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Delete student" };

export default async function DeleteStudentPage({ params }: PageProps<"/admin/students/[id]/delete">) {
  const viewer = await requirePageViewer("ADMIN");
  const { id } = await params;
  const student = await getStudent(viewer, id);
  if (!student) notFound();
  return (
    <>
      <PageTitle title={`Delete ${student.name}?`} back={{ href: `/admin/students/${id}`, label: student.name }} />
      <div className={cardClass}>
        <p className="mb-4">
          {student.classCount === 0
            ? `${student.name} is in no classes.`
            : `${plural(student.classCount, "enrollment")} will be removed with ${student.name}.`}{" "}
          Their enrollment history is kept.
        </p>
        <DeleteForm action={deleteStudentAction.bind(null, id)} label="Delete student" cancelHref={`/admin/students/${id}`} />
      </div>
    </>
  );
}

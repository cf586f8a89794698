import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DeleteForm } from "@/components/forms/admin-form";
import { PageTitle, plural } from "@/components/ui/page-title";
import { cardClass } from "@/components/ui/styles";
import { deleteCourseAction } from "@/lib/server/actions/courses";
import { getCourse } from "@/lib/server/data/catalog/courses";
import { requirePageViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Delete class" };

export default async function DeleteClassPage({ params }: PageProps<"/admin/classes/[id]/delete">) {
  const viewer = await requirePageViewer("ADMIN");
  const { id } = await params;
  const course = await getCourse(viewer, id);
  if (!course) notFound();
  return (
    <>
      <PageTitle title={`Delete ${course.code}?`} back={{ href: `/admin/classes/${id}`, label: course.code }} />
      <div className={cardClass}>
        <p className="mb-4">
          {course.enrolledCount === 0
            ? `No one is enrolled in ${course.code}; anyone on its waitlist is told it is cancelled.`
            : `${plural(course.enrolledCount, "enrollment")} will be removed with ${course.code} (their history is kept), and its students and waitlist are told it is cancelled.`}
        </p>
        <DeleteForm action={deleteCourseAction.bind(null, id)} label="Delete class" cancelHref={`/admin/classes/${id}`} />
      </div>
    </>
  );
}

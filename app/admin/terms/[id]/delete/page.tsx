import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeleteForm } from "@/components/forms/admin-form";
import { PageTitle, plural } from "@/components/ui/page-title";
import { cardClass } from "@/components/ui/styles";
import { deleteTermAction } from "@/lib/server/actions/terms";
import { getTerm } from "@/lib/server/data/catalog/terms";
import { requirePageViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Delete term" };

export default async function DeleteTermPage({ params }: PageProps<"/admin/terms/[id]/delete">) {
  const viewer = await requirePageViewer("ADMIN");
  const { id } = await params;
  const term = await getTerm(viewer, id);
  if (!term) notFound();
  const n = term.classCount;
  return (
    <>
      <PageTitle title={`Delete ${term.name}?`} back={{ href: `/admin/terms/${id}`, label: term.name }} />
      <div className={cardClass}>
        {n > 0 ? (
          <p>
            {term.name} has {plural(n, "class", "classes")}. A term with classes can&apos;t be deleted: move them to another term (
            <Link href={`/admin/classes?term=${id}`}>its classes</Link>) or delete them first.
          </p>
        ) : (
          <>
            <p className="mb-4">{term.name} has no classes. Nothing else goes with it.</p>
            <DeleteForm action={deleteTermAction.bind(null, id)} label="Delete term" cancelHref={`/admin/terms/${id}`} />
          </>
        )}
      </div>
    </>
  );
}

import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { termFields } from "@/components/admin/fields";
import { AdminForm } from "@/components/forms/admin-form";
import { PageTitle } from "@/components/ui/page-title";
import { cardClass } from "@/components/ui/styles";
import { updateTermAction } from "@/lib/server/actions/terms";
import { getTerm } from "@/lib/server/data/catalog/terms";
import { requirePageViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Edit term" };

export default async function EditTermPage({ params }: PageProps<"/admin/terms/[id]/edit">) {
  const viewer = await requirePageViewer("ADMIN");
  const { id } = await params;
  const term = await getTerm(viewer, id);
  if (!term) notFound();
  return (
    <>
      <PageTitle title={`Edit ${term.name}`} back={{ href: `/admin/terms/${id}`, label: term.name }} />
      <div className={cardClass}>
        <AdminForm action={updateTermAction.bind(null, id)} fields={termFields(term)} submitLabel="Save term" cancelHref={`/admin/terms/${id}`} />
      </div>
    </>
  );
}

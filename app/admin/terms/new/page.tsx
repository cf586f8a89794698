import type { Metadata } from "next";
import { termFields } from "@/components/admin/fields";
import { AdminForm } from "@/components/forms/admin-form";
import { PageTitle } from "@/components/ui/page-title";
import { cardClass } from "@/components/ui/styles";
import { createTermAction } from "@/lib/server/actions/terms";
import { requirePageViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "New term" };

export default async function NewTermPage() {
  await requirePageViewer("ADMIN");
  return (
    <>
      <PageTitle title="New term" back={{ href: "/admin/terms", label: "Terms" }} />
      <div className={cardClass}>
        <AdminForm action={createTermAction} fields={termFields()} submitLabel="Create term" cancelHref="/admin/terms" />
      </div>
    </>
  );
}

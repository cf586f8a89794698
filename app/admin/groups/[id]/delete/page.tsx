import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DeleteForm } from "@/components/forms/admin-form";
import { PageTitle, plural } from "@/components/ui/page-title";
import { cardClass } from "@/components/ui/styles";
import { deleteGroupAction } from "@/lib/server/actions/groups";
import { getGroup } from "@/lib/server/data/people/groups";
import { requirePageViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Delete student group" };

export default async function DeleteGroupPage({ params }: PageProps<"/admin/groups/[id]/delete">) {
  const viewer = await requirePageViewer("ADMIN");
  const { id } = await params;
  const data = await getGroup(viewer, id, 1);
  if (!data) notFound();
  const { group } = data;
  return (
    <>
      <PageTitle title={`Delete ${group.name}?`} back={{ href: `/admin/groups/${id}`, label: group.name }} />
      <div className={cardClass}>
        <p className="mb-4">
          {plural(group.memberCount, "student")} leave the group (the students themselves stay), and its registration windows go with it: its
          students then register at every student&apos;s time.
        </p>
        <DeleteForm action={deleteGroupAction.bind(null, id)} label="Delete group" cancelHref={`/admin/groups/${id}`} />
      </div>
    </>
  );
}

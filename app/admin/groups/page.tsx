import type { Metadata } from "next";
import Link from "next/link";
import { AdminForm } from "@/components/forms/admin-form";
import { PageTitle, plural } from "@/components/ui/page-title";
import { cardClass } from "@/components/ui/styles";
import { createGroupAction } from "@/lib/server/actions/groups";
import { listGroups } from "@/lib/server/data/people/groups";
import { requirePageViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Student groups" };

export default async function GroupsPage() {
  const viewer = await requirePageViewer("ADMIN");
  const groups = await listGroups(viewer);
  return (
    <>
      <PageTitle title="Student groups" />
      <p className="mb-6 max-w-2xl text-slate-700">
        A group is students registration treats alike: a year, a cohort, the athletes. A term&apos;s registration can open to each group at
        its own time (on the term&apos;s page).
      </p>
      <div className="grid gap-6 lg:grid-cols-3">
        <section aria-labelledby="new" className={cardClass}>
          <h2 id="new" className="mb-3 text-lg font-semibold">
            New group
          </h2>
          <AdminForm action={createGroupAction} fields={[{ name: "name", label: "Name", required: true, hint: "Like Year 12 or Athletes. Unique." }]} submitLabel="Make group" cancelHref="/admin/groups" />
        </section>
        <section aria-labelledby="groups" className={`${cardClass} lg:col-span-2`}>
          <h2 id="groups" className="mb-3 text-lg font-semibold">
            Groups
          </h2>
          {groups.length === 0 ? (
            <p className="text-sm text-slate-700">No groups yet.</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {groups.map((g) => (
                <li key={g.id} className="flex justify-between gap-4 py-2">
                  <Link href={`/admin/groups/${g.id}`} className="font-medium text-indigo-800 underline">
                    {g.name}
                  </Link>
                  <span className="text-slate-700">{plural(g.memberCount, "student")}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}

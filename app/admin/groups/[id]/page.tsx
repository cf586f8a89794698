import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ButtonForm } from "@/components/admin/button-form";
import { AdminForm } from "@/components/forms/admin-form";
import { PageTitle, plural } from "@/components/ui/page-title";
import { Pagination } from "@/components/ui/pagination";
import { cardClass, dangerButtonClass, secondaryButtonClass } from "@/components/ui/styles";
import { addToGroupAction, removeFromGroupAction } from "@/lib/server/actions/groups";
import { parsePage } from "@/lib/server/data/paging";
import { getGroup } from "@/lib/server/data/people/groups";
import { requirePageViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Student group" };

/** What the last change did, from the address it redirected to (only numbers are read). */
function doneMessage(search: Record<string, string | string[] | undefined>): string | null {
  const added = typeof search.added === "string" ? /^(\d{1,5})-(\d{1,5})$/.exec(search.added) : null;
  if (added) return `Added ${plural(Number(added[1]), "student")}${Number(added[2]) ? `; ${plural(Number(added[2]), "was", "were")} in it already` : ""}.`;
  return search.removed === "1" ? "Taken out of the group." : null;
}

export default async function GroupPage({ params, searchParams }: PageProps<"/admin/groups/[id]">) {
  const viewer = await requirePageViewer("ADMIN");
  const [{ id }, search] = await Promise.all([params, searchParams]);
  const data = await getGroup(viewer, id, parsePage(search.page));
  if (!data) notFound();
  const { group, members } = data;
  const done = doneMessage(search);
  return (
    <>
      <PageTitle title={group.name} back={{ href: "/admin/groups", label: "Student groups" }}>
        <Link href={`/admin/audit?record=${id}`} className={secondaryButtonClass}>
          Changes
        </Link>
        <Link href={`/admin/groups/${id}/delete`} className={dangerButtonClass}>
          Delete
        </Link>
      </PageTitle>
      {done ? (
        <p role="status" className="mb-4 rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900">
          {done}
        </p>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <section aria-labelledby="add" className={cardClass}>
          <h2 id="add" className="mb-3 text-lg font-semibold">
            Add students
          </h2>
          <AdminForm
            action={addToGroupAction.bind(null, id)}
            fields={[{ name: "students", label: "Student numbers or emails", type: "textarea", required: true, hint: "One per line, as pasted from a spreadsheet. All are added, or none." }]}
            submitLabel="Add to the group"
            cancelHref={`/admin/groups/${id}`}
          />
        </section>
        <section aria-labelledby="members" className={`${cardClass} lg:col-span-2`}>
          <h2 id="members" className="mb-3 text-lg font-semibold">
            Students ({group.memberCount.toLocaleString("en")})
          </h2>
          {members.rows.length === 0 ? (
            <p className="text-sm text-slate-700">No students in this group yet.</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {members.rows.map((m) => (
                <li key={m.id} className="flex flex-wrap items-center justify-between gap-3 py-2">
                  <span>
                    <Link href={`/admin/students/${m.id}`} className="font-medium text-indigo-800 underline">
                      {m.name}
                    </Link>{" "}
                    <span className="text-slate-700">
                      {m.studentNumber ?? "no number"} · {m.email}
                    </span>
                  </span>
                  <ButtonForm action={removeFromGroupAction.bind(null, id, m.id)} label="Take out" name={`Take ${m.name} out of ${group.name}`} />
                </li>
              ))}
            </ul>
          )}
          <Pagination basePath={`/admin/groups/${id}`} page={members.page} pageCount={members.pageCount} />
        </section>
      </div>
    </>
  );
}

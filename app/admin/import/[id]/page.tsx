import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ApplyImportForm } from "@/components/import/apply-form";
import { ImportPreview } from "@/components/import/import-preview";
import { ImportProgress } from "@/components/import/import-progress";
import { UndoPanel } from "@/components/admin/undo-panel";
import { PageTitle, plural } from "@/components/ui/page-title";
import { cardClass } from "@/components/ui/styles";
import { applyImportAction } from "@/lib/server/actions/imports";
import { undoChangeSetAction } from "@/lib/server/actions/change-sets";
import { getLastChangeSet } from "@/lib/server/data/records/change-sets";
import { canApply } from "@/lib/server/data/records/imports/preview";
import { getImport } from "@/lib/server/data/records/imports/jobs";
import { getDateTimeFormatter } from "@/lib/server/format";
import { requirePageViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Import" };

export default async function ImportJobPage({ params }: PageProps<"/admin/import/[id]">) {
  const viewer = await requirePageViewer("ADMIN");
  const { id } = await params;
  const [job, last, formatWhen] = await Promise.all([getImport(viewer, id), getLastChangeSet(viewer), getDateTimeFormatter()]);
  if (!job) notFound();
  const undoable = last && job.changeSetId === last.id ? last : null;
  const working = job.status === "CHECKING" || job.status === "APPLYING";
  return (
    <>
      {working ? (
        <noscript>
          <meta httpEquiv="refresh" content="2" />
        </noscript>
      ) : null}
      <PageTitle title={job.status !== "APPLIED" ? "Import preview" : job.undone ? "Import undone" : "Import applied"} back={{ href: "/admin/import", label: "Import" }} />
      <section aria-labelledby="state" className={cardClass}>
        <h2 id="state" className="sr-only">
          State
        </h2>
        {working ? (
          <ImportProgress id={job.id} initial={{ status: job.status, done: job.done, total: job.total }} />
        ) : null}
        {job.status === "FAILED" ? (
          <p role="alert" className="text-red-800">
            {job.error}
          </p>
        ) : null}
        {job.status === "CHECKED" && job.preview ? (
          <div className="space-y-6">
            {job.error ? (
              <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
                {job.error}
              </p>
            ) : null}
            <p className="text-sm text-slate-700">Nothing has been written yet. This is what applying the files would do:</p>
            <ImportPreview preview={job.preview} done={false} />
            {canApply(job.preview) ? (
              <ApplyImportForm
                action={applyImportAction.bind(null, job.id)}
                label={job.preview.skipBad && job.preview.problemCount ? `Apply import, skipping ${plural(job.preview.problemCount, "row")}` : "Apply import"}
              />
            ) : (
              <p className="font-medium">
                This import can’t be applied as it is. Fix the files and <Link href="/admin/import">check them again</Link>.
              </p>
            )}
          </div>
        ) : null}
        {job.status === "APPLIED" && job.preview ? (
          <div className="space-y-6">
            {job.undone ? (
              <div role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
                <p className="font-medium">
                  This import was undone{job.undoneEntry ? ` by ${job.undoneEntry.actorName}, ${formatWhen(job.undoneEntry.at)}` : ""}: its enrollments were
                  taken back.
                </p>
                {job.undoneEntry?.note ? <p>{job.undoneEntry.note}</p> : null}
              </div>
            ) : (
              <p role="status" className="rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-800">
                Imported, in one change.
              </p>
            )}
            <ImportPreview preview={job.preview} done />
            {job.undone ? null : (
              <UndoPanel
                change={
                  undoable
                    ? { label: undoable.label, summary: undoable.summary, classes: undoable.classes, students: undoable.students, when: formatWhen(undoable.createdAt) }
                    : null
                }
                action={undoable ? undoChangeSetAction.bind(null, undoable.id) : null}
                idleText="Only your latest change can be undone; this import has been followed by another."
              />
            )}
            <p className="text-sm">
              <Link href="/admin/classes">See the classes</Link>
            </p>
          </div>
        ) : null}
      </section>
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { ImportForm } from "@/components/import/import-form";
import { PageTitle } from "@/components/ui/page-title";
import { cardClass } from "@/components/ui/styles";
import { EXPORT_FILES, MAX_FILE_BYTES } from "@/lib/import/oneroster";
import { startImportAction } from "@/lib/server/actions/imports";
import { listImports } from "@/lib/server/data/records/imports/jobs";
import { getDateFormatter } from "@/lib/server/format";
import { requirePageViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Import" };

const STATUS: Record<string, string> = {
  CHECKING: "Checking",
  CHECKED: "Checked, not applied",
  APPLYING: "Applying",
  APPLIED: "Applied",
  FAILED: "Failed",
};

export default async function ImportPage() {
  const viewer = await requirePageViewer("ADMIN");
  const [imports, formatDate] = await Promise.all([listImports(viewer), getDateFormatter()]);
  return (
    <>
      <PageTitle title="Import and export" />
      <div className="grid gap-6 lg:grid-cols-3">
        <section aria-labelledby="upload" className={`${cardClass} lg:col-span-2`}>
          <h2 id="upload" className="mb-1 text-lg font-semibold">
            OneRoster CSV files
          </h2>
          <p className="mb-4 text-sm text-slate-700">
            Upload a OneRoster zip, or any of the files; an enrollments file alone works against the students and classes
            already here. You see what would change, and every row with a problem, before anything is written.
          </p>
          <ImportForm action={startImportAction} maxMb={MAX_FILE_BYTES / 2 ** 20} />
        </section>
        <div className="space-y-6">
          <section aria-labelledby="export" className={cardClass}>
            <h2 id="export" className="mb-1 text-lg font-semibold">
              Export
            </h2>
            <p className="mb-2 text-sm text-slate-700">
              The whole school as OneRoster 1.2 CSV: one zip with manifest.csv, or each file. Importing them back changes nothing.
            </p>
            <ul className="space-y-1 text-sm">
              {["oneroster.zip", ...EXPORT_FILES].map((file) => (
                <li key={file}>
                  <a href={`/admin/export/${file}`} download>
                    {file}
                  </a>
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="recent" className={cardClass}>
            <h2 id="recent" className="mb-3 text-lg font-semibold">
              Recent imports
            </h2>
            {imports.length === 0 ? (
              <p className="text-sm text-slate-700">None yet.</p>
            ) : (
              <ul className="space-y-2 text-sm">
                {imports.map((i) => (
                  <li key={i.id}>
                    <Link href={`/admin/import/${i.id}`}>{formatDate(i.createdAt)}</Link> · {STATUS[i.status]} ·{" "}
                    {i.total.toLocaleString("en")} rows
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </div>
    </>
  );
}

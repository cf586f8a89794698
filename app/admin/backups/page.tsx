import type { Metadata } from "next";
import { BackupForm } from "@/components/admin/backup-form";
import { PageTitle } from "@/components/ui/page-title";
import { cardClass } from "@/components/ui/styles";
import { headerLabels } from "@/components/ui/table-head";
import { makeBackupAction } from "@/lib/server/actions/backups";
import { listBackups } from "@/lib/server/data/records/backups";
import { getDateTimeFormatter } from "@/lib/server/format";
import { requirePageViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Backups" };

export default async function BackupsPage() {
  const viewer = await requirePageViewer("ADMIN");
  const [listing, formatWhen] = await Promise.all([listBackups(viewer), getDateTimeFormatter()]);
  return (
    <>
      <PageTitle title="Backups" back={{ href: "/admin", label: "Overview" }} />
      <section aria-labelledby="now" className={`${cardClass} mb-6`}>
        <h2 id="now" className="mb-2 text-lg font-semibold">
          Back up now
        </h2>
        {listing ? (
          <>
            <p className="mb-3 text-sm text-slate-700">
              A consistent copy of the database as it is now, taken while everyone goes on working, into {listing.dir}. To
              restore one, stop the app and run <code>npm run restore &lt;file&gt;</code>.
            </p>
            <BackupForm action={makeBackupAction} />
          </>
        ) : (
          <p className="text-sm text-slate-700">This school&apos;s database is PostgreSQL: back it up with pg_dump (see the README).</p>
        )}
      </section>
      {listing ? (
        <section aria-labelledby="made" className={cardClass}>
          <h2 id="made" className="mb-2 text-lg font-semibold">
            Backups made ({listing.backups.length})
          </h2>
          {listing.backups.length === 0 ? (
            <p className="text-sm text-slate-700">None yet.</p>
          ) : (
            <table className="data-table w-full text-left text-sm" style={headerLabels(["File", "Made", "Size"])}>
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col">Made</th>
                  <th scope="col" className="text-right">
                    Size
                  </th>
                </tr>
              </thead>
              <tbody>
                {listing.backups.slice(0, 50).map((b) => (
                  <tr key={b.name}>
                    <td className="font-mono">{b.name}</td>
                    <td>{formatWhen(b.at)}</td>
                    <td className="text-right">{Math.ceil(b.bytes / 1024).toLocaleString("en")} KB</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ) : null}
    </>
  );
}

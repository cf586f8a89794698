import type { Metadata } from "next";
import { BackupForm, BackupScheduleForm } from "@/components/admin/backup-form";
import { PageTitle, plural } from "@/components/ui/page-title";
import { cardClass } from "@/components/ui/styles";
import { headerLabels } from "@/components/ui/table-head";
import { makeBackupAction, saveBackupScheduleAction } from "@/lib/server/actions/backups";
import { BACKUP_EVERY_HOURS, getBackupSchedule, listBackups } from "@/lib/server/data/records/backups";
import { getDateTimeFormatter } from "@/lib/server/format";
import { requirePageViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Backups" };

const EVERY_LABEL: Record<number, string> = { 6: "Every 6 hours", 12: "Every 12 hours", 24: "Every day", 168: "Every week" };

function sizeText(bytes: number): string {
  return bytes >= 10 * 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(0)} MB` : `${Math.ceil(bytes / 1024).toLocaleString("en")} KB`;
}

export default async function BackupsPage() {
  const viewer = await requirePageViewer("ADMIN");
  const [listing, schedule, formatWhen] = await Promise.all([listBackups(viewer), getBackupSchedule(viewer), getDateTimeFormatter()]);
  const choices = [{ value: "off", label: "Never (by hand only)" }, ...BACKUP_EVERY_HOURS.map((h) => ({ value: String(h), label: EVERY_LABEL[h]! }))];
  const sqlite = listing.kind === "sqlite";
  return (
    <>
      <PageTitle title="Backups" back={{ href: "/admin", label: "Overview" }} />
      <section aria-labelledby="now" className={`${cardClass} mb-6`}>
        <h2 id="now" className="mb-2 text-lg font-semibold">
          Back up now
        </h2>
        <p className="mb-3 text-sm text-slate-700">
          {sqlite
            ? "A consistent copy of the database as it is now, taken while everyone goes on working."
            : "A dump of the PostgreSQL database as it is now (pg_dump), taken while everyone goes on working."}{" "}
          Backups are kept on the server, in its backup folder (ROLLBOOK_BACKUP_DIR); download one below to keep a copy elsewhere. To restore,
          stop the app and {sqlite ? <>run <code>npm run restore &lt;file&gt;</code></> : <>load the dump with <code>pg_restore</code></>} (see the README).
        </p>
        <BackupForm action={makeBackupAction} />
      </section>
      <section aria-labelledby="schedule" className={`${cardClass} mb-6`}>
        <h2 id="schedule" className="mb-2 text-lg font-semibold">
          Schedule
        </h2>
        {schedule.fromEnvironment ? (
          <p className="text-sm text-slate-700">
            Set by the server&apos;s environment (ROLLBOOK_BACKUP_EVERY_HOURS, ROLLBOOK_BACKUP_KEEP):{" "}
            {schedule.everyHours === null ? "no backups on its own" : `a backup every ${plural(schedule.everyHours, "hour")}`}, keeping{" "}
            {plural(schedule.keep, "backup")}.
          </p>
        ) : (
          <BackupScheduleForm action={saveBackupScheduleAction} everyHours={schedule.everyHours} keep={schedule.keep} choices={choices} />
        )}
        <p className="mt-3 text-sm text-slate-700" role="status">
          {schedule.everyHours === null
            ? "The server makes no backups on its own."
            : schedule.lastRunAt
              ? `Last scheduled backup ${formatWhen(schedule.lastRunAt)}; the next about ${formatWhen(new Date(schedule.lastRunAt.getTime() + schedule.everyHours * 3_600_000))}.`
              : "The first scheduled backup is made within a minute."}
        </p>
        {schedule.lastError ? (
          <p role="alert" className="mt-2 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
            The last scheduled backup failed: {schedule.lastError}
          </p>
        ) : null}
      </section>
      <section aria-labelledby="made" className={cardClass}>
        <h2 id="made" className="mb-2 text-lg font-semibold">
          Backups kept ({listing.backups.length})
        </h2>
        {listing.backups.length === 0 ? (
          <p className="text-sm text-slate-700">None yet.</p>
        ) : (
          <table className="data-table w-full text-left text-sm" style={headerLabels(["File", "Made", "Size", ""])}>
            <thead>
              <tr className="[&>th]:pr-4">
                <th scope="col">File</th>
                <th scope="col">Made</th>
                <th scope="col" className="text-right">
                  Size
                </th>
                <th scope="col">
                  <span className="sr-only">Download</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {listing.backups.map((b) => (
                <tr key={b.name} className="[&>td]:pr-4">
                  <td className="font-mono">{b.name}</td>
                  <td>{formatWhen(b.at)}</td>
                  <td className="text-right">{sizeText(b.bytes)}</td>
                  <td>
                    <a href={`/admin/backups/${b.name}`} download aria-label={`Download ${b.name}`}>
                      Download
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

import "server-only";
import { deliverDue, mailTransport } from "@/lib/server/mailer";
import { sendDueReminders } from "@/lib/server/data/notices/reminders";
import { runScheduledBackup } from "@/lib/server/data/records/backups";
import { rekeyNames } from "@/lib/server/data/people/name-keys";
import { log } from "@/lib/log.mjs";

/**
 * The work an app server does on its own, beside requests (started once per
 * process by instrumentation.ts): every ROLLBOOK_MAIL_POLL_MS (default 2 s)
 * it sends the outbox's due emails, when SMTP_URL is set; every minute it
 * gives the deadline reminders that are due, and takes a backup when the
 * schedule says one is due (every ROLLBOOK_BACKUP_CHECK_MS, default a
 * minute, it asks). Once, on starting, it keys the names the migration to
 * given and family names could not (decision 038). Several servers (the cluster's processes, or machines on
 * one PostgreSQL) may all run it: an email is taken by one worker at a time,
 * a reminder is given once (docs/decisions/026), a backup made by the one
 * process whose claim lands (docs/decisions/037). ROLLBOOK_BACKGROUND=off turns it off in a process
 * (e.g. to run the mailer on its own: `npm run mailer`).
 */

const REMINDER_EVERY_MS = 60_000;

/** Runs `work` now and then every `everyMs`, never two at once; a failure is logged and tried next time. */
function every(everyMs: number, name: string, work: () => Promise<unknown>): void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await work();
    } catch (err) {
      log.error({ err }, `${name} failed`);
    } finally {
      running = false;
    }
  };
  setTimeout(tick, 1_000).unref();
  setInterval(tick, everyMs).unref();
}

const started = globalThis as unknown as { rollbookBackground?: boolean };

export function startBackground(env: Record<string, string | undefined> = process.env): void {
  if (started.rollbookBackground || env.ROLLBOOK_BACKGROUND === "off") return;
  started.rollbookBackground = true;
  setTimeout(() => {
    rekeyNames().then(
      (n) => n && log.info({ names: n }, "names keyed for sorting"),
      (err) => log.error({ err }, "keying names failed"),
    );
  }, 1_000).unref();
  every(REMINDER_EVERY_MS, "reminders", () => sendDueReminders());
  every(Number(env.ROLLBOOK_BACKUP_CHECK_MS ?? 60_000), "backups", () => runScheduledBackup(new Date(), env));
  const transport = mailTransport(env.SMTP_URL);
  if (transport) every(Number(env.ROLLBOOK_MAIL_POLL_MS ?? 2_000), "mailer", () => deliverDue(transport));
  log.info({ mailer: transport ? "on" : "off (no SMTP_URL: emails wait in the outbox)" }, "background work started");
}

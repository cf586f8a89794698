// `npm run mailer`: sends the outbox from a process of its own (docs/decisions/026).
// The app's servers send it already (lib/server/background.ts); run this one
// instead where they shouldn't (set ROLLBOOK_BACKGROUND=off for them), or
// with --once to send what is due now and stop.
import { deliverDue, mailTransport } from "@/lib/server/mailer";
import { log } from "@/lib/log.mjs";

async function main() {
  const transport = mailTransport();
  if (!transport) {
    console.error("Set SMTP_URL (smtp://user:password@host:587) to send the outbox.");
    process.exit(1);
  }
  const once = process.argv.includes("--once");
  const pollMs = Number(process.env.ROLLBOOK_MAIL_POLL_MS ?? 2_000);
  do {
    const done = await deliverDue(transport);
    if (done.sent + done.retrying + done.failed) log.info(done, "outbox");
    if (!once) await new Promise((resolve) => setTimeout(resolve, pollMs));
  } while (!once);
  transport.close();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    log.error({ err }, "mailer failed");
    process.exit(1);
  },
);

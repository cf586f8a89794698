/**
 * `npm run bench:mail`: how fast the outbox goes out. N emails wait in the
 * outbox of a fresh database (BENCH_MAIL_DATABASE_URL, default
 * file:./.tmp/mail-bench.db; PostgreSQL: a rollbook_bench* database); the
 * mailer (lib/server/mailer.ts) sends them all to a real SMTP server
 * (smtp-server, in this process, on a free port). As a yardstick, the same
 * number of emails go straight through nodemailer to the same server,
 * without the outbox. Prints emails a second and the outbox's cost per email
 * over the yardstick's. Not a test: nothing passes or fails on speed.
 *
 * Env: BENCH_MAIL_EMAILS (1000), BENCH_MAIL_WORKERS (mailers side by side, 1).
 */
import { execFileSync } from "node:child_process";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

const url = process.env.BENCH_MAIL_DATABASE_URL ?? "file:./.tmp/mail-bench.db";
const count = Number(process.env.BENCH_MAIL_EMAILS ?? 1000);
const workers = Number(process.env.BENCH_MAIL_WORKERS ?? 1);
process.env.DATABASE_URL = url;
process.env.ROLLBOOK_LOG_LEVEL ??= "warn";

async function main() {
  execFileSync("./node_modules/.bin/tsx", ["test/fresh-database.ts", url], { stdio: "inherit", env: process.env });
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    // No reverse DNS of the client: there is no DNS here, and the lookup's wait is the server's, not the mailer's.
    disableReverseLookup: true,
    onData(stream, _session, callback) {
      stream.on("data", () => {});
      stream.on("end", () => {
        received++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const smtpUrl = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  const { db } = await import("@/lib/server/db");
  const { deliverDue, mailTransport, mailFrom } = await import("@/lib/server/mailer");
  const { emailBody } = await import("@/lib/server/data/notices/tell");
  const email = (i: number) => ({
    toAddress: `student-${i}@students.test`,
    toName: `Student ${i}`,
    subject: "You're enrolled in C-0001",
    body: emailBody(`Student ${i}`, "Ada Admin enrolled you in C-0001 Algebra I."),
  });

  // The yardstick: nodemailer straight to the server, one email after another.
  const direct = mailTransport(smtpUrl)!;
  let t = performance.now();
  for (let i = 0; i < count; i++) {
    const e = email(i);
    await direct.sendMail({ from: mailFrom(), to: { name: e.toName, address: e.toAddress }, subject: e.subject, text: e.body });
  }
  const directMs = performance.now() - t;

  for (let i = 0; i < count; i += 500) {
    await db.outboxEmail.createMany({ data: Array.from({ length: Math.min(500, count - i) }, (_, j) => email(i + j)) });
  }
  received = 0;
  t = performance.now();
  const results = await Promise.all(Array.from({ length: workers }, () => deliverDue(mailTransport(smtpUrl)!)));
  const outboxMs = performance.now() - t;
  const sent = results.reduce((n, r) => n + r.sent, 0);
  const left = await db.outboxEmail.count({ where: { state: { not: "SENT" } } });

  const rate = (ms: number) => Math.round((count / ms) * 1000);
  console.log(`\n| ${url.startsWith("file:") ? "SQLite" : "PostgreSQL"}, ${count} emails, ${workers} mailer(s) | emails/s | ms an email |`);
  console.log("| --- | ---: | ---: |");
  console.log(`| yardstick: nodemailer straight to the server | ${rate(directMs)} | ${(directMs / count).toFixed(2)} |`);
  console.log(`| the outbox: take, send, mark sent | ${rate(outboxMs)} | ${(outboxMs / count).toFixed(2)} |`);
  const cost = workers === 1 ? `; the outbox's own cost: ${((outboxMs - directMs) / count).toFixed(2)} ms an email` : "";
  console.log(`\nsent ${sent}, the server took ${received}, not sent ${left}${cost}`);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await db.$disconnect();
  if (sent !== count || received !== count || left !== 0) process.exit(1);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

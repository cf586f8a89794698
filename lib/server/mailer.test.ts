import { spawn } from "node:child_process";
import { createServer, type AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerAddress } from "smtp-server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { setEnrollment } from "@/lib/server/data/enrollment/admin";
import { deliverDue, mailTransport } from "@/lib/server/mailer";
import { makeCourse, makeStudent, makeUser } from "@/test/factories";

/**
 * The mailer against a real SMTP server (smtp-server, from npm) on a free
 * port: what it takes is what a mailbox would get.
 */
type Received = { to: string[]; raw: string };
type Smtp = { url: string; received: Received[]; dataStarted: Promise<void>; close: () => Promise<void> };
const servers: Smtp[] = [];

async function startSmtp(opts: { refuse?: (to: string) => string | null; stall?: boolean } = {}): Promise<Smtp> {
  const received: Received[] = [];
  let started!: () => void;
  const dataStarted = new Promise<void>((resolve) => (started = resolve));
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    // No reverse DNS of the client: there is no DNS here, and the lookup's wait is the server's, not the mailer's.
    disableReverseLookup: true,
    // A connection the test left hanging is cut when the test ends.
    closeTimeout: 200,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      const refusal = opts.refuse?.(address.address);
      if (!refusal) return callback();
      const [code, ...text] = refusal.split(" ");
      callback(Object.assign(new Error(text.join(" ")), { responseCode: Number(code) }));
    },
    onData(stream, session, callback) {
      started();
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString()));
      stream.on("end", () => {
        if (opts.stall) return; // never answers: the sender is left waiting for the server to take it
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  const smtp = {
    url: `smtp://127.0.0.1:${port}`,
    received,
    dataStarted,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  servers.push(smtp);
  return smtp;
}

/** An admin enrolls a new student: the notice's email is queued, in the same transaction. */
async function queueEmail(name = "Mel Mailed") {
  const admin = await makeUser("ADMIN");
  const student = await makeStudent(name);
  const course = await makeCourse();
  expect(await setEnrollment(admin, { studentId: student.id, courseId: course.id, enrolled: true })).toMatchObject({ ok: true });
  const email = await db.outboxEmail.findFirstOrThrow({ where: { toAddress: student.email } });
  return { student, course, email };
}

const row = (id: number) => db.outboxEmail.findUniqueOrThrow({ where: { id } });

beforeEach(async () => {
  // Other tests' emails are not this file's to send.
  await db.outboxEmail.updateMany({ where: { state: "WAITING" }, data: { state: "SENT" } });
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe("the mailer", () => {
  it("sends a queued email once, as the notice says, and marks it sent", async () => {
    const smtp = await startSmtp();
    const { student, course, email } = await queueEmail("Mel Mailed");

    expect(await deliverDue(mailTransport(smtp.url)!)).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(await deliverDue(mailTransport(smtp.url)!)).toEqual({ sent: 0, retrying: 0, failed: 0 });

    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail!.to).toEqual([student.email]);
    expect(mail!.raw).toContain(`Subject: You're enrolled in ${course.code}`);
    expect(mail!.raw).toMatch(/^To: Mel Mailed <.+>$/m);
    expect(mail!.raw).toContain(`Message-ID: <outbox-${email.id}@rollbook>`);
    expect(mail!.raw).toContain("Hello Mel Mailed,");
    expect(await row(email.id)).toMatchObject({ state: "SENT", attempts: 1, lastError: null });
  });

  it("tries again later when the server says try later (4xx) or isn't there, and gives up on a permanent refusal (5xx)", async () => {
    const { email: later } = await queueEmail();
    const { email: never, student: gone } = await queueEmail();
    const smtp = await startSmtp({ refuse: (to) => (to === gone.email ? "550 No such user here" : "451 Try again later") });
    const t0 = new Date();

    expect(await deliverDue(mailTransport(smtp.url)!, { now: () => t0 })).toEqual({ sent: 0, retrying: 1, failed: 1 });
    expect(await row(later.id)).toMatchObject({ state: "WAITING", attempts: 1, dueAt: new Date(t0.getTime() + 30_000) });
    expect((await row(later.id)).lastError).toMatch(/451/);
    expect(await row(never.id)).toMatchObject({ state: "FAILED", attempts: 1 });
    expect((await row(never.id)).lastError).toMatch(/550/);

    // Not due yet: left alone.
    expect(await deliverDue(mailTransport(smtp.url)!, { now: () => new Date(t0.getTime() + 10_000) })).toEqual({ sent: 0, retrying: 0, failed: 0 });
    // No server at all: waits twice as long.
    const closedPort = smtp.url.replace(/:\d+$/, ":1");
    const t1 = new Date(t0.getTime() + 31_000);
    expect(await deliverDue(mailTransport(closedPort)!, { now: () => t1 })).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(await row(later.id)).toMatchObject({ state: "WAITING", attempts: 2, dueAt: new Date(t1.getTime() + 60_000) });

    const ok = await startSmtp();
    expect(await deliverDue(mailTransport(ok.url)!, { now: () => new Date(t1.getTime() + 61_000) })).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(ok.received).toHaveLength(1);
    expect(await row(later.id)).toMatchObject({ state: "SENT", attempts: 3 });
  });

  it("a server that never answers is given up on in time (the timeouts hold), and tried again later", async () => {
    const { email } = await queueEmail();
    const silent = createServer(() => {}); // takes the connection, never greets
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const url = `smtp://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      // (nodemailer's own default waits 30 s, past this test's time limit)
      expect(await deliverDue(mailTransport(url, { greetingMs: 300 })!)).toEqual({ sent: 0, retrying: 1, failed: 0 });
      expect((await row(email.id)).lastError).toMatch(/greeting/i);
    } finally {
      silent.close();
    }
  });

  it("two workers at once send each email once", async () => {
    const smtp = await startSmtp();
    const queued = [];
    for (let i = 0; i < 6; i++) queued.push((await queueEmail()).email.id);

    const [a, b] = await Promise.all([deliverDue(mailTransport(smtp.url)!), deliverDue(mailTransport(smtp.url)!)]);

    expect(a.sent + b.sent).toBe(6);
    expect(smtp.received.map((m) => /Message-ID: <outbox-(\d+)@/.exec(m.raw)![1]).sort()).toEqual(queued.map(String).sort());
  });

  it("a worker killed while sending loses nothing and sends nothing twice: the email goes once the lease runs out", async () => {
    const { email } = await queueEmail();
    const hung = await startSmtp({ stall: true });
    const worker = spawn("./node_modules/.bin/tsx", ["--conditions=react-server", "scripts/mailer.ts", "--once"], {
      env: { ...process.env, SMTP_URL: hung.url, ROLLBOOK_LOG_LEVEL: "silent" },
      stdio: "ignore",
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => worker.on("exit", (_code, signal) => resolve(signal)));

    await hung.dataStarted; // the email is on the wire, the server hasn't taken it
    worker.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");

    // Held by the dead worker's lease: not sent, not lost, not taken by another worker yet.
    const held = await row(email.id);
    expect(held).toMatchObject({ state: "WAITING", attempts: 1, sentAt: null });
    expect(held.dueAt.getTime()).toBeGreaterThan(Date.now() + 60_000);
    const smtp = await startSmtp();
    expect(await deliverDue(mailTransport(smtp.url)!)).toEqual({ sent: 0, retrying: 0, failed: 0 });

    // Once the lease has run out, the next worker sends it: once in all.
    expect(await deliverDue(mailTransport(smtp.url)!, { now: () => new Date(held.dueAt.getTime() + 1) })).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(hung.received).toHaveLength(0);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.raw).toContain(`Message-ID: <outbox-${email.id}@rollbook>`);
    expect(await row(email.id)).toMatchObject({ state: "SENT", attempts: 2 });
  });
});

import "server-only";
import net from "node:net";
import nodemailer, { type Transporter } from "nodemailer";
import SMTPTransport from "nodemailer/lib/smtp-transport";
import { claimNextEmail, recordFailure, recordSent } from "@/lib/server/data/notices/outbox";
import { log } from "@/lib/log.mjs";

/**
 * Sends the outbox (docs/decisions/026): nodemailer, to the SMTP server in
 * SMTP_URL (smtp://user:password@host:587, or smtps:// for TLS from the
 * start), from MAIL_FROM. Without SMTP_URL nothing is sent and the emails
 * wait in the outbox, where admins can read them.
 *
 * Each email is taken (held for a lease), handed to the server, and marked
 * sent: a crash before the server took it leaves it to be taken again once
 * the lease runs out; a refusal the server calls temporary (4xx), or no
 * server at all, is tried again later, waiting longer each time; a permanent
 * one (5xx), or too many attempts, gives up and says why in the outbox. The
 * Message-ID is the outbox row's, the same on every attempt, so the one case
 * SMTP itself leaves open (the server took it, and the worker died before
 * marking it sent) reaches a mailbox that drops duplicates as one email.
 */

export type MailerOptions = {
  /** how long a taken email is held before another worker may take it */
  leaseMs?: number;
  /** attempts before giving up */
  maxAttempts?: number;
  /** the first retry's wait; each next one waits twice as long (at most an hour) */
  retryMs?: number;
  now?: () => Date;
};

const DEFAULTS = { leaseMs: 120_000, maxAttempts: 8, retryMs: 30_000, now: () => new Date() };

const CONNECT_TIMEOUT_MS = 10_000;

/**
 * The transport for SMTP_URL, or null when none is set. Timeouts are short:
 * a hung server must not outlast the lease. Its sockets send each write at
 * once (no Nagle): nodemailer writes a message in several small pieces, and
 * with Nagle's algorithm the last one waits for the server's delayed
 * acknowledgement, 40 ms on Linux, two or three times a message (measured:
 * 148 ms an email, 5 without; bench/mail.ts).
 */
export function mailTransport(url = process.env.SMTP_URL, timeouts: { greetingMs?: number; socketMs?: number } = {}): Transporter | null {
  if (!url) return null;
  // A transport object, not options: createTransport({ url }) reads the URL alone and drops every other option.
  const smtp = new SMTPTransport({
    url,
    connectionTimeout: CONNECT_TIMEOUT_MS,
    greetingTimeout: timeouts.greetingMs ?? 10_000,
    socketTimeout: timeouts.socketMs ?? 30_000,
    getSocket(options: { host?: string; port?: number }, callback: (err: Error | null, socket?: { connection: net.Socket }) => void) {
      const socket = net.connect({ host: options.host, port: Number(options.port), noDelay: true });
      socket.setTimeout(CONNECT_TIMEOUT_MS, () => socket.destroy(new Error(`Connection to ${options.host}:${options.port} timed out`)));
      const failed = (error: Error) => callback(error);
      socket.once("error", failed);
      socket.once("connect", () => {
        socket.setTimeout(0);
        socket.off("error", failed);
        callback(null, { connection: socket });
      });
    },
  } as SMTPTransport.Options);
  return nodemailer.createTransport(smtp);
}

export function mailFrom(env: Record<string, string | undefined> = process.env): string {
  return env.MAIL_FROM || "Rollbook <rollbook@localhost>";
}

export type Delivery = { sent: number; retrying: number; failed: number };

/** Sends every email that is due now, one after another; answers what happened. */
export async function deliverDue(transport: Transporter, options: MailerOptions = {}): Promise<Delivery> {
  const o = { ...DEFAULTS, ...options };
  const done: Delivery = { sent: 0, retrying: 0, failed: 0 };
  for (;;) {
    const email = await claimNextEmail(o.now(), o.leaseMs);
    if (!email) return done;
    try {
      await transport.sendMail({
        from: mailFrom(),
        to: { name: email.toName, address: email.toAddress },
        subject: email.subject,
        text: email.body,
        messageId: `<outbox-${email.id}@rollbook>`,
      });
    } catch (error) {
      const { responseCode, message } = error as { responseCode?: number; message?: string };
      const permanent = typeof responseCode === "number" && responseCode >= 500;
      const giveUp = permanent || email.attempts >= o.maxAttempts;
      const wait = Math.min(o.retryMs * 2 ** (email.attempts - 1), 3_600_000);
      const reason = (message ?? String(error)).slice(0, 500);
      await recordFailure(email.id, reason, giveUp ? null : new Date(o.now().getTime() + wait));
      log.warn({ email: email.id, attempts: email.attempts, giveUp, reason }, "email not sent");
      if (giveUp) done.failed++;
      else done.retrying++;
      continue;
    }
    await recordSent(email.id, o.now());
    done.sent++;
  }
}

/** What the outbox page says about sending: the server's host and port (never its password), and the sender. */
export function mailerStatus(env: Record<string, string | undefined> = process.env): { server: string | null; from: string } {
  const url = env.SMTP_URL && URL.canParse(env.SMTP_URL) ? new URL(env.SMTP_URL) : null;
  return { server: url ? `${url.hostname}${url.port ? `:${url.port}` : ""}` : null, from: mailFrom(env) };
}

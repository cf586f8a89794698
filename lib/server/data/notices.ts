import "server-only";
import { cache } from "react";
import { requireAdmin, requireRole, requireStudent, type Viewer } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import { run, type Txn } from "@/lib/server/data/sql";
import { pageOf, pageWindow, type Page } from "@/lib/server/data/paging";
import { formatDateTime } from "@/lib/format-date";
import { isUniqueViolation, ok, type Result } from "@/lib/server/data/result";
import type { EnrollmentSource, NoticeKind, OutboxState, Prisma } from "@/lib/generated/sqlite/client";

/**
 * What students are told (docs/decisions/026). A notice is written in the
 * same transaction as the change it tells of: into the student's inbox and,
 * unless their user chose the inbox only, as an email into the outbox, which
 * the background mailer sends (lib/server/mailer.ts). Nothing is told twice
 * and nothing is lost: the change, its notice and its email commit or roll
 * back together.
 *
 * Told: a seat from the waitlist; an admin's enrollment or removal (a tick,
 * a Save, an undo, the API), or taking them off a waitlist; their class
 * cancelled or its times changed; a day before a window of theirs closes.
 * Not told: their own changes, an import's (a school's system loading its
 * rosters), the removals that go with a deleted student.
 */

export type { NoticeKind };
/** A class as notices name it. */
export type ClassLabel = { code: string; title: string };
/** A notice to write: the sentence the inbox shows and the email's subject. */
export type NewNotice = { studentId: string; kind: NoticeKind; courseId: string | null; text: string; subject: string };

const named = (c: ClassLabel) => (c.title ? `${c.code} ${c.title}` : c.code);

/** The sentences, one place for all of them. */
export const noticeFor = {
  promoted: (c: ClassLabel) => ({
    kind: "PROMOTED" as const,
    text: `A place came free in ${named(c)} and you were first on its waitlist: you're enrolled.`,
    subject: `You're enrolled in ${c.code}`,
  }),
  added: (c: ClassLabel, by: string) => ({ kind: "ADDED" as const, text: `${by} enrolled you in ${named(c)}.`, subject: `You're enrolled in ${c.code}` }),
  removed: (c: ClassLabel, by: string) => ({
    kind: "REMOVED" as const,
    text: `${by} removed you from ${named(c)}.`,
    subject: `You're no longer in ${c.code}`,
  }),
  unwaitlisted: (c: ClassLabel, by: string) => ({
    kind: "UNWAITLISTED" as const,
    text: `${by} took you off the waitlist for ${named(c)}.`,
    subject: `You're off the waitlist for ${c.code}`,
  }),
  cancelled: (c: ClassLabel, waiting: boolean) => ({
    kind: "CANCELLED" as const,
    text: `${named(c)} has been cancelled: you're no longer ${waiting ? "on its waitlist" : "enrolled in it"}.`,
    subject: `${c.code} has been cancelled`,
  }),
  rescheduled: (c: ClassLabel, now: string[], before: string[]) => ({
    kind: "RESCHEDULED" as const,
    text: `${named(c)} ${now.length ? `now meets ${now.join("; ")}` : "no longer has meeting times"}${before.length ? ` (it met ${before.join("; ")})` : ""}.`,
    subject: `New times for ${c.code}`,
  }),
  enrollmentCloses: (c: ClassLabel, at: Date) => ({
    kind: "CLOSING" as const,
    text: `Enrollment in ${named(c)} closes ${formatDateTime(at)}. You're on its waitlist and keep your place after that, but if you leave it you can't join again.`,
    subject: `Enrollment in ${c.code} closes soon`,
  }),
  dropCloses: (c: ClassLabel, at: Date) => ({
    kind: "CLOSING" as const,
    text: `The last moment to drop ${named(c)} yourself is ${formatDateTime(at)}.`,
    subject: `Last day to drop ${c.code}`,
  }),
};

/** An admin's change (on a page, by an undo, or through the API) is told to the student; their own and an import's aren't. */
export function tellsStudent(source: EnrollmentSource): boolean {
  return source === "ADMIN" || source === "API";
}

/** The notice for an enrollment made this way: a seat from the waitlist, an admin's, or none. */
export function enrollmentNotice(source: EnrollmentSource, course: ClassLabel, by: string) {
  return source === "WAITLIST" ? noticeFor.promoted(course) : tellsStudent(source) ? noticeFor.added(course, by) : null;
}

/** Where the app is reached from outside, for links in emails: ROLLBOOK_PUBLIC_URL, else AUTH_URL's origin. */
export function publicUrl(env: Record<string, string | undefined> = process.env): string {
  if (env.ROLLBOOK_PUBLIC_URL) return env.ROLLBOOK_PUBLIC_URL.replace(/\/+$/, "");
  if (URL.canParse(env.AUTH_URL ?? "")) return new URL(env.AUTH_URL!).origin;
  return `http://localhost:${env.PORT || 3000}`;
}

/** The email that carries a notice: the sentence, then where to read it and how to stop the emails. */
export function emailBody(name: string, text: string): string {
  const inbox = `${publicUrl()}/student/inbox`;
  return `Hello ${name},\n\n${text}\n\nYour notices: ${inbox}\nTo get them in Rollbook only, without these emails, choose so there.\n`;
}

// The email goes only where the student's user (if they have one) didn't choose the inbox only.
const OUTBOX_ONE_SQL = `INSERT INTO "OutboxEmail" ("toAddress", "toName", "subject", "body", "createdAt", "dueAt")
  SELECT s."email", s."name", $2, $3, $4::timestamp(3), $4::timestamp(3)
  FROM "Student" s LEFT JOIN "User" u ON u."studentId" = s."id"
  WHERE s."id" = $1 AND (u."emailNotices" IS NULL OR u."emailNotices" = TRUE)`;

/** One notice inside a short write transaction (lib/server/data/sql.ts): two statements. */
export function* noticeTxn(n: NewNotice, studentName: string, at: Date): Txn<void> {
  yield* run(
    `INSERT INTO "Notice" ("studentId", "kind", "courseId", "text", "createdAt") VALUES ($1, $2::"NoticeKind", $3, $4, $5::timestamp(3))`,
    n.studentId,
    n.kind,
    n.courseId,
    n.text,
    at,
  );
  yield* run(OUTBOX_ONE_SQL, n.studentId, n.subject, emailBody(studentName, n.text), at);
}

type Tx = Prisma.TransactionClient;

/** How many notices writeNotices writes at a time: the students' lookup must stay under the database's parameter limit. */
const NOTICE_BATCH = 500;

/**
 * Notices inside a Prisma transaction, three statements for every 500 (none
 * for none): an undo of a large change tells thousands of students.
 */
export async function writeNotices(tx: Tx, notices: NewNotice[], at = new Date()): Promise<void> {
  for (let i = 0; i < notices.length; i += NOTICE_BATCH) {
    const batch = notices.slice(i, i + NOTICE_BATCH);
    await tx.notice.createMany({
      data: batch.map((n) => ({ studentId: n.studentId, kind: n.kind, courseId: n.courseId, text: n.text, createdAt: at })),
    });
    // Prisma can't split this lookup itself (its `in` sits beside a relation filter): hence the batches.
    const students = await tx.student.findMany({
      where: { id: { in: [...new Set(batch.map((n) => n.studentId))] }, OR: [{ user: null }, { user: { emailNotices: true } }] },
      select: { id: true, name: true, email: true },
    });
    const byId = new Map(students.map((s) => [s.id, s]));
    const emails = batch.flatMap((n) => {
      const s = byId.get(n.studentId);
      return s ? [{ toAddress: s.email, toName: s.name, subject: n.subject, body: emailBody(s.name, n.text), createdAt: at, dueAt: at }] : [];
    });
    if (emails.length) await tx.outboxEmail.createMany({ data: emails });
  }
}

/** The students of a class, enrolled and waiting, whom a change to the class concerns. */
export async function classAudience(tx: Tx, courseId: string): Promise<{ enrolled: string[]; waiting: string[] }> {
  const [enrolled, waiting] = await Promise.all([
    tx.enrollment.findMany({ where: { courseId }, select: { studentId: true } }),
    tx.waitlistEntry.findMany({ where: { courseId }, select: { studentId: true } }),
  ]);
  return { enrolled: enrolled.map((e) => e.studentId), waiting: waiting.map((w) => w.studentId) };
}

// ---------------------------------------------------------------------------
// The inbox: a student's own notices.

export type NoticeRow = { id: number; kind: NoticeKind; courseId: string | null; text: string; createdAt: Date; read: boolean };
export type Inbox = Page<NoticeRow> & { unread: number; emailNotices: boolean; hasAccount: boolean };

// One indexed count per request: the header's and the inbox page's are the same (React's cache lasts a request).
const countUnread = cache((studentId: string) => db.notice.count({ where: { studentId, readAt: null } }));

/** How many of the signed-in student's notices are unread (the header's count): one indexed count, none for an account without a student. */
export async function unreadCount(viewer: Viewer | null): Promise<number> {
  const { studentId } = requireRole(viewer, "STUDENT");
  return studentId ? countUnread(studentId) : 0;
}

/** The signed-in student's notices, newest first, a page at a time, with their email choice. */
export async function getInbox(viewer: Viewer | null, opts: { page: number }): Promise<Inbox> {
  const { studentId } = requireStudent(viewer);
  const [total, unread, user] = await Promise.all([
    db.notice.count({ where: { studentId } }),
    countUnread(studentId),
    db.user.findUnique({ where: { id: viewer!.userId }, select: { emailNotices: true } }),
  ]);
  const w = pageWindow(opts.page, total);
  const rows = await db.notice.findMany({
    where: { studentId },
    orderBy: { id: "desc" },
    skip: w.skip,
    take: w.take,
    select: { id: true, kind: true, courseId: true, text: true, createdAt: true, readAt: true },
  });
  return {
    ...pageOf(
      rows.map(({ readAt, ...n }) => ({ ...n, read: readAt !== null })),
      total,
      w,
    ),
    unread,
    emailNotices: user?.emailNotices ?? true,
    hasAccount: user !== null,
  };
}

/**
 * Marks the signed-in student's notices read, up to `upToId` (the newest the
 * page showed: one that arrived since stays unread). Answers how many.
 */
export async function markNoticesRead(viewer: Viewer | null, upToId: number, at = new Date()): Promise<Result<{ marked: number }>> {
  const { studentId } = requireStudent(viewer);
  const { count } = await db.notice.updateMany({ where: { studentId, readAt: null, id: { lte: upToId } }, data: { readAt: at } });
  return ok({ marked: count });
}

/** The signed-in student's choice: notices by email too (true), or in the inbox only. */
export async function setEmailNotices(viewer: Viewer | null, on: boolean): Promise<Result<{ emailNotices: boolean }>> {
  requireRole(viewer, "STUDENT");
  await db.user.update({ where: { id: viewer!.userId }, data: { emailNotices: on } });
  return ok({ emailNotices: on });
}

// ---------------------------------------------------------------------------
// The outbox, as admins see it.

export type OutboxRow = {
  id: number;
  toAddress: string;
  toName: string;
  subject: string;
  body: string;
  state: OutboxState;
  createdAt: Date;
  dueAt: Date;
  attempts: number;
  sentAt: Date | null;
  lastError: string | null;
};
export const OUTBOX_STATES = ["WAITING", "SENT", "FAILED"] as const;

/** The outbox, newest first, filtered by state, with the count in each state. */
export async function listOutbox(
  viewer: Viewer | null,
  opts: { state: OutboxState | null; page: number },
): Promise<Page<OutboxRow> & { counts: Record<OutboxState, number> }> {
  requireAdmin(viewer);
  const where = opts.state ? { state: opts.state } : {};
  const groups = await db.outboxEmail.groupBy({ by: ["state"], _count: { _all: true } });
  const counts = { WAITING: 0, SENT: 0, FAILED: 0 } as Record<OutboxState, number>;
  for (const g of groups) counts[g.state] = g._count._all;
  const total = opts.state ? counts[opts.state] : counts.WAITING + counts.SENT + counts.FAILED;
  const w = pageWindow(opts.page, total);
  const rows = await db.outboxEmail.findMany({ where, orderBy: { id: "desc" }, skip: w.skip, take: w.take });
  return { ...pageOf(rows, total, w), counts };
}

/** Sends a given-up email again: back to waiting, due now, its attempts counted afresh. */
export async function retryEmail(viewer: Viewer | null, id: number, at = new Date()): Promise<Result<{ id: number }>> {
  requireAdmin(viewer);
  const { count } = await db.outboxEmail.updateMany({ where: { id, state: "FAILED" }, data: { state: "WAITING", dueAt: at, attempts: 0 } });
  return count ? ok({ id }) : { ok: false, message: "That email is no longer waiting to be retried." };
}

// ---------------------------------------------------------------------------
// Reminders: a day before a window closes.

/** How long before a deadline its reminder goes out. */
export const REMINDER_LEAD_MS = 24 * 60 * 60 * 1000;

/**
 * Gives the reminders that are due: for each class whose self-enrollment
 * window closes within a day, its waitlist is told; for each whose drop
 * deadline comes within a day, the students enrolled in it. Each reminder is
 * given once (its key is written with its notices, in one transaction; a
 * server running the same scan at the same moment finds it written), and a
 * deadline moved later is reminded of again. Answers how many were told.
 */
export async function sendDueReminders(now = new Date()): Promise<number> {
  const until = new Date(now.getTime() + REMINDER_LEAD_MS);
  const courses = await db.course.findMany({
    where: { selfEnrollment: true, OR: [{ closesAt: { gt: now, lte: until } }, { dropDeadline: { gt: now, lte: until } }] },
    select: { id: true, code: true, title: true, closesAt: true, dropDeadline: true },
  });
  let told = 0;
  for (const c of courses) {
    for (const [which, at] of [
      ["closes", c.closesAt],
      ["drop", c.dropDeadline],
    ] as const) {
      if (!at || at <= now || at > until) continue;
      const key = `${which} ${c.id} ${at.toISOString()}`;
      told += await db.$transaction(async (tx) => {
        await tx.reminder.create({ data: { key, dueAt: at } });
        const students =
          which === "closes"
            ? await tx.waitlistEntry.findMany({ where: { courseId: c.id }, select: { studentId: true } })
            : await tx.enrollment.findMany({ where: { courseId: c.id }, select: { studentId: true } });
        const notice = which === "closes" ? noticeFor.enrollmentCloses(c, at) : noticeFor.dropCloses(c, at);
        await writeNotices(
          tx,
          students.map((s) => ({ studentId: s.studentId, courseId: c.id, ...notice })),
          now,
        );
        return students.length;
      }).catch((error: unknown) => {
        // Given already (or just now, by another server): its key is taken.
        if (isUniqueViolation(error)) return 0;
        throw error;
      });
    }
  }
  await db.reminder.deleteMany({ where: { dueAt: { lt: now } } });
  return told;
}

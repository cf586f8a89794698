import "server-only";
import { formatDateTime } from "@/lib/format-date";
import { all, later, statement, type Statement, type Txn } from "@/lib/server/data/sql";
import type { EnrollmentSource, NoticeKind } from "@/lib/generated/sqlite/client";

/**
 * What students are told (docs/decisions/026), and the one writer of it. A
 * notice is written in the same transaction as the change it tells of: into
 * the student's inbox and, unless their user chose the inbox only, as an
 * email into the outbox, which the background mailer sends
 * (lib/server/mailer.ts). Nothing is told twice and nothing is lost: the
 * change, its notice and its email commit or roll back together.
 *
 * Told: a seat from the waitlist; an admin's enrollment or removal (a tick,
 * a Save, an undo, the API), or taking them off a waitlist; their class
 * cancelled or its times changed; a day before a window of theirs closes.
 * Not told: their own changes, an import's (a school's system loading its
 * rosters), the removals that go with a deleted student.
 *
 * Steps: `tell` takes student ids from a caller that has checked who is asking.
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
  /** `clash`: where the new times meet when another of the student's classes does (clashText), said to them */
  rescheduled: (c: ClassLabel, now: string[], before: string[], clash: string | null = null) => ({
    kind: "RESCHEDULED" as const,
    text: `${named(c)} ${now.length ? `now meets ${now.join("; ")}` : "no longer has meeting times"}${before.length ? ` (it met ${before.join("; ")})` : ""}.${clash ? ` ${clash} Choose which to keep, or ask the school office.` : ""}`,
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
  return `Hello ${name}${afterName(text)}`;
}
/** The email after "Hello <name>": the statement writing it puts the student's name in front (tell). */
function afterName(text: string): string {
  const inbox = `${publicUrl()}/student/inbox`;
  return `,\n\n${text}\n\nYour notices: ${inbox}\nTo get them in Rollbook only, without these emails, choose so there.\n`;
}


/**
 * Tells students: each notice into its student's inbox, and its email into
 * the outbox unless the student's user chose the inbox only. Two statements
 * for one notice (a tick's) and two for each hundred of many (a cancelled
 * class of 1,200: 24); the statements come in three sizes (100, 10, 1), so
 * each database prepares six texts in all.
 */
export function* tell(notices: NewNotice[], at: Date): Txn<void> {
  for (const s of tellStatements(notices, at)) yield* later(s.sql, ...s.params);
}

/** The same statements, for a batch to send (a tick's last, with its COMMIT). */
export function tellStatements(notices: NewNotice[], at: Date): Statement[] {
  const statements: Statement[] = [];
  let i = 0;
  for (const size of [100, 10, 1]) {
    for (; i + size <= notices.length; i += size) statements.push(...tellBatch(notices.slice(i, i + size), at));
  }
  return statements;
}

function tellBatch(batch: NewNotice[], at: Date): Statement[] {
  const n = batch.length;
  return [
    statement.run(
      `INSERT INTO "Notice" ("studentId", "kind", "courseId", "text", "createdAt") VALUES ${batch
        .map((_, i) => `($${i * 4 + 1}, $${i * 4 + 2}::"NoticeKind", $${i * 4 + 3}, $${i * 4 + 4}, $${n * 4 + 1}::timestamp(3))`)
        .join(", ")}`,
      ...batch.flatMap((x) => [x.studentId, x.kind, x.courseId, x.text]),
      at,
    ),
    // The email goes only where the student's user (if they have one) didn't choose the inbox only.
    statement.run(
      `INSERT INTO "OutboxEmail" ("toAddress", "toName", "subject", "body", "createdAt", "dueAt")
       SELECT s."email", s."name", x."subject", 'Hello ' || s."name" || x."rest", $${n * 3 + 1}::timestamp(3), $${n * 3 + 1}::timestamp(3)
       FROM (${batch.map((_, i) => `SELECT $${i * 3 + 1}::text AS "studentId", $${i * 3 + 2}::text AS "subject", $${i * 3 + 3}::text AS "rest"`).join(" UNION ALL ")}) x
       JOIN "Student" s ON s."id" = x."studentId" LEFT JOIN "User" u ON u."studentId" = s."id"
       WHERE u."emailNotices" IS NULL OR u."emailNotices" = TRUE`,
      ...batch.flatMap((x) => [x.studentId, x.subject, afterName(x.text)]),
      at,
    ),
  ];
}

/** The students of a class, enrolled and waiting, whom a change to the class concerns (one statement). */
export function* classAudience(courseId: string): Txn<{ enrolled: string[]; waiting: string[] }> {
  const rows = yield* all<{ studentId: string; waiting: unknown }>(
    `SELECT "studentId", 0 AS "waiting" FROM "Enrollment" WHERE "courseId" = $1
     UNION ALL SELECT "studentId", 1 FROM "WaitlistEntry" WHERE "courseId" = $1`,
    courseId,
  );
  return {
    enrolled: rows.filter((r) => Number(r.waiting) === 0).map((r) => r.studentId),
    waiting: rows.filter((r) => Number(r.waiting) === 1).map((r) => r.studentId),
  };
}

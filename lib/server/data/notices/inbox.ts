import "server-only";
import { cache } from "react";
import { requireRole, requireStudent, type Viewer } from "@/lib/server/authz";
import { db, readRow } from "@/lib/server/db";
import { pageOf, pageWindow, type Page } from "@/lib/server/data/paging";
import { ok, type Result } from "@/lib/server/data/result";
import { asNumber } from "@/lib/server/data/sql";
import type { NoticeKind } from "@/lib/generated/sqlite/client";

/** A student's inbox: their own notices. Entry points: each checks the viewer is that student. */

export type NoticeRow = { id: number; kind: NoticeKind; courseId: string | null; text: string; createdAt: Date; read: boolean };
export type Inbox = Page<NoticeRow> & { unread: number; emailNotices: boolean; hasAccount: boolean };

// One indexed count per request: the header's and the inbox page's are the same (React's cache lasts a request).
// Every student page runs it, so it goes straight to the driver (the query builder cost ~2 ms of the app's CPU a page).
const UNREAD_SQL = `SELECT COUNT(*) AS "n" FROM "Notice" WHERE "studentId" = $1 AND "readAt" IS NULL`;
const countUnread = cache(async (studentId: string) => asNumber((await readRow(db, UNREAD_SQL, [studentId]))?.n ?? 0));

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

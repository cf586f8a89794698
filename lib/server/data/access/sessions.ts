import "server-only";
import { randomBytes } from "node:crypto";
import { setBounded } from "@/lib/bounded-map";
import { requireAdmin, type Viewer } from "@/lib/server/authz";
import { db, readRow } from "@/lib/server/db";
import { asDate, run, transact } from "@/lib/server/data/sql";
import { viewerOf } from "@/lib/server/data/people/users";
import type { Proviso } from "@/lib/server/data/proviso";

/**
 * Sessions kept on the server (docs/decisions/014). The session cookie is
 * Auth.js's signed, encrypted JWT, and names a Session row; a request is
 * signed in only while that row exists and has not expired. Signing out
 * deletes the row, so the old cookie is worth nothing from then on, and
 * deleting a user (or an admin's "sign out everywhere") deletes all of theirs.
 */

/** As long as the session cookie lives. */
export const SESSION_HOURS = 8;

/** Starts a session for a user who has just proved who they are; its id goes in the cookie. */
export async function startSession(userId: string, now = new Date()): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
  await transact(function* () {
    // Expired rows go as new ones come: the table holds live sessions only.
    yield* run(`DELETE FROM "Session" WHERE "expiresAt" < $1::timestamp(3)`, now);
    yield* run(
      `INSERT INTO "Session" ("id", "userId", "createdAt", "expiresAt") VALUES ($1, $2, $3::timestamp(3), $4::timestamp(3))`,
      id,
      userId,
      now,
      expiresAt,
    );
  });
  return id;
}

/** Ends one session (signing out). Ending one already gone is no error. */
export async function endSession(id: string): Promise<void> {
  forgetSession(id);
  await transact(function* () {
    yield* run(`DELETE FROM "Session" WHERE "id" = $1`, id);
  });
}

/** An admin ends every session of a user ("sign out everywhere"); how many there were. */
export async function endUserSessions(viewer: Viewer | null, userId: string): Promise<number> {
  requireAdmin(viewer);
  return transact(function* () {
    return yield* run(`DELETE FROM "Session" WHERE "userId" = $1`, userId);
  });
}

// Runs on every request: one statement, straight to the driver.
const VIEWER_SQL = `
  SELECT u."id", u."email", u."name", u."role", u."studentId", u."teacherId", s."expiresAt"
  FROM "Session" s JOIN "User" u ON u."id" = s."userId" WHERE s."id" = $1`;

/**
 * Who is asking, from their session's row, read fresh on every request: a
 * session that was ended, has expired, or whose user was deleted is no one,
 * and a changed role takes effect at once.
 */
export async function getViewerBySession(sessionId: string, now = new Date()): Promise<Viewer | null> {
  const viewer = viewerFrom(await readRow(db, VIEWER_SQL, [sessionId]), sessionId, now);
  if (viewer) setBounded(lastSeen, sessionId, viewer, MAX_LAST_SEEN);
  else lastSeen.delete(sessionId);
  return viewer;
}

function viewerFrom(row: Record<string, unknown> | undefined, sessionId: string, now: Date): Viewer | null {
  return row && asDate(row.expiresAt) > now ? { ...viewerOf(row), sessionId } : null;
}

// The viewer each session was last read as, in this process: what a browser's
// write may be decided on before its session is read again (decision 032).
const lastSeen = new Map<string, Viewer>();
const MAX_LAST_SEEN = 10_000;

/**
 * The viewer a session was last read as in this process, with the proviso
 * that it still is (proviso.ts): the session's row, read again by the
 * write's first request, must still name the same user, with the same role,
 * records, name and email, and not have expired. Null when this process
 * hasn't read the session yet.
 */
export function lastSeenViewer(sessionId: string, now = new Date()): { viewer: Viewer; proviso: Proviso } | null {
  const viewer = lastSeen.get(sessionId);
  if (!viewer) return null;
  const { userId, email, name, role, studentId, teacherId } = viewer;
  return { viewer, proviso: { sql: SAME_VIEWER_SQL, params: [sessionId, now, userId, email, name, role, studentId, teacherId], state: "pending" } };
}

// A row while the session is live and its user is still as seen: every field of the Viewer.
const SAME_VIEWER_SQL = `
  SELECT 1 AS "same" FROM "Session" s JOIN "User" u ON u."id" = s."userId"
  WHERE s."id" = $1 AND s."expiresAt" > $2::timestamp(3) AND u."id" = $3 AND u."email" = $4 AND u."name" = $5 AND u."role" = $6::"Role"
    AND u."studentId" IS NOT DISTINCT FROM $7 AND u."teacherId" IS NOT DISTINCT FROM $8`;

/** Forgets how a session was last seen (its proviso failed): it is read again. */
export function forgetSession(sessionId: string): void {
  lastSeen.delete(sessionId);
}

/**
 * For an admin: the login of a student or a teacher, and how many live
 * sessions it has; null when they have no login.
 */
export async function getLoginSessions(
  viewer: Viewer | null,
  who: { studentId: string } | { teacherId: string },
  now = new Date(),
): Promise<{ userId: string; email: string; active: number; hasPassword: boolean } | null> {
  requireAdmin(viewer);
  const user = await db.user.findFirst({
    where: "studentId" in who ? { studentId: who.studentId } : { teacherId: who.teacherId },
    select: { id: true, email: true, passwordHash: true, _count: { select: { sessions: { where: { expiresAt: { gt: now } } } } } },
  });
  return user ? { userId: user.id, email: user.email, active: user._count.sessions, hasPassword: user.passwordHash !== null } : null;
}

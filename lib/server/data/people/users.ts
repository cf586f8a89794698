import "server-only";
import type { Role } from "@/lib/generated/sqlite/enums";
import type { Viewer } from "@/lib/server/authz";
import { db, readRow } from "@/lib/server/db";

/** For the sign-in check only: the one read that returns a password hash (straight to the driver: every sign-in runs it). */
export async function findUserForLogin(
  email: string,
): Promise<{ id: string; email: string; name: string; role: Role; passwordHash: string | null } | null> {
  const row = await readRow(db, `SELECT "id", "email", "name", "role", "passwordHash" FROM "User" WHERE "email" = $1`, [email]);
  if (!row) return null;
  // No hash: a person who signs in with their school account only.
  const passwordHash = row.passwordHash == null ? null : String(row.passwordHash);
  return { id: String(row.id), email: String(row.email), name: String(row.name), role: row.role as Role, passwordHash };
}

/**
 * For the sign-in check only, once the password was found right: stores its
 * new hash in place of the old one (unless the hash changed meanwhile).
 */
export async function replacePasswordHash(userId: string, oldHash: string, newHash: string) {
  await db.user.updateMany({ where: { id: userId, passwordHash: oldHash }, data: { passwordHash: newHash } });
}

/**
 * Who is asking, read fresh on every request (a changed role or a deleted
 * account takes effect at once). Every request runs it, so it goes straight
 * to the driver as a prepared statement (~6 µs, against ~260 for the query builder).
 */
export async function getViewerById(id: string): Promise<Viewer | null> {
  const row = await readRow(db, VIEWER_SQL, [id]);
  return row ? viewerOf(row) : null;
}

/** A user's row (id, email, name, role, studentId, teacherId) as the viewer it makes. */
export function viewerOf(row: Record<string, unknown>): Viewer {
  return {
    userId: String(row.id),
    email: String(row.email),
    name: String(row.name),
    role: row.role as Viewer["role"],
    studentId: (row.studentId as string | null) ?? null,
    teacherId: (row.teacherId as string | null) ?? null,
  };
}
const VIEWER_SQL = `SELECT "id", "email", "name", "role", "studentId", "teacherId" FROM "User" WHERE "id" = $1`;

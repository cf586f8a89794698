import "server-only";
import type { Viewer } from "@/lib/server/authz";
import { db } from "@/lib/server/db";

/** For the sign-in check only: the one read that returns a password hash. */
export function findUserForLogin(email: string) {
  return db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true },
  });
}

export async function getViewerById(id: string): Promise<Viewer | null> {
  const user = await db.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, studentId: true, teacherId: true },
  });
  if (!user) return null;
  const { id: userId, ...rest } = user;
  return { userId, ...rest };
}

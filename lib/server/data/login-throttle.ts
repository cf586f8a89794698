import "server-only";
import { db } from "@/lib/server/db";

/** Five wrong passwords for one email within 15 minutes lock it for 15 minutes. */
export const LOGIN_POLICY = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

/** When the email's lock ends, if it is locked now. */
export async function loginLockedUntil(email: string, now = new Date()): Promise<Date | null> {
  const row = await db.loginThrottle.findUnique({ where: { email }, select: { lockedUntil: true } });
  return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
}

/** Counts a failed sign-in; returns when the email is now locked until, if it is. */
export async function recordLoginFailure(email: string, now = new Date()): Promise<Date | null> {
  return db.$transaction(async (tx) => {
    const row = await tx.loginThrottle.findUnique({ where: { email } });
    const fresh = !row || now.getTime() - row.windowStartedAt.getTime() > LOGIN_POLICY.windowMs;
    const failures = fresh ? 1 : row.failures + 1;
    const lockedUntil = failures >= LOGIN_POLICY.maxFailures ? new Date(now.getTime() + LOGIN_POLICY.lockMs) : null;
    const data = { failures, windowStartedAt: fresh ? now : row.windowStartedAt, lockedUntil };
    await tx.loginThrottle.upsert({ where: { email }, create: { email, ...data }, update: data });
    return lockedUntil;
  });
}

export async function clearLoginFailures(email: string) {
  await db.loginThrottle.deleteMany({ where: { email } });
}

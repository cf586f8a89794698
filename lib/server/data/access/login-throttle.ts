import "server-only";
import { db, readRows } from "@/lib/server/db";
import { asDate, asDateOrNull, get, run, transact } from "@/lib/server/data/sql";

/**
 * Sign-in throttling that an attacker can't turn against the account's owner
 * (docs/decisions/015, OWASP's Authentication and Credential Stuffing cheat
 * sheets): failures are counted per client address, and per email at that
 * address, never per email alone. Past a few free failures each further one
 * makes that key wait, twice as long each time, up to 15 minutes; an attempt
 * while a key waits is refused before the password is looked at. So 100
 * wrong guesses from one address hold back that address, and the owner
 * signs in from any other at once. Rows are forgotten (deleted) 15 minutes
 * after their last failure: no row outlives its use, whatever the email.
 */
export const LOGIN_POLICY = {
  /** failures of one email at one address before each further one costs a wait */
  freePerEmail: 5,
  /** failures at one address, any emails, before each further one costs a wait */
  freePerAddress: 20,
  firstWaitMs: 1000,
  maxWaitMs: 15 * 60_000,
  forgetAfterMs: 15 * 60_000,
};

/** The wait after the `failures`-th failure of a key with `free` free ones. */
export function waitAfter(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(LOGIN_POLICY.maxWaitMs, LOGIN_POLICY.firstWaitMs * 2 ** (failures - free));
}

const keys = (email: string, address: string) => ({ email: `e ${email} ${address}`, address: `a ${address}` });

/**
 * Where sign-ins for this email from this address stand now: how long they
 * must wait (0: go ahead), and whether the email has failures counted at
 * this address (the only row a successful sign-in clears). One read.
 */
export async function loginThrottle(email: string, address: string, now = new Date()): Promise<{ waitMs: number; emailFailures: boolean }> {
  const k = keys(email, address);
  const rows = await readRows(db, `SELECT "key", "lastFailureAt", "blockedUntil" FROM "LoginThrottle" WHERE "key" IN ($1, $2)`, [k.email, k.address]);
  let wait = 0;
  for (const row of rows) {
    const until = asDateOrNull(row.blockedUntil);
    if (until && now.getTime() - asDate(row.lastFailureAt).getTime() <= LOGIN_POLICY.forgetAfterMs) wait = Math.max(wait, until.getTime() - now.getTime());
  }
  return { waitMs: Math.max(0, wait), emailFailures: rows.some((row) => row.key === k.email) };
}

/** How long sign-ins for this email from this address must wait now (0: go ahead). */
export async function loginWaitMs(email: string, address: string, now = new Date()): Promise<number> {
  return (await loginThrottle(email, address, now)).waitMs;
}

/** Counts a failed sign-in against the address and the email at it; how long the next attempt must wait. */
export async function recordLoginFailure(email: string, address: string, now = new Date()): Promise<number> {
  const k = keys(email, address);
  const forgotten = new Date(now.getTime() - LOGIN_POLICY.forgetAfterMs);
  return transact(function* () {
    yield* run(`DELETE FROM "LoginThrottle" WHERE "lastFailureAt" < $1::timestamp(3)`, forgotten);
    let wait = 0;
    for (const [key, free] of [
      [k.email, LOGIN_POLICY.freePerEmail],
      [k.address, LOGIN_POLICY.freePerAddress],
    ] as const) {
      const row = yield* get(`SELECT "failures" FROM "LoginThrottle" WHERE "key" = $1`, key);
      const failures = (row ? Number(row.failures) : 0) + 1;
      const waitMs = waitAfter(failures, free);
      wait = Math.max(wait, waitMs);
      const blockedUntil = waitMs > 0 ? new Date(now.getTime() + waitMs) : null;
      yield* run(
        `INSERT INTO "LoginThrottle" ("key", "failures", "lastFailureAt", "blockedUntil") VALUES ($1, $2, $3::timestamp(3), $4::timestamp(3))
         ON CONFLICT ("key") DO UPDATE SET "failures" = $2, "lastFailureAt" = $3::timestamp(3), "blockedUntil" = $4::timestamp(3)`,
        key,
        failures,
        now,
        blockedUntil,
      );
    }
    return wait;
  });
}

/** A right password: that email starts afresh at that address (the address's own count stays). */
export async function clearLoginFailures(email: string, address: string) {
  const k = keys(email, address);
  await transact(function* () {
    yield* run(`DELETE FROM "LoginThrottle" WHERE "key" = $1`, k.email);
  });
}

/** "32 seconds", "4 minutes": how long to wait, rounded up. */
export function waitText(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 90) return seconds === 1 ? "1 second" : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}

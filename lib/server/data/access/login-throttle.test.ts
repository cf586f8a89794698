import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { clearLoginFailures, LOGIN_POLICY, loginThrottle, loginWaitMs, recordLoginFailure, waitAfter, waitText } from "@/lib/server/data/access/login-throttle";

const t0 = new Date("2026-09-01T09:00:00Z").getTime();
const at = (ms: number) => new Date(t0 + ms);
let n = 0;
const fresh = () => ({ email: `throttle-${Date.now()}-${n++}@t.test`, address: `198.51.100.${n}` });

describe("sign-in throttling (decision 015)", () => {
  it("waits grow twice as long after the free failures, up to 15 minutes", () => {
    expect([1, 4, 5, 6, 7, 10].map((f) => waitAfter(f, 5))).toEqual([0, 0, 1000, 2000, 4000, 32_000]);
    expect(waitAfter(30, 5)).toBe(LOGIN_POLICY.maxWaitMs);
    expect([waitText(1), waitText(1000), waitText(32_000), waitText(120_000), waitText(15 * 60_000)]).toEqual([
      "1 second",
      "1 second",
      "32 seconds",
      "2 minutes",
      "15 minutes",
    ]);
  });

  it("an email at one address gets 4 free failures, then waits; another address is not held back", async () => {
    const { email, address } = fresh();
    for (let i = 0; i < 4; i++) expect(await recordLoginFailure(email, address, at(i * 1000))).toBe(0);
    expect(await recordLoginFailure(email, address, at(4000))).toBe(1000);
    expect(await loginWaitMs(email, address, at(4500))).toBe(500);
    expect(await loginWaitMs(email, address, at(5000))).toBe(0);
    expect(await recordLoginFailure(email, address, at(5000))).toBe(2000);
    // The owner, elsewhere:
    expect(await loginWaitMs(email, "203.0.113.99", at(5500))).toBe(0);
  });

  it("one address trying many emails is held back after 20 failures, for every email", async () => {
    const address = `192.0.2.${n++}`;
    for (let i = 0; i < 19; i++) expect(await recordLoginFailure(`spray-${i}-${Date.now()}@t.test`, address, at(i))).toBe(0);
    expect(await recordLoginFailure(`spray-19-${Date.now()}@t.test`, address, at(19))).toBe(1000);
    expect(await loginWaitMs(`anyone-${Date.now()}@t.test`, address, at(20))).toBeGreaterThan(0);
    expect(await loginWaitMs(`anyone-${Date.now()}@t.test`, `${address}9`, at(20))).toBe(0);
  });

  it("a right password clears the email's count at that address; rows are forgotten after 15 quiet minutes", async () => {
    const { email, address } = fresh();
    for (let i = 0; i < 4; i++) await recordLoginFailure(email, address, at(i));
    await clearLoginFailures(email, address);
    for (let i = 0; i < 4; i++) expect(await recordLoginFailure(email, address, at(10 + i))).toBe(0);

    const later = LOGIN_POLICY.forgetAfterMs + 1000;
    expect(await loginWaitMs(email, address, at(later))).toBe(0);
    // The next failure anywhere deletes every forgotten row: unknown emails leave nothing behind.
    await recordLoginFailure("someone-else@t.test", `${address}7`, at(later));
    expect(await db.loginThrottle.count({ where: { key: { contains: email } } })).toBe(0);
    expect(await db.loginThrottle.count({ where: { lastFailureAt: { lt: at(later - LOGIN_POLICY.forgetAfterMs) } } })).toBe(0);
  });

  it("says whether the email has failures at that address: what a right password clears (a sign-in without any writes nothing)", async () => {
    const { email, address } = fresh();
    expect(await loginThrottle(email, address, at(0))).toEqual({ waitMs: 0, emailFailures: false });
    await recordLoginFailure(email, address, at(0));
    expect(await loginThrottle(email, address, at(1))).toEqual({ waitMs: 0, emailFailures: true });
    // The address has a failure counted now, but another email at it has none of its own.
    expect(await loginThrottle(`other-${email}`, address, at(1))).toEqual({ waitMs: 0, emailFailures: false });
    await clearLoginFailures(email, address);
    expect((await loginThrottle(email, address, at(2))).emailFailures).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { clearLoginFailures, LOGIN_POLICY, loginLockedUntil, recordLoginFailure } from "@/lib/server/data/login-throttle";

describe("login throttle", () => {
  it("locks an email after five failures within the window, for the lock time", async () => {
    const email = `lock-${Date.now()}@t.test`;
    const t0 = new Date("2026-09-01T09:00:00Z");
    const at = (ms: number) => new Date(t0.getTime() + ms);
    for (let i = 0; i < 4; i++) expect(await recordLoginFailure(email, at(i * 1000))).toBeNull();
    const until = await recordLoginFailure(email, at(5000));
    expect(until?.getTime()).toBe(at(5000 + LOGIN_POLICY.lockMs).getTime());
    expect(await loginLockedUntil(email, at(6000))).toEqual(until);
    expect(await loginLockedUntil(email, at(5000 + LOGIN_POLICY.lockMs + 1))).toBeNull();
  });

  it("starts counting again after the window, and after a success", async () => {
    const email = `window-${Date.now()}@t.test`;
    const t0 = new Date("2026-09-01T09:00:00Z").getTime();
    for (let i = 0; i < 4; i++) await recordLoginFailure(email, new Date(t0 + i));
    expect(await recordLoginFailure(email, new Date(t0 + LOGIN_POLICY.windowMs + 10))).toBeNull();
    await clearLoginFailures(email);
    for (let i = 0; i < 4; i++) expect(await recordLoginFailure(email, new Date(t0 + i))).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { authenticateToken, createApiToken, hashToken, revokeApiToken } from "@/lib/server/data/access/api-tokens";
import { makeUser } from "@/test/factories";

describe("API tokens", () => {
  it("are stored only as a hash, act as their admin, and stop at revocation or when the admin is no longer one", async () => {
    const admin = await makeUser("ADMIN");
    const made = await createApiToken(admin, { name: "SIS sync", canWrite: true });
    if (!made.ok) throw new Error(made.message);
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: made.value.id } });
    expect(row.tokenHash).toBe(hashToken(made.value.token));
    expect(JSON.stringify(row)).not.toContain(made.value.token);

    const ok = await authenticateToken(made.value.token);
    expect(ok).toMatchObject({ ok: true, canWrite: true, viewer: { userId: admin.userId, role: "ADMIN" } });
    expect(await authenticateToken(null)).toMatchObject({ ok: false, status: 401, code: "unauthenticated" });
    expect(await authenticateToken(`${made.value.token}x`)).toMatchObject({ ok: false, status: 401, code: "invalid_token" });

    await db.user.update({ where: { id: admin.userId }, data: { role: "TEACHER" } });
    expect(await authenticateToken(made.value.token)).toMatchObject({ ok: false, status: 403, code: "forbidden" });
    await db.user.update({ where: { id: admin.userId }, data: { role: "ADMIN" } });

    expect((await revokeApiToken(admin, made.value.id)).ok).toBe(true);
    expect(await authenticateToken(made.value.token)).toMatchObject({ ok: false, status: 401, code: "revoked_token" });
    expect((await revokeApiToken(admin, made.value.id)).ok).toBe(false);
  });

  it("need a name", async () => {
    const admin = await makeUser("ADMIN");
    expect(await createApiToken(admin, { name: "  ", canWrite: false })).toMatchObject({ ok: false, fieldErrors: { name: expect.any(String) } });
  });
});

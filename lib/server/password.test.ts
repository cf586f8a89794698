import { randomBytes, scryptSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashPassword, needsRehash, verifyPassword } from "@/lib/server/password";

describe("passwords", () => {
  it("hashes with Argon2id at OWASP's minimum and checks the password", async () => {
    const stored = await hashPassword("correct horse");
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword("correct horse", stored)).toBe(true);
    expect(await verifyPassword("correct hors", stored)).toBe(false);
    expect(needsRehash(stored)).toBe(false);
    // A new salt every time.
    expect(await hashPassword("correct horse")).not.toBe(stored);
  });

  it("still checks an older scrypt hash, and says it should be replaced", async () => {
    const salt = randomBytes(16);
    const key = scryptSync("old secret", salt, 64, { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 2 ** 20 });
    const stored = ["scrypt", 1 << 15, 8, 1, salt.toString("base64"), key.toString("base64")].join("$");
    expect(await verifyPassword("old secret", stored)).toBe(true);
    expect(await verifyPassword("old secre", stored)).toBe(false);
    expect(needsRehash(stored)).toBe(true);
  });

  it("matches nothing against a malformed hash", async () => {
    expect(await verifyPassword("x", "")).toBe(false);
    expect(await verifyPassword("x", "$argon2id$broken")).toBe(false);
    expect(await verifyPassword("x", "scrypt$1$2")).toBe(false);
  });
});

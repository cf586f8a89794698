import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { requireAdmin, type Viewer } from "@/lib/server/authz";
import { db, readRow } from "@/lib/server/db";
import { asBoolean, asDateOrNull } from "@/lib/server/data/sql";
import { fail, ok, type Result } from "@/lib/server/data/result";
import { isText } from "@/lib/schemas/text";
import { actorFor, recordChange } from "@/lib/server/data/records/audit";

/**
 * Tokens for the JSON API. A token is shown once, when made; only its SHA-256
 * is stored (a database leak gives no working tokens). It acts as the admin
 * who made it, whose role is checked on every call.
 */

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export async function createApiToken(
  viewer: Viewer | null,
  input: { name: string; canWrite: boolean },
): Promise<Result<{ id: string; token: string }>> {
  const actor = requireAdmin(viewer);
  const name = input.name.trim();
  if (!name || name.length > 80 || !isText(name)) return fail("Check the form.", { name: "Give the token a name of up to 80 characters you can type, e.g. “SIS sync”." });
  const token = `rb_${randomBytes(32).toString("base64url")}`;
  const prefix = token.slice(0, 10);
  const row = await db.$transaction(async (tx) => {
    const made = await tx.apiToken.create({
      data: { name, canWrite: input.canWrite, tokenHash: hashToken(token), prefix, userId: actor.userId },
      select: { id: true },
    });
    // The token itself is never kept, in the log or anywhere: only how it starts.
    const after = { name, startsWith: prefix, mayChangeEnrollments: input.canWrite };
    await recordChange(tx, { actor: actorFor(actor), via: "PAGE", kind: "API_TOKEN", recordId: made.id, label: name, action: "CREATED", before: null, after });
    return made;
  });
  return ok({ id: row.id, token });
}

export async function listApiTokens(viewer: Viewer | null) {
  requireAdmin(viewer);
  return db.apiToken.findMany({
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      name: true,
      prefix: true,
      canWrite: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
      user: { select: { name: true } },
    },
  });
}

export async function revokeApiToken(viewer: Viewer | null, id: string): Promise<Result<null>> {
  const actor = requireAdmin(viewer);
  return db.$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({ where: { id, revokedAt: null }, select: { name: true, prefix: true } });
    const { count } = await tx.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
    if (!count || !token) return fail("That token is already revoked or doesn't exist.");
    await recordChange(tx, { actor: actorFor(actor), via: "PAGE", kind: "API_TOKEN", recordId: id, label: token.name, action: "REVOKED", before: { revoked: false }, after: { revoked: true } });
    return ok(null);
  });
}

export type TokenCheck =
  | { ok: true; viewer: Viewer; canWrite: boolean }
  | { ok: false; status: 401 | 403; code: string; message: string };

// The token and the user it acts as, in one statement sent straight to the driver (every API call runs it).
const TOKEN_SQL = `
  SELECT t."id" AS "tokenId", t."canWrite", t."revokedAt", t."lastUsedAt",
    u."id", u."email", u."name", u."role", u."studentId", u."teacherId"
  FROM "ApiToken" t JOIN "User" u ON u."id" = t."userId" WHERE t."tokenHash" = $1`;

/** Who a bearer token speaks for, checked afresh on every call. */
export async function authenticateToken(token: string | null): Promise<TokenCheck> {
  if (!token) return { ok: false, status: 401, code: "unauthenticated", message: "Send an API token: Authorization: Bearer <token>." };
  const row = await readRow(db, TOKEN_SQL, [hashToken(token)]);
  if (!row) return { ok: false, status: 401, code: "invalid_token", message: "This API token is not valid." };
  if (row.revokedAt !== null) return { ok: false, status: 401, code: "revoked_token", message: "This API token has been revoked." };
  if (row.role !== "ADMIN") {
    return { ok: false, status: 403, code: "forbidden", message: "This token's user is no longer an admin." };
  }
  const viewer: Viewer = {
    userId: String(row.id),
    email: String(row.email),
    name: String(row.name),
    role: "ADMIN",
    studentId: (row.studentId as string | null) ?? null,
    teacherId: (row.teacherId as string | null) ?? null,
  };
  // Last use, to the minute: not a write per call.
  const lastUsed = asDateOrNull(row.lastUsedAt)?.getTime() ?? 0;
  if (Date.now() - lastUsed > 60_000) {
    await db.apiToken.update({ where: { id: String(row.tokenId) }, data: { lastUsedAt: new Date() } });
  }
  return { ok: true, viewer, canWrite: asBoolean(row.canWrite) };
}

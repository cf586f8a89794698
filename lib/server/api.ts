import "server-only";
import { RECORD_ID } from "@/lib/schemas/text";
import { requestRefused } from "@/lib/request-context.mjs";
import { ForbiddenError, type Viewer } from "@/lib/server/authz";
import { authenticateToken } from "@/lib/server/data/access/api-tokens";
import type { ApiPage } from "@/lib/server/data/records/api";

/**
 * The JSON API's frame: a bearer token on every call, errors as
 * { "error": { "code", "message" } } with their HTTP status, paging from
 * ?page=&limit=. Documented in lib/api/openapi.ts (served at /api/v1/openapi.json).
 */

export function apiError(status: number, code: string, message: string, headers?: HeadersInit): Response {
  return Response.json({ error: { code, message } }, { status, headers });
}

export function bearer(request: Request): string | null {
  const header = request.headers.get("authorization") ?? "";
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return m ? m[1]! : null;
}

/** Runs a handler as the token's admin; `write` handlers need a token that may change enrollments. */
export async function withToken(
  request: Request,
  access: "read" | "write",
  handler: (viewer: Viewer) => Promise<Response>,
): Promise<Response> {
  const check = await authenticateToken(bearer(request));
  if (!check.ok) {
    return apiError(check.status, check.code, check.message, check.status === 401 ? { "WWW-Authenticate": 'Bearer realm="rollbook"' } : undefined);
  }
  if (access === "write" && !check.canWrite) {
    return apiError(403, "read_only_token", "This token may only read. Make a token that may change enrollments.");
  }
  try {
    return await handler(check.viewer);
  } catch (error) {
    if (error instanceof ForbiddenError) return apiError(403, "forbidden", error.message);
    if (requestRefused()) return apiError(400, "bad_request", "A value holds a character that can't be stored (U+0000): nothing was changed.");
    console.error(error);
    return apiError(500, "internal_error", "Something went wrong on our side; nothing was changed.");
  }
}

/** ?page= (from 1) and ?limit= (1-200, default 50), or a 400 naming the bad one. */
export function paging(request: Request): ApiPage | Response {
  const params = new URL(request.url).searchParams;
  const read = (name: string, fallback: number, max: number) => {
    const raw = params.get(name);
    if (raw === null) return fallback;
    return /^\d{1,6}$/.test(raw) && Number(raw) >= 1 && Number(raw) <= max ? Number(raw) : null;
  };
  const page = read("page", 1, 999_999);
  const limit = read("limit", 50, 200);
  if (page === null) return apiError(400, "bad_request", "page must be a whole number from 1.");
  if (limit === null) return apiError(400, "bad_request", "limit must be a whole number from 1 to 200.");
  return { page, limit };
}

/** A path id: 1-64 characters of letters, digits, - and _. */
export function validId(id: string): boolean {
  return RECORD_ID.test(id);
}

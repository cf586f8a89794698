import "server-only";
import type { z } from "zod";
import { headers } from "next/headers";
import { ForbiddenError, type Viewer } from "@/lib/server/authz";
import { forgetSession, getViewerBySession, lastSeenViewer } from "@/lib/server/data/access/sessions";
import { confirmed, ProvisoFailed, underProviso } from "@/lib/server/data/proviso";
import type { Fail } from "@/lib/server/data/result";
import { sessionOf } from "@/lib/server/session-token";
import { requestRefused } from "@/lib/request-context.mjs";

/**
 * The frame of the JSON endpoints the pages' own JavaScript calls (a tick, a
 * waitlist join): signed in by the session cookie, refused cross-site the way
 * server actions are (the Origin must be this host, and the body JSON, which
 * a form on another site can't send), input checked with zod, and every
 * answer JSON: `{ ok: true, ... }` or `{ ok: false, message }`. The data
 * layer decides what the viewer may do. The viewer is as the session's row
 * says now: read first, or (once this process has read it) confirmed by the
 * write's own first request (decision 032), so a handler writes through the
 * data layer's transactions (sql.ts: `transact`, `transaction`) only.
 */
export async function withSession<S extends z.ZodType>(
  request: Request,
  schema: S,
  handler: (viewer: Viewer, input: z.output<S>) => Promise<Response>,
): Promise<Response> {
  if (!sameOrigin(request)) return refusal(403, "This request came from another site: refused.");
  if (!(request.headers.get("content-type") ?? "").startsWith("application/json")) {
    return refusal(415, "Send JSON.");
  }
  let body: unknown;
  try {
    body = JSON.parse(await request.text());
  } catch {
    return refusal(400, "That change could not be read: reload the page.");
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) return refusal(400, "That change could not be read: reload the page.");
  const answer = async (viewer: Viewer) => {
    try {
      return await handler(viewer, parsed.data);
    } catch (error) {
      if (error instanceof ForbiddenError) return refusal(403, error.message);
      if (requestRefused()) return refusal(400, "That change could not be read: reload the page.");
      throw error;
    }
  };
  // Decided for the viewer this process last read the session as, with the
  // proviso that it still is: checked by the write's first request, or on
  // its own before answering (decision 032). Otherwise, or when it no
  // longer holds (nothing of it kept), decided again on a fresh read.
  const session = await sessionOf(await headers());
  const seen = session ? lastSeenViewer(session.sessionId) : null;
  if (session && seen) {
    try {
      const response = await underProviso(seen.proviso, () => answer(seen.viewer));
      if (await confirmed(seen.proviso)) return response;
    } catch (error) {
      if (!(error instanceof ProvisoFailed)) throw error;
    }
    forgetSession(session.sessionId);
  }
  const viewer = session ? await getViewerBySession(session.sessionId) : null;
  if (!viewer) return refusal(401, "You are signed out: sign in again, then retry.");
  return answer(viewer);
}

function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function refusal(status: number, message: string, extra: Record<string, unknown> = {}): Response {
  return Response.json({ ok: false, message, ...extra }, { status, headers: status === 503 ? { "retry-after": "1" } : undefined });
}

/** A data-layer refusal as an answer: 409 (full, closed, already in...), or 503 when the database was too busy (safe to retry). */
export function refused(result: Fail): Response {
  if (result.code === "busy") return refusal(503, result.message, { code: "busy" });
  return refusal(409, result.message, { ...(result.code ? { code: result.code } : {}), ...(result.course ? { course: result.course } : {}) });
}

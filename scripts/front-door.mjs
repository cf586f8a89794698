// What the server script refuses before Next.js sees a request (issue 10):
// requests Next.js would answer with a 500 although the fault is the
// request's. Each refusal is a clear 4xx, logged as a warning without a
// stack trace.
import { ACTION_BODY_LIMIT_BYTES } from "../lib/request-context.mjs";

/** A path with a broken percent-escape (`/admin/classes/%E0%A4%A`): Next.js fails decoding it. */
function malformedPath(url) {
  const path = url.split("?", 1)[0];
  if (!path.includes("%")) return false;
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}

/**
 * An address with a control character in it, escaped (`/teacher/classes/%00`,
 * `/student?q=%00`) or not: no page, id or search holds one, and NUL
 * reaching PostgreSQL is a 500 (docs/decisions/036). Auth.js's own
 * addresses are left to it: a provider's callback says what it says.
 */
const ESCAPED_CONTROL = /%(?:[01][0-9a-f]|7f)/i;
const CONTROL = /[\u0000-\u001f\u007f]/;
function controlInAddress(url) {
  if (url.startsWith("/api/auth/")) return false;
  return ESCAPED_CONTROL.test(url) || CONTROL.test(url);
}

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** A write to a page rather than to a route handler under /api: a server action, if anything. */
export function isPageWrite(req) {
  return WRITES.has(req.method ?? "GET") && !(req.url ?? "").startsWith("/api/");
}

/** A page write bigger than Next.js will read (next.config.ts): it would answer 500 after reading it all. */
function tooLarge(req) {
  return isPageWrite(req) && Number(req.headers["content-length"] ?? 0) > ACTION_BODY_LIMIT_BYTES;
}

/**
 * A write to a page (a server action) sent by another site: Next.js refuses
 * it too, by throwing, which answers 500. Compared as Next.js compares:
 * the Origin's host against X-Forwarded-Host, else Host. Route handlers
 * under /api check their own (lib/server/browser-api.ts).
 */
function crossSite(req) {
  if (!isPageWrite(req)) return false;
  const origin = req.headers.origin;
  if (!origin || origin === "null") return origin === "null";
  let originHost;
  try {
    originHost = new URL(origin).host;
  } catch {
    return true;
  }
  const forwarded = req.headers["x-forwarded-host"];
  const host = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim() || req.headers.host;
  return originHost !== host;
}

/** Why the request is refused ({ status, message, reason }), or null to go on to Next.js. */
export function refusal(req) {
  if (malformedPath(req.url ?? "/")) return { status: 400, message: "This address is malformed: check the link.", reason: "malformed path" };
  if (controlInAddress(req.url ?? "/")) return { status: 400, message: "This address has a control character in it: check the link.", reason: "control character in the address" };
  if (crossSite(req)) return { status: 403, message: "This request came from another site: refused.", reason: "cross-site write" };
  if (tooLarge(req)) return { status: 413, message: `This upload is too large: the limit is ${ACTION_BODY_LIMIT_BYTES / 2 ** 20} MB.`, reason: "body too large" };
  return null;
}

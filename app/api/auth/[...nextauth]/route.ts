import type { NextRequest } from "next/server";
import { handlers, hostTrusted, siteOrigin } from "@/lib/server/auth";

/**
 * The request at the address the browser used (X-Forwarded-Host, else
 * Host), as a plain Request. A server action's signIn() builds a school
 * account's redirect URL from those headers, but the callback leg here
 * builds it from the request's URL, and Next.js's NextRequest says
 * `localhost` for 127.0.0.1 and knows nothing of a proxy's forwarded host:
 * the two legs must name the same redirect URL, or the provider refuses the
 * code. With AUTH_URL set, next-auth puts that address in instead.
 */
function asAddressed(req: NextRequest): NextRequest {
  if (!hostTrusted || process.env.AUTH_URL || process.env.NEXTAUTH_URL) return req;
  const url = new URL(req.url);
  const origin = siteOrigin(req.headers, url.protocol.replace(/:$/, ""));
  if (!origin) return req;
  const addressed = `${origin}${url.pathname}${url.search}`;
  if (addressed === req.url) return req;
  const body = req.method === "POST" ? req.body : null;
  // Auth.js reads only the standard Request's members (next-auth's nextUrl only with AUTH_URL, handled above).
  return new Request(addressed, { method: req.method, headers: req.headers, body, duplex: "half" } as RequestInit) as NextRequest;
}

export const GET = (req: NextRequest) => handlers.GET(asAddressed(req));
export const POST = (req: NextRequest) => handlers.POST(asAddressed(req));

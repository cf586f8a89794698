import { NextResponse, type NextRequest } from "next/server";
import { servePage } from "@/lib/server/page-cache";
import { newNonce, pagePolicy } from "@/lib/security-headers";

const dev = process.env.NODE_ENV === "development";

/**
 * In front of every page (route handlers under /api and static files skip
 * it): gives the response a Content-Security-Policy with a fresh nonce,
 * which Next.js reads from the request to put on its scripts
 * (docs/decisions/013), and serves the class pages a big class makes
 * expensive from the page cache, after checking the session and the data
 * they were rendered from (lib/server/page-cache.ts, docs/decisions/008).
 * Every miss goes on to the App Router, whose pages check authorization as
 * always.
 */
export async function proxy(request: NextRequest) {
  const nonce = newNonce();
  const policy = pagePolicy(nonce, { dev });
  const cached = await servePage(request, nonce);
  if (cached) {
    cached.headers.set("content-security-policy", policy);
    return cached;
  }
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  // Everything but route handlers under /api and the build's static files.
  matcher: ["/((?!api/|_next/static/|_next/image|favicon\\.ico).*)"],
};

import { NextResponse, type NextRequest } from "next/server";
import { servePage } from "@/lib/server/page-cache";
import { nonceOf } from "@/lib/security-headers.mjs";

/**
 * Serves the class pages a big class makes expensive from the page cache,
 * after checking the session and the data they were rendered from
 * (lib/server/page-cache.ts, docs/decisions/008), with the nonce the server
 * gave this response (scripts/serve.mjs, docs/decisions/013). Everything
 * else, and every miss, goes on to the App Router, whose pages check
 * authorization as always.
 */
export async function proxy(request: NextRequest) {
  const policy = request.headers.get("content-security-policy");
  const cached = await servePage(request, nonceOf(policy));
  if (!cached) return NextResponse.next();
  if (policy) cached.headers.set("content-security-policy", policy);
  return cached;
}

export const config = {
  matcher: ["/teacher/classes/:id", "/admin/classes/:id"],
};

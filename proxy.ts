import { NextResponse, type NextRequest } from "next/server";
import { servePage } from "@/lib/server/page-cache";

/**
 * Serves the class pages a big class makes expensive from the page cache,
 * after checking the session and the data they were rendered from
 * (lib/server/page-cache.ts, docs/decisions/008). Everything else, and every
 * miss, goes on to the App Router, whose pages check authorization as always.
 */
export async function proxy(request: NextRequest) {
  return (await servePage(request)) ?? NextResponse.next();
}

export const config = {
  matcher: ["/teacher/classes/:id", "/admin/classes/:id"],
};

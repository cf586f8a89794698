import "server-only";

/**
 * The address a request came from, as the server in front of Next.js found
 * it (scripts/serve.mjs): the connection's own address, or, behind a proxy,
 * the one the proxy wrote in the header ROLLBOOK_CLIENT_IP_HEADER names
 * (and no other header). "unknown" where nothing set it (`next dev`).
 */
export function clientAddress(headers: Headers): string {
  return headers.get("x-rollbook-client") || "unknown";
}

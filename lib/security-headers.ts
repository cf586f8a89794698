/**
 * The headers every response carries (docs/decisions/013).
 *
 * Pages get a Content-Security-Policy with a fresh nonce per response
 * (proxy.ts): Next.js reads the nonce from the request's policy and puts it
 * on every script it writes, and 'strict-dynamic' lets those scripts load
 * the app's chunks. No inline script runs without it: no 'unsafe-inline'
 * for scripts. Styles may be inline (React writes style attributes; a style
 * can't run code). Nothing may frame a page (`frame-ancestors 'none'`):
 * on an admin page one click saves.
 *
 * The rest are the same on every response, pages, route handlers and
 * static files alike, and are set in next.config.js from `staticHeaders`.
 */

/** 16 random bytes, base64: a new one for every page response. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function pagePolicy(nonce: string, { dev = false } = {}): string {
  return [
    "default-src 'self'",
    // React's development build evaluates strings for its stack traces.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** For responses that are not pages (JSON, CSV): nothing in them may load or run anything. */
export const DATA_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Set on every response. */
export const staticHeaders: { key: string; value: string }[] = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  // For browsers that predate frame-ancestors.
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** Only over HTTPS (a browser ignores it over HTTP anyway): two years, as hstspreload.org asks. */
export const HSTS = { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" };

/** The nonce a page response's policy names, if any. */
export function nonceOf(policy: string | null): string | null {
  return policy ? (/'nonce-([^']+)'/.exec(policy)?.[1] ?? null) : null;
}

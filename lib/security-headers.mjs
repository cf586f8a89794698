// The headers every response carries (docs/decisions/013). Plain JavaScript:
// the server script (scripts/serve.mjs) uses it as well as the app.
//
// Pages get a Content-Security-Policy with a fresh nonce per response, set by
// the server in front of Next.js (scripts/serve.mjs) on the response and on
// the request, where Next.js reads it and puts the nonce on every script it
// writes; 'strict-dynamic' lets those scripts load the app's chunks. No
// inline script runs without it: no 'unsafe-inline' for scripts. Styles may
// be inline (React writes style attributes; a style can't run code). Nothing
// may frame a page (`frame-ancestors 'none'`): on an admin page one click saves.
//
// The rest are the same on every response, pages, route handlers and static
// files alike, and are set in next.config.ts from `staticHeaders`.
import { randomBytes } from "node:crypto";

/** 16 random bytes, base64: a new one for every page response. */
export function newNonce() {
  return randomBytes(16).toString("base64");
}

/**
 * A page's policy. `formTargets`: origins a form may also be sent on to, by
 * the redirect that answers it (the school's sign-in providers: a sign-in
 * button is a form its action answers with a redirect to the provider).
 */
export function pagePolicy(nonce, { dev = false, formTargets = [] } = {}) {
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
    ["form-action 'self'", ...formTargets].join(" "),
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Paths that are not pages: route handlers under /api, the build's static files. */
export const NOT_PAGES = /^\/(?:api\/|_next\/static\/)/;

/** For responses that are not pages (JSON, scripts): nothing in them may load or run anything. */
export const DATA_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Set on every response. */
export const staticHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  // For browsers that predate frame-ancestors.
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** Only over HTTPS (a browser ignores it over HTTP anyway): two years, as hstspreload.org asks. */
export const HSTS = { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" };

/** The nonce a page's policy names, if any. */
export function nonceOf(policy) {
  return policy ? (/'nonce-([^']+)'/.exec(policy)?.[1] ?? null) : null;
}

import "server-only";
import { getToken } from "next-auth/jwt";
import { setBounded } from "@/lib/bounded-map";

/** The cookies Auth.js keeps the session in: `__Secure-` over HTTPS, plain over HTTP. */
const sessionCookies = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

// Decrypted session tokens by the exact Cookie header that carried them, so a repeat request
// skips the crypto. Safe: the value is an encrypted, signed token that only
// this secret opens, and expiry is re-checked on every use.
type Decoded = { sub: string | null; sid: string | null; exp: number };
const decoded = new Map<string, Decoded>();
const maxDecoded = 10_000;

/** The session's user and its server-side row (docs/decisions/014). */
export type SessionRef = { userId: string; sessionId: string };

async function decodeSession(cookie: string, cookieName: string): Promise<SessionRef | null> {
  const key = `${cookieName} ${cookie}`;
  let entry = decoded.get(key);
  if (!entry) {
    const token = await getToken({
      req: { headers: { cookie } },
      secret: process.env.AUTH_SECRET,
      cookieName,
      secureCookie: cookieName.startsWith("__Secure-"),
    });
    if (!token) return null;
    entry = {
      sub: typeof token.sub === "string" ? token.sub : null,
      sid: typeof token.sid === "string" ? token.sid : null,
      exp: typeof token.exp === "number" ? token.exp : 0,
    };
    setBounded(decoded, key, entry, maxDecoded);
  }
  // A cookie from before sessions had rows names none: it signs no one in.
  return entry.exp * 1000 > Date.now() && entry.sub && entry.sid ? { userId: entry.sub, sessionId: entry.sid } : null;
}

/**
 * The session cookie's user and session ids, or null. Decrypts and checks
 * the JWT (encryption, expiry) with Auth.js's own `getToken`, the check
 * `auth()` makes, without running the session endpoint `auth()` goes through
 * on every call (that cost ~0.8 ms a request here). Whether the session
 * still exists is the database's to say (getViewerBySession, pageStamp).
 */
export async function sessionOf(requestHeaders: Headers): Promise<SessionRef | null> {
  if (!process.env.AUTH_SECRET) return null;
  const cookie = requestHeaders.get("cookie") ?? "";
  for (const cookieName of sessionCookies) {
    if (cookie.includes(cookieName)) return decodeSession(cookie, cookieName);
  }
  return null;
}

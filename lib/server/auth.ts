import "server-only";
import { randomUUID } from "node:crypto";
import NextAuth, { CredentialsSignin } from "next-auth";
import { headers } from "next/headers";
import Credentials from "next-auth/providers/credentials";
import { cache } from "react";
import { log } from "@/lib/log.mjs";
import { currentRequest } from "@/lib/request-context.mjs";
import type { Viewer } from "@/lib/server/authz";
import { clearLoginFailures, loginThrottle, recordLoginFailure } from "@/lib/server/data/access/login-throttle";
import { clientAddress } from "@/lib/server/client-address";
import { findUserForLogin, replacePasswordHash } from "@/lib/server/data/people/users";
import { endSession, getViewerBySession, SESSION_HOURS, startSession } from "@/lib/server/data/access/sessions";
import { hashPassword, needsRehash, verifyPassword } from "@/lib/server/password";
import { sessionOf } from "@/lib/server/session-token";
import { LoginSchema } from "@/lib/schemas/auth";

// A hash of a random password, made once: checking it costs the same as a
// real check, so an unknown email takes as long to refuse as a wrong password.
let dummyHash: Promise<string> | undefined;
function timingDummy() {
  dummyHash ??= hashPassword(randomUUID());
  return dummyHash;
}

/** Auth.js errors a request causes (a forged or stale form, cookie or link), not the server. */
const REQUEST_FAULTS = new Set([
  "MissingCSRF",
  "UnknownAction",
  "InvalidCallbackUrl",
  "InvalidCheck",
  "InvalidProvider",
  "JWTSessionError",
  "SessionTokenError",
  "AccessDenied",
]);

/** Sign-in refused for now: too many failures from this address, or for this email from it (login-throttle.ts). */
export class TooManyAttempts extends CredentialsSignin {
  code = "too_many_attempts";
}

export const {
  handlers,
  signIn,
  signOut,
} = NextAuth({
  // Set here so sign-in and sessionOf (session-token.ts) use the one same secret.
  secret: process.env.AUTH_SECRET,
  // The cookie names a Session row the server can delete (docs/decisions/014).
  session: { strategy: "jwt", maxAge: SESSION_HOURS * 60 * 60 },
  pages: { signIn: "/login" },
  logger: {
    // JSON lines with the request's id. A wrong password, a sign-in without
    // its CSRF token or a tampered cookie is the request's fault, answered
    // as such: info or a warning, without a stack trace. Anything else is a
    // real fault.
    error(error) {
      const requestId = currentRequest()?.id;
      const type = (error as { type?: string }).type ?? error.name;
      if (error instanceof CredentialsSignin) log.info({ requestId, type }, "sign-in refused");
      else if (REQUEST_FAULTS.has(type)) log.warn({ requestId, reason: type, detail: error.message.slice(0, 200) }, "request refused");
      else log.error({ requestId, err: error }, `Auth.js: ${type}`);
    },
    warn(code) {
      log.warn({ requestId: currentRequest()?.id, code }, "Auth.js warning");
    },
  },
  trustHost: process.env.AUTH_TRUST_HOST === "true" || process.env.NODE_ENV !== "production" || undefined,
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw) {
        const parsed = LoginSchema.safeParse(raw);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        const address = clientAddress(await headers());
        // Refused before the password is looked at, known email or not: the same answer either way.
        const throttle = await loginThrottle(email, address);
        if (throttle.waitMs > 0) throw new TooManyAttempts();
        const user = await findUserForLogin(email);
        const ok = await verifyPassword(password, user?.passwordHash ?? (await timingDummy()));
        if (!user || !ok) {
          if ((await recordLoginFailure(email, address)) > 0) throw new TooManyAttempts();
          return null;
        }
        // Only when there are failures to clear: most sign-ins have none, and skip the write.
        if (throttle.emailFailures) await clearLoginFailures(email, address);
        // An older hash (scrypt) is replaced now that the password is known to be right.
        if (needsRehash(user.passwordHash)) await replacePasswordHash(user.id, user.passwordHash, await hashPassword(password));
        return { id: user.id, email: user.email, name: user.name, sessionId: await startSession(user.id) };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      // At sign-in: the new session's row goes in the cookie.
      const sessionId = (user as { sessionId?: unknown } | undefined)?.sessionId;
      if (typeof sessionId === "string") token.sid = sessionId;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
  events: {
    // Auth.js's own sign-out endpoint ends the session on the server too.
    async signOut(message) {
      const sid = "token" in message ? message.token?.sid : undefined;
      if (typeof sid === "string") await endSession(sid);
    },
  },
});

/**
 * The signed-in user, read fresh from the database once per request with
 * their session's row, so a changed role takes effect at once, and a
 * session that was signed out, ended by an admin or whose user was deleted
 * signs no one in, whatever its cookie says.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await sessionOf(await headers());
  return session ? getViewerBySession(session.sessionId) : null;
});

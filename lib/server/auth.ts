import "server-only";
import { randomUUID } from "node:crypto";
import NextAuth, { CredentialsSignin } from "next-auth";
import { cookies, headers } from "next/headers";
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
import { getSignInSettings, passwordSignInAllowed, signInBySchoolAccount } from "@/lib/server/data/access/school-accounts";
import {
  authProviders,
  PENDING_COOKIE,
  PENDING_MAX_AGE,
  refusalOf,
  schoolProvider,
  schoolProviderProblems,
  schoolProviders,
  sealIdentity,
  verifiedIdentity,
} from "@/lib/server/school-accounts";
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

/** The right password of a role the school signs in with its own accounts only (decision 035). */
export class SchoolAccountOnly extends CredentialsSignin {
  code = "school_account_only";
}

for (const problem of schoolProviderProblems) log.warn({ problem }, "school sign-in provider off");

/** Whether the Host and X-Forwarded-* headers say this site's address (AUTH_TRUST_HOST; always in development). */
export const hostTrusted = process.env.AUTH_TRUST_HOST === "true" || process.env.NODE_ENV !== "production";

/**
 * This site's origin as the browser reaches it, as Auth.js reckons it:
 * AUTH_URL's when set, else X-Forwarded-Host (or Host) with
 * X-Forwarded-Proto (`fallbackProto` when no proxy says); null without a host.
 */
export function siteOrigin(h: Headers, fallbackProto = "http"): string | null {
  const configured = process.env.AUTH_URL ?? process.env.NEXTAUTH_URL;
  if (configured) return new URL(configured).origin;
  const host = h.get("x-forwarded-host") ?? h.get("host");
  return host ? `${h.get("x-forwarded-proto") ?? fallbackProto}://${host}` : null;
}

/** Where a school account's sign-in ends when it can't: the page says why (app/(auth)/login/problem). */
const problemPage = (error: string, provider?: string) => `/login/problem?${new URLSearchParams(provider ? { error, provider } : { error })}`;

export const {
  handlers,
  signIn,
  signOut,
} = NextAuth({
  // Set here so sign-in and sessionOf (session-token.ts) use the one same secret.
  secret: process.env.AUTH_SECRET,
  // The cookie names a Session row the server can delete (docs/decisions/014).
  session: { strategy: "jwt", maxAge: SESSION_HOURS * 60 * 60 },
  // A refused or broken callback (state, nonce or PKCE that doesn't match, a replayed code) lands on a page that says so.
  pages: { signIn: "/login", error: "/login/problem" },
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
      else {
        // Auth.js wraps what went wrong (a provider's error answer, a network failure) as the cause.
        const cause = (error as { cause?: { err?: unknown } }).cause;
        const inner = cause?.err instanceof Error ? cause.err : cause instanceof Error ? cause : null;
        // An OAuth error answer names what the provider refused (invalid_grant, invalid_client...).
        const said = inner as { error?: unknown; error_description?: unknown } | null;
        const detail = inner ? { name: inner.name, message: inner.message, error: said?.error, description: said?.error_description, stack: inner.stack } : undefined;
        log.error({ requestId, err: error, cause: detail }, `Auth.js: ${type}`);
      }
    },
    warn(code) {
      log.warn({ requestId: currentRequest()?.id, code }, "Auth.js warning");
    },
  },
  trustHost: hostTrusted || undefined,
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
        // No hash (a school account only): checked against the dummy, and refused as a wrong password.
        const ok = await verifyPassword(password, user?.passwordHash ?? (await timingDummy()));
        if (!user?.passwordHash || !ok) {
          if ((await recordLoginFailure(email, address)) > 0) throw new TooManyAttempts();
          return null;
        }
        // Only when there are failures to clear: most sign-ins have none, and skip the write.
        if (throttle.emailFailures) await clearLoginFailures(email, address);
        // The right password, of a role that signs in with the school's accounts only
        // (with no provider on, passwords work for everyone, whatever was saved).
        if (schoolProviders.length > 0 && !passwordSignInAllowed(await getSignInSettings(), user.role)) throw new SchoolAccountOnly();
        // An older hash (scrypt) is replaced now that the password is known to be right.
        if (needsRehash(user.passwordHash)) await replacePasswordHash(user.id, user.passwordHash, await hashPassword(password));
        return { id: user.id, email: user.email, name: user.name, sessionId: await startSession(user.id) };
      },
    }),
    ...authProviders(),
  ],
  callbacks: {
    /**
     * A school account back from its provider: its ID token's signature and
     * the school's limits checked, then signed in as the login it is linked
     * to, with a session row as a password sign-in makes; or sent to the page
     * that says it isn't linked yet, or why it may not sign in here.
     */
    async signIn({ user, account }) {
      if (!account || account.type === "credentials") return true;
      const provider = schoolProvider(account.provider);
      if (!provider || typeof account.id_token !== "string") return problemPage("unavailable");
      const requestId = currentRequest()?.id;
      try {
        const { identity, claims } = await verifiedIdentity(provider, account.id_token);
        const refusal = refusalOf(provider, identity, claims);
        if (refusal) {
          log.info({ requestId, provider: provider.id, refusal }, "school account refused");
          return problemPage(refusal, provider.id);
        }
        const found = await signInBySchoolAccount(identity);
        if ("unlinked" in found) {
          // Secure over HTTPS, as Auth.js's own cookies are.
          const secure = siteOrigin(await headers())?.startsWith("https:") ?? false;
          (await cookies()).set(PENDING_COOKIE, await sealIdentity(identity), {
            httpOnly: true,
            sameSite: "lax",
            secure,
            path: "/login",
            maxAge: PENDING_MAX_AGE,
          });
          return "/login/link";
        }
        user.id = found.userId;
        (user as { sessionId?: string }).sessionId = await startSession(found.userId);
        return true;
      } catch (error) {
        log.error({ requestId, err: error, provider: provider.id }, "school account sign-in failed");
        return problemPage("unavailable", provider.id);
      }
    },
    async jwt({ token, user }) {
      // At sign-in: the new session's row goes in the cookie.
      const sessionId = (user as { sessionId?: unknown } | undefined)?.sessionId;
      if (typeof sessionId === "string") {
        token.sid = sessionId;
        return token;
      }
      // Anywhere else (Auth.js's own session endpoint): as every other route,
      // only a session whose row is still there signs anyone in, as who the
      // row says now. Null makes Auth.js answer no one and clear the cookie.
      const viewer = typeof token.sid === "string" ? await getViewerBySession(token.sid) : null;
      if (!viewer) return null;
      return { ...token, sub: viewer.userId, name: viewer.name, email: viewer.email };
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

import "server-only";
import { customFetch } from "next-auth";
import { decode, encode } from "next-auth/jwt";
import type { Provider } from "next-auth/providers";
import Google from "next-auth/providers/google";
import { signInProviders, type SignInProvider } from "@/lib/sign-in-providers.mjs";
import type { SchoolIdentity } from "@/lib/server/data/access/school-accounts";
import { fetchWithDiscoveryCache } from "@/lib/server/school-account-checks";

export { refusalOf, verifiedIdentity, type SchoolRefusal } from "@/lib/server/school-account-checks";

/**
 * The school's sign-in providers as Auth.js runs them (decision 035), and
 * the encrypted cookie that carries an account not linked yet to the page
 * that says so. What is checked of an account: school-account-checks.ts.
 */

const configured = signInProviders();
/** The providers that are on, in the order their buttons show. */
export const schoolProviders: readonly SignInProvider[] = configured.providers;
/** Why a half-configured provider is off (shown to admins, logged at start). */
export const schoolProviderProblems: readonly string[] = configured.problems;

export function schoolProvider(id: string): SignInProvider | null {
  return schoolProviders.find((p) => p.id === id) ?? null;
}

// ---- The providers as Auth.js takes them ----

/** Only the ID token's claims: no photo, no extra calls (Entra's default profile fetches one from Microsoft Graph). */
function profileOf(profile: object) {
  const claims = profile as Record<string, unknown>;
  return {
    id: String(claims.sub),
    name: typeof claims.name === "string" ? claims.name : null,
    email: typeof claims.email === "string" ? claims.email : null,
  };
}

export function authProviders(): Provider[] {
  return schoolProviders.map((p) => {
    const common = {
      clientId: p.clientId,
      clientSecret: p.clientSecret,
      issuer: p.issuer,
      // State, nonce and PKCE, each in its own encrypted cookie that the callback must bring back.
      checks: ["pkce", "state", "nonce"] as ("pkce" | "state" | "nonce")[],
      profile: profileOf,
      [customFetch]: fetchWithDiscoveryCache,
    };
    if (p.id === "google") {
      // hd: Google's account chooser shows only accounts of that domain (a hint; the claim is what's checked).
      const hd = p.domains.length === 1 ? p.domains[0] : "*";
      return Google({ ...common, authorization: { params: { scope: "openid email profile", hd } } });
    }
    // Entra as any OpenID issuer, its tenant's own: next-auth's MicrosoftEntraID provider is
    // made for multi-tenant apps (on every callback it fetches discovery again for the token's
    // tenant) and its profile fetches a photo from Microsoft Graph on every sign-in.
    return { id: p.id, name: p.name, type: "oidc", ...common, authorization: { params: { scope: "openid email profile" } } } satisfies Provider;
  });
}

// ---- An account not linked yet, between the callback and the page that says so ----

/** The cookie that carries an unlinked account to /login/link: encrypted with AUTH_SECRET, 15 minutes. */
export const PENDING_COOKIE = "rollbook.school-account";
export const PENDING_MAX_AGE = 15 * 60;
const PENDING_SALT = "rollbook school account not linked";

export async function sealIdentity(identity: SchoolIdentity): Promise<string> {
  return encode({ token: { identity }, secret: process.env.AUTH_SECRET ?? "", salt: PENDING_SALT, maxAge: PENDING_MAX_AGE });
}

export async function openIdentity(sealed: string | undefined): Promise<SchoolIdentity | null> {
  if (!sealed || !process.env.AUTH_SECRET) return null;
  try {
    const token = await decode({ token: sealed, secret: process.env.AUTH_SECRET, salt: PENDING_SALT });
    const identity = token?.identity as SchoolIdentity | undefined;
    return identity && typeof identity.issuer === "string" && typeof identity.subject === "string" ? identity : null;
  } catch {
    return null;
  }
}

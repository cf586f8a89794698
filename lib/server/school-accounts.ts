import "server-only";
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from "jose";
import { customFetch } from "next-auth";
import { decode, encode } from "next-auth/jwt";
import type { Provider } from "next-auth/providers";
import Google from "next-auth/providers/google";
import { signInProviders, type SignInProvider } from "@/lib/sign-in-providers.mjs";
import type { SchoolIdentity } from "@/lib/server/data/access/school-accounts";

/**
 * The school's sign-in providers as Auth.js runs them (decision 035), and
 * what Rollbook checks of each account they send back: the ID token's
 * signature against the issuer's published keys (Auth.js checks its issuer,
 * audience, expiry and nonce, not its signature), then the school's own
 * limits on its signed claims: Google's `hd` among the school's domains,
 * Entra's `tid` the school's tenant, a generic issuer's verified email
 * among its domains, if any are set. Never the email's suffix alone.
 */

const configured = signInProviders();
/** The providers that are on, in the order their buttons show. */
export const schoolProviders: readonly SignInProvider[] = configured.providers;
/** Why a half-configured provider is off (shown to admins, logged at start). */
export const schoolProviderProblems: readonly string[] = configured.problems;

export function schoolProvider(id: string): SignInProvider | null {
  return schoolProviders.find((p) => p.id === id) ?? null;
}

// ---- Discovery, once per issuer per process ----

const DISCOVERY_TTL_MS = 10 * 60_000;
type Discovery = { issuer: string; jwks_uri: string };
const discovered = new Map<string, { at: number; body: string }>();

function isDiscovery(url: string): boolean {
  return url.endsWith("/.well-known/openid-configuration");
}

async function discoveryBody(url: string): Promise<string> {
  const hit = discovered.get(url);
  if (hit && Date.now() - hit.at < DISCOVERY_TTL_MS) return hit.body;
  const response = await fetch(url, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  const body = await response.text();
  discovered.set(url, { at: Date.now(), body });
  return body;
}

/**
 * Auth.js asks for the issuer's discovery document on both legs of every
 * sign-in: it comes from this process's copy, fetched at most every 10 minutes.
 */
async function fetchWithDiscoveryCache(...args: Parameters<typeof fetch>): Promise<Response> {
  const [input, init] = args;
  const url = input instanceof Request ? input.url : String(input);
  if ((init?.method ?? "GET") === "GET" && isDiscovery(url)) {
    return new Response(await discoveryBody(url), { status: 200, headers: { "content-type": "application/json" } });
  }
  return fetch(input, init);
}

async function discoveryOf(issuer: string): Promise<Discovery> {
  const doc = JSON.parse(await discoveryBody(`${issuer}/.well-known/openid-configuration`)) as Partial<Discovery>;
  if (typeof doc.issuer !== "string" || typeof doc.jwks_uri !== "string") throw new Error(`${issuer}: no issuer or jwks_uri in its discovery document`);
  return { issuer: doc.issuer, jwks_uri: doc.jwks_uri };
}

// Each issuer's signing keys, fetched when first needed and again when a token names a key not seen yet.
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
function keysOf(jwksUri: string) {
  let keys = keySets.get(jwksUri);
  if (!keys) keySets.set(jwksUri, (keys = createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: 10_000 })));
  return keys;
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

// ---- What comes back ----

/** Why an account the provider vouched for may not sign in here. */
export type SchoolRefusal = "other-domain" | "other-tenant" | "unverified";

/**
 * The account in a provider's ID token, after checking its signature: who
 * it is (issuer and subject), and the claims the school's limits and
 * linking rules read.
 */
export async function verifiedIdentity(p: SignInProvider, idToken: string): Promise<{ identity: SchoolIdentity; claims: JWTPayload }> {
  const doc = await discoveryOf(p.issuer);
  const { payload: claims } = await jwtVerify(idToken, keysOf(doc.jwks_uri), { issuer: doc.issuer, audience: p.clientId, clockTolerance: 60 });
  if (typeof claims.sub !== "string" || !claims.sub) throw new Error(`${p.issuer}: an ID token without a subject`);
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : null;
  // Entra sends email_verified only as an optional claim; xms_edov is its "email domain owner verified".
  const emailVerified = claims.email_verified === true || claims.email_verified === "true" || (p.id === "microsoft-entra-id" && claims.xms_edov === true);
  const hd = typeof claims.hd === "string" ? claims.hd.toLowerCase() : null;
  const domain = p.id === "google" ? hd : email && emailVerified ? (email.split("@")[1] ?? null) : null;
  const given = [claims.given_name, claims.family_name].filter((s) => typeof s === "string" && s).join(" ");
  const name = (typeof claims.name === "string" && claims.name.trim()) || given || email || "(no name)";
  const sourced = claims.sourcedId ?? claims.SourcedId ?? claims.sourced_id;
  const sourcedId = typeof sourced === "string" && sourced.trim() ? sourced.trim() : null;
  return {
    identity: { provider: p.id, issuer: claims.iss ?? doc.issuer, subject: claims.sub, email, emailVerified, name, domain, sourcedId },
    claims,
  };
}

/** The school's limits on who may sign in through this provider at all, on the signed claims; null: let in. */
export function refusalOf(p: SignInProvider, identity: SchoolIdentity, claims: JWTPayload): SchoolRefusal | null {
  if (p.id === "google") return identity.domain && p.domains.includes(identity.domain) ? null : "other-domain";
  if (p.id === "microsoft-entra-id") return typeof claims.tid === "string" && claims.tid.toLowerCase() === p.tenantId ? null : "other-tenant";
  if (p.domains.length === 0) return null;
  if (!identity.email || !identity.emailVerified) return "unverified";
  return identity.domain && p.domains.includes(identity.domain) ? null : "other-domain";
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

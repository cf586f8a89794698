import "server-only";
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from "jose";
import type { SignInProvider } from "@/lib/sign-in-providers.mjs";
import type { SchoolIdentity } from "@/lib/server/data/access/school-accounts";

/**
 * What Rollbook checks of a school account its provider sends back
 * (decision 035): the ID token's signature against the issuer's published
 * keys (Auth.js checks its issuer, audience, expiry and nonce, not its
 * signature), then the school's own limits on its signed claims: Google's
 * `hd` among the school's domains, Entra's `tid` the school's tenant, a
 * generic issuer's verified email among its domains, if any are set. Never
 * the email's suffix alone.
 */

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
export async function fetchWithDiscoveryCache(...args: Parameters<typeof fetch>): Promise<Response> {
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
    identity: {
      provider: p.id,
      issuer: claims.iss ?? doc.issuer,
      subject: claims.sub,
      email,
      emailVerified,
      name,
      ...(typeof claims.given_name === "string" && claims.given_name.trim()
        ? { givenName: claims.given_name, familyName: typeof claims.family_name === "string" ? claims.family_name : "" }
        : {}),
      domain,
      sourcedId,
    },
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

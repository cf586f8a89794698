// The school accounts Rollbook signs in with (OpenID Connect), read from the
// environment (docs/decisions/035). None set: passwords only, as before.
// Plain JavaScript: the server script (scripts/serve.mjs) reads it too, for
// the pages' form-action (a sign-in button's form is answered with a redirect
// to the provider, which the policy must allow).
//
//   Google Workspace   AUTH_GOOGLE_ID, AUTH_GOOGLE_SECRET, AUTH_GOOGLE_HD (the school's domains)
//   Microsoft Entra ID AUTH_MICROSOFT_ENTRA_ID_ID, AUTH_MICROSOFT_ENTRA_ID_SECRET,
//                      AUTH_MICROSOFT_ENTRA_ID_ISSUER (https://login.microsoftonline.com/<tenant id>/v2.0)
//   any OpenID issuer  AUTH_OIDC_ISSUER, AUTH_OIDC_ID, AUTH_OIDC_SECRET, AUTH_OIDC_NAME (the button's words),
//                      AUTH_OIDC_DOMAINS (optional: only verified emails of these domains get in)
//
// AUTH_GOOGLE_ISSUER points the Google sign-in at another issuer: only for
// trying it against a local test provider (the e2e stories do).

/** A comma-separated list, lower case, without blanks. */
function list(value) {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
}

const TENANT_ISSUER = /\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/v2\.0\/?$/i;

/** An issuer URL without a trailing slash, or null if it isn't an http(s) URL. */
function issuerUrl(value) {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href.replace(/\/$/, "") : null;
  } catch {
    return null;
  }
}

/**
 * @typedef {object} SignInProvider
 * @property {"google" | "microsoft-entra-id" | "oidc"} id  also the last part of its redirect URL
 * @property {string} name  the button says "Sign in with <name>"
 * @property {string} issuer
 * @property {string} clientId
 * @property {string} clientSecret
 * @property {string[]} domains  Google: the hd values let in; others: verified email domains let in (empty: any)
 * @property {string | null} tenantId  Entra: the only tenant let in
 */

/**
 * The configured providers, and what is wrong with any half-configured one
 * (each such provider stays off; the admin page and the log say why).
 * @returns {{ providers: SignInProvider[], problems: string[] }}
 */
export function signInProviders(env = process.env) {
  /** @type {SignInProvider[]} */
  const providers = [];
  const problems = [];

  if (env.AUTH_GOOGLE_ID || env.AUTH_GOOGLE_SECRET || env.AUTH_GOOGLE_HD) {
    const domains = list(env.AUTH_GOOGLE_HD);
    const issuer = issuerUrl(env.AUTH_GOOGLE_ISSUER || "https://accounts.google.com");
    if (!env.AUTH_GOOGLE_ID || !env.AUTH_GOOGLE_SECRET) problems.push("Google is off: set both AUTH_GOOGLE_ID and AUTH_GOOGLE_SECRET.");
    else if (domains.length === 0)
      problems.push("Google is off: set AUTH_GOOGLE_HD to the school's Workspace domain(s), or any Google account could sign in.");
    else if (!issuer) problems.push("Google is off: AUTH_GOOGLE_ISSUER is not a URL.");
    else providers.push({ id: "google", name: "Google", issuer, clientId: env.AUTH_GOOGLE_ID, clientSecret: env.AUTH_GOOGLE_SECRET, domains, tenantId: null });
  }

  if (env.AUTH_MICROSOFT_ENTRA_ID_ID || env.AUTH_MICROSOFT_ENTRA_ID_SECRET || env.AUTH_MICROSOFT_ENTRA_ID_ISSUER) {
    const issuer = issuerUrl(env.AUTH_MICROSOFT_ENTRA_ID_ISSUER ?? "");
    const tenantId = issuer ? (TENANT_ISSUER.exec(issuer)?.[1]?.toLowerCase() ?? null) : null;
    if (!env.AUTH_MICROSOFT_ENTRA_ID_ID || !env.AUTH_MICROSOFT_ENTRA_ID_SECRET)
      problems.push("Microsoft is off: set both AUTH_MICROSOFT_ENTRA_ID_ID and AUTH_MICROSOFT_ENTRA_ID_SECRET.");
    else if (!issuer || !tenantId)
      problems.push(
        "Microsoft is off: set AUTH_MICROSOFT_ENTRA_ID_ISSUER to https://login.microsoftonline.com/<your tenant id>/v2.0 (the school's tenant, not common or organizations).",
      );
    else
      providers.push({
        id: "microsoft-entra-id",
        name: "Microsoft",
        issuer,
        clientId: env.AUTH_MICROSOFT_ENTRA_ID_ID,
        clientSecret: env.AUTH_MICROSOFT_ENTRA_ID_SECRET,
        domains: [],
        tenantId,
      });
  }

  if (env.AUTH_OIDC_ISSUER || env.AUTH_OIDC_ID || env.AUTH_OIDC_SECRET) {
    const issuer = issuerUrl(env.AUTH_OIDC_ISSUER ?? "");
    if (!env.AUTH_OIDC_ID || !env.AUTH_OIDC_SECRET) problems.push("The OpenID provider is off: set both AUTH_OIDC_ID and AUTH_OIDC_SECRET.");
    else if (!issuer) problems.push("The OpenID provider is off: set AUTH_OIDC_ISSUER to its issuer URL.");
    else
      providers.push({
        id: "oidc",
        name: (env.AUTH_OIDC_NAME ?? "").trim().slice(0, 40) || "your school account",
        issuer,
        clientId: env.AUTH_OIDC_ID,
        clientSecret: env.AUTH_OIDC_SECRET,
        domains: list(env.AUTH_OIDC_DOMAINS),
        tenantId: null,
      });
  }
  return { providers, problems };
}

/**
 * Where a page's forms may send the browser besides this site: the origins
 * of the configured providers' issuers, where each one's sign-in page is.
 */
export function signInFormTargets(env = process.env) {
  return [...new Set(signInProviders(env).providers.map((p) => new URL(p.issuer).origin))];
}

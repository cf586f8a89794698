// A local OpenID Connect provider, for trying Rollbook's school-account
// sign-in with no real one, and for the e2e stories (decision 035). It is
// the `oidc-provider` package (a certified OpenID provider) with its
// development sign-in form: any login, any password. Never for real use.
//
//   node scripts/oidc-dev-provider.mjs [--port 3990] [--app http://127.0.0.1:3000 ...]
//
// Three issuers, one per kind Rollbook knows, each with the client
// `rollbook` / `rollbook-dev-secret`:
//   http://127.0.0.1:<port>          a generic issuer (AUTH_OIDC_ISSUER)
//   http://127.0.0.1:<port+1>        Google-like: its tokens carry `hd` (AUTH_GOOGLE_ISSUER)
//   http://127.0.0.1:<port+2>/<tenant>/v2.0   Entra-like: its tokens carry `tid` (AUTH_MICROSOFT_ENTRA_ID_ISSUER)
// The redirect URLs registered are each --app origin's /api/auth/callback/<provider>
// (default: http://localhost:3000 and http://127.0.0.1:3000).
//
// The account is the login typed: `maya.patel@school.test` signs in as that
// email (verified), with a subject id made from it, the name "Maya Patel",
// `hd` its domain and `tid` a tenant made from its domain (school.test's is
// ENTRA_TENANT below). `<email>#<sourcedId>` adds a OneRoster sourcedId
// claim; a login starting `unverified.` has email_verified false.
import { createHash } from "node:crypto";
import http from "node:http";
import { parseArgs } from "node:util";
import Provider from "oidc-provider";

const { values } = parseArgs({
  options: { port: { type: "string", default: process.env.OIDC_DEV_PORT ?? "3990" }, app: { type: "string", multiple: true } },
});
const port = Number(values.port);
const apps = values.app?.length ? values.app : ["http://localhost:3000", "http://127.0.0.1:3000"];

export const CLIENT = { id: "rollbook", secret: "rollbook-dev-secret" };

/** A tenant id (a GUID) made from a domain; school.test's is fixed so a README can name it. */
function tenantOf(domain) {
  if (domain === "school.test") return "00000000-0000-4000-8000-5c4001000001";
  const h = createHash("sha256").update(domain).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
const ENTRA_TENANT = tenantOf("school.test");

/** The claims of the account a login names. */
function claimsOf(login) {
  const [address, sourcedId] = login.trim().toLowerCase().split("#", 2);
  const unverified = address.startsWith("unverified.");
  const email = (unverified ? address.slice("unverified.".length) : address).includes("@") ? address.replace(/^unverified\./, "") : `${address}@school.test`;
  const [local, domain] = email.split("@");
  const words = local.split(/[._-]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1));
  return {
    sub: `sub-${createHash("sha256").update(email).digest("hex").slice(0, 20)}`,
    email,
    email_verified: !unverified,
    name: words.join(" ") || email,
    given_name: words[0] ?? "",
    family_name: words.slice(1).join(" "),
    hd: domain,
    tid: tenantOf(domain),
    ...(sourcedId ? { sourcedId } : {}),
  };
}

function provider(issuer, providerId, extra) {
  const oidc = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT.id,
        client_secret: CLIENT.secret,
        redirect_uris: apps.map((app) => `${app.replace(/\/$/, "")}/api/auth/callback/${providerId}`),
        response_types: ["code"],
        grant_types: ["authorization_code"],
      },
    ],
    async findAccount(_ctx, id) {
      return {
        accountId: id,
        async claims() {
          const { hd, tid, ...rest } = claimsOf(id);
          return { ...rest, ...extra({ hd, tid }) };
        },
      };
    },
    // The claims go in the ID token, as Google's and Entra's do (Rollbook reads only the ID token).
    conformIdTokenClaims: false,
    claims: {
      openid: ["sub", "hd", "tid", "sourcedId"],
      email: ["email", "email_verified"],
      profile: ["name", "given_name", "family_name"],
    },
    features: { devInteractions: { enabled: true } },
    // No consent screen: the school's own app.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
    cookies: { keys: ["rollbook-dev-provider-cookie-key-not-secret"] },
    pkce: { required: () => true },
  });
  return oidc;
}

const kinds = [
  { port, path: "", providerId: "oidc", extra: () => ({}) },
  { port: port + 1, path: "", providerId: "google", extra: ({ hd }) => ({ hd }) },
  { port: port + 2, path: `/${ENTRA_TENANT}/v2.0`, providerId: "microsoft-entra-id", extra: ({ tid }) => ({ tid }) },
];

const servers = kinds.map(({ port: p, path, providerId, extra }) => {
  const issuer = `http://127.0.0.1:${p}${path}`;
  const callback = provider(issuer, providerId, extra).callback();
  const server = http.createServer((req, res) => {
    // Mounted under the issuer's path (the Entra-like one): the provider sees the rest.
    if (path) {
      if (!req.url?.startsWith(path)) return void res.writeHead(404).end();
      req.originalUrl = req.url;
      req.url = req.url.slice(path.length) || "/";
    }
    callback(req, res);
  });
  server.listen(p, "127.0.0.1", () => console.log(`OpenID provider (${providerId}) at ${issuer}`));
  return server;
});

console.log("(oidc-provider's warnings above are about its development-only keys, storage and sign-in form: expected here.)");

for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => {
  for (const s of servers) s.close();
  process.exit(0);
});

import http from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInFormTargets, signInProviders, type SignInProvider } from "@/lib/sign-in-providers.mjs";
import { refusalOf, verifiedIdentity } from "@/lib/server/school-account-checks";

const TENANT = "6c9a1b2e-1111-4222-8333-444455556666";

describe("which providers are on, from the environment", () => {
  it("none without variables: passwords only", () => {
    expect(signInProviders({})).toEqual({ providers: [], problems: [] });
    expect(signInFormTargets({})).toEqual([]);
  });

  it("Google needs the school's domains; Entra a tenant's own issuer; each half-configured one stays off and says why", () => {
    const { providers, problems } = signInProviders({
      AUTH_GOOGLE_ID: "g",
      AUTH_GOOGLE_SECRET: "s",
      AUTH_MICROSOFT_ENTRA_ID_ID: "m",
      AUTH_MICROSOFT_ENTRA_ID_SECRET: "s",
      AUTH_MICROSOFT_ENTRA_ID_ISSUER: "https://login.microsoftonline.com/common/v2.0",
      AUTH_OIDC_ISSUER: "https://sso.example.edu/realms/school/",
      AUTH_OIDC_ID: "rollbook",
    });
    expect(providers).toEqual([]);
    expect(problems).toEqual([
      expect.stringMatching(/^Google is off: set AUTH_GOOGLE_HD/),
      expect.stringMatching(/^Microsoft is off: .*tenant/),
      expect.stringMatching(/^The OpenID provider is off: set both AUTH_OIDC_ID and AUTH_OIDC_SECRET/),
    ]);
  });

  it("all three on, with the origins a sign-in form may go on to", () => {
    const env = {
      AUTH_GOOGLE_ID: "g",
      AUTH_GOOGLE_SECRET: "s",
      AUTH_GOOGLE_HD: "School.edu, students.school.edu",
      AUTH_MICROSOFT_ENTRA_ID_ID: "m",
      AUTH_MICROSOFT_ENTRA_ID_SECRET: "s",
      AUTH_MICROSOFT_ENTRA_ID_ISSUER: `https://login.microsoftonline.com/${TENANT}/v2.0`,
      AUTH_OIDC_ISSUER: "https://sso.example.edu/realms/school/",
      AUTH_OIDC_ID: "rollbook",
      AUTH_OIDC_SECRET: "s",
      AUTH_OIDC_NAME: "ClassLink",
    };
    const { providers, problems } = signInProviders(env);
    expect(problems).toEqual([]);
    expect(providers.map((p) => [p.id, p.name, p.issuer, p.domains, p.tenantId])).toEqual([
      ["google", "Google", "https://accounts.google.com", ["school.edu", "students.school.edu"], null],
      ["microsoft-entra-id", "Microsoft", `https://login.microsoftonline.com/${TENANT}/v2.0`, [], TENANT],
      ["oidc", "ClassLink", "https://sso.example.edu/realms/school", [], null],
    ]);
    expect(signInFormTargets(env)).toEqual(["https://accounts.google.com", "https://login.microsoftonline.com", "https://sso.example.edu"]);
  });
});

/** A real issuer on 127.0.0.1: its discovery document and its keys; tokens signed with its key (or another). */
describe("an ID token, checked", () => {
  let server: http.Server;
  let issuer = "";
  let sign: (claims: JWTPayload, withOtherKey?: boolean) => Promise<string>;

  beforeAll(async () => {
    const key = await generateKeyPair("RS256");
    const other = await generateKeyPair("RS256");
    const jwk = { ...(await exportJWK(key.publicKey)), kid: "k1", alg: "RS256", use: "sig" };
    server = http.createServer((req, res) => {
      res.setHeader("content-type", "application/json");
      if (req.url === "/.well-known/openid-configuration") res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
      else if (req.url === "/jwks") res.end(JSON.stringify({ keys: [jwk] }));
      else res.writeHead(404).end("{}");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    sign = (claims, withOtherKey = false) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: "RS256", kid: "k1" })
        .setIssuer(issuer)
        .setAudience("rollbook")
        .setIssuedAt()
        .setExpirationTime("5m")
        .sign(withOtherKey ? other.privateKey : key.privateKey);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const provider = (patch: Partial<SignInProvider>): SignInProvider => ({
    id: "oidc",
    name: "Portal",
    issuer,
    clientId: "rollbook",
    clientSecret: "s",
    domains: [],
    tenantId: null,
    ...patch,
  });

  it("gives the account, its verified email and domain, and its sourcedId", async () => {
    const token = await sign({ sub: "abc", email: "Maya.Patel@School.edu", email_verified: true, name: "Maya Patel", sourcedId: "S-1" });
    const { identity } = await verifiedIdentity(provider({}), token);
    expect(identity).toEqual({
      provider: "oidc",
      issuer,
      subject: "abc",
      email: "maya.patel@school.edu",
      emailVerified: true,
      name: "Maya Patel",
      domain: "school.edu",
      sourcedId: "S-1",
    });
  });

  it("refuses a token signed by another key, or for another client", async () => {
    await expect(verifiedIdentity(provider({}), await sign({ sub: "abc" }, true))).rejects.toThrow();
    await expect(verifiedIdentity(provider({ clientId: "someone-else" }), await sign({ sub: "abc" }))).rejects.toThrow();
  });

  it("Google: only the school's Workspace domains, by the signed hd claim, never by the email's suffix", async () => {
    const google = provider({ id: "google", domains: ["school.edu"] });
    const check = async (claims: JWTPayload) => {
      const { identity, claims: signed } = await verifiedIdentity(google, await sign({ sub: "g1", email_verified: true, ...claims }));
      return refusalOf(google, identity, signed);
    };
    expect(await check({ email: "a@school.edu", hd: "school.edu" })).toBeNull();
    expect(await check({ email: "a@school.edu" })).toBe("other-domain");
    expect(await check({ email: "a@elsewhere.edu", hd: "elsewhere.edu" })).toBe("other-domain");
  });

  it("Entra: only the school's tenant", async () => {
    const entra = provider({ id: "microsoft-entra-id", tenantId: TENANT });
    const check = async (tid: string | undefined) => {
      const { identity, claims } = await verifiedIdentity(entra, await sign({ sub: "m1", email: "a@school.edu", tid }));
      return { refusal: refusalOf(entra, identity, claims), verified: identity.emailVerified };
    };
    expect(await check(TENANT)).toEqual({ refusal: null, verified: false });
    expect(await check("11111111-2222-4333-8444-555566667777")).toEqual({ refusal: "other-tenant", verified: false });
    expect(await check(undefined)).toEqual({ refusal: "other-tenant", verified: false });
  });

  it("any issuer with domains: only verified emails of those domains", async () => {
    const portal = provider({ domains: ["school.edu"] });
    const check = async (claims: JWTPayload) => {
      const { identity, claims: signed } = await verifiedIdentity(portal, await sign({ sub: "p1", ...claims }));
      return refusalOf(portal, identity, signed);
    };
    expect(await check({ email: "a@school.edu", email_verified: true })).toBeNull();
    expect(await check({ email: "a@school.edu", email_verified: false })).toBe("unverified");
    expect(await check({ email: "a@other.edu", email_verified: true })).toBe("other-domain");
  });
});

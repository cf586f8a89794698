import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://127.0.0.1:${port}`;
/** A second app server on the same database, for the stateless-servers story. */
export const secondURL = `http://127.0.0.1:${port + 1}`;
/**
 * Two more app servers (ports +10, +11; +2 is the durability story's) on the same database with the school's sign-in
 * providers on (the school-accounts stories), against the local OpenID
 * provider (scripts/oidc-dev-provider.mjs) at `oidcPort` (generic), +1
 * (Google-like), +2 (Entra-like). The first two servers stay password-only,
 * as an install without providers is.
 */
export const ssoURL = `http://127.0.0.1:${port + 10}`;
export const ssoSecondURL = `http://127.0.0.1:${port + 11}`;
/** Both school-accounts servers behind one address (e2e/balancer.mjs): a sign-in's callback lands on the other server. */
export const balancedURL = `http://127.0.0.1:${port + 12}`;
export const oidcPort = port + 90;
export const ENTRA_TENANT = "00000000-0000-4000-8000-5c4001000001";
const schoolProviders = {
  AUTH_OIDC_ISSUER: `http://127.0.0.1:${oidcPort}`,
  AUTH_OIDC_ID: "rollbook",
  AUTH_OIDC_SECRET: "rollbook-dev-secret",
  AUTH_OIDC_NAME: "School portal",
  AUTH_GOOGLE_ISSUER: `http://127.0.0.1:${oidcPort + 1}`,
  AUTH_GOOGLE_ID: "rollbook",
  AUTH_GOOGLE_SECRET: "rollbook-dev-secret",
  AUTH_GOOGLE_HD: "school.test",
  AUTH_MICROSOFT_ENTRA_ID_ISSUER: `http://127.0.0.1:${oidcPort + 2}/${ENTRA_TENANT}/v2.0`,
  AUTH_MICROSOFT_ENTRA_ID_ID: "rollbook",
  AUTH_MICROSOFT_ENTRA_ID_SECRET: "rollbook-dev-secret",
};
/** Where the app server on port `p` writes its log (scripts/e2e.sh makes the folder). */
export function serverLog(p = port) {
  return `e2e/.tmp/server-${p}.log`;
}
/** The throwaway database scripts/e2e.sh builds for the run. */
export const e2eDatabaseUrl = process.env.E2E_DATABASE_URL ?? "file:./e2e/.tmp/e2e.db";

export default defineConfig({
  testDir: "e2e",
  globalSetup: "./e2e/global-setup.ts",
  // One server, one database: stories run one after another.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    locale: "en-GB",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: [
    {
      command: `node scripts/oidc-dev-provider.mjs --port ${oidcPort} --app ${ssoURL} --app ${ssoSecondURL} --app ${balancedURL} > e2e/.tmp/oidc-provider.log 2>&1`,
      url: `http://127.0.0.1:${oidcPort}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `node e2e/balancer.mjs ${port + 12} ${port + 10} ${port + 11}`,
      url: `${balancedURL}/__balancer`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    ...[port, port + 1, port + 10, port + 11].map((p) => ({
      // As `npm start` serves the app: two app processes each (Node's cluster), so the stories cross them too.
      // Its log (JSON lines) in a file the stories can read.
      command: `bash scripts/serve.sh -p ${p} -H 127.0.0.1 > ${serverLog(p)}`,
      url: `http://127.0.0.1:${p}/login`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore" as const,
      stderr: "pipe" as const,
      env: {
        DATABASE_URL: e2eDatabaseUrl,
        AUTH_SECRET: "e2e-only-secret-not-for-production-use-000",
        AUTH_TRUST_HOST: "true",
        NEXT_TELEMETRY_DISABLED: "1",
        NODE_OPTIONS: "",
        ROLLBOOK_WORKERS: "2",
        // As behind a proxy: the sign-in throttling story sends requests "from" several addresses.
        ROLLBOOK_CLIENT_IP_HEADER: "x-forwarded-for",
        // Backups in the run's own folder; a due scheduled backup is seen within 2 s (e2e/backups.spec.ts).
        ROLLBOOK_BACKUP_DIR: "e2e/.tmp/backups",
        ROLLBOOK_BACKUP_CHECK_MS: "2000",
        // The school-accounts servers: one app process each (the two servers are what the stories cross).
        ...(p >= port + 10 ? { ...schoolProviders, ROLLBOOK_WORKERS: "1" } : {}),
      },
    })),
  ],
});

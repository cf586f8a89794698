import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://127.0.0.1:${port}`;
/** A second app server on the same database, for the stateless-servers story. */
export const secondURL = `http://127.0.0.1:${port + 1}`;
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
  webServer: [port, port + 1].map((p) => ({
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
    },
  })),
});

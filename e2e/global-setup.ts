import { existsSync } from "node:fs";
import { e2eDatabaseUrl } from "../playwright.config";

/**
 * scripts/e2e.sh builds a fresh database for each run (migrations + demo
 * seed) before the server starts. This refuses to run the stories against
 * anything but that local, throwaway file.
 */
export default function globalSetup() {
  if (!e2eDatabaseUrl.startsWith("file:./e2e/.tmp/")) {
    throw new Error(`Refusing to run e2e against ${e2eDatabaseUrl}: only a throwaway file under e2e/.tmp/ is allowed.`);
  }
  if (!existsSync(e2eDatabaseUrl.slice("file:".length))) {
    throw new Error("No e2e database: run the stories with `npm run test:e2e`, which builds one.");
  }
}

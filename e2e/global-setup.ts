import { existsSync } from "node:fs";
import { e2eDatabaseUrl } from "../playwright.config";

/**
 * scripts/e2e.sh builds a fresh database for each run (migrations + demo
 * seed) before the server starts. This refuses to run the stories against
 * anything but that local, throwaway file or PostgreSQL database.
 */
export default function globalSetup() {
  const postgres = /^postgres(ql)?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/rollbook_e2e\w*$/.test(e2eDatabaseUrl.replace(/\/\/[^@/]*@/, "//"));
  if (!postgres && !e2eDatabaseUrl.startsWith("file:./e2e/.tmp/")) {
    throw new Error(
      `Refusing to run e2e against ${e2eDatabaseUrl}: only a file under e2e/.tmp/ or a local rollbook_e2e* database.`,
    );
  }
  if (!postgres && !existsSync(e2eDatabaseUrl.slice("file:".length))) {
    throw new Error("No e2e database: run the stories with `npm run test:e2e`, which builds one.");
  }
}

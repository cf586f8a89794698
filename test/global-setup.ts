import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";

/**
 * A fresh SQLite database for each integration run, built by the committed
 * migrations (never the dev database).
 */
export default function setup() {
  const url = "file:./.tmp/integration.db";
  rmSync(".tmp/integration.db", { force: true });
  rmSync(".tmp/integration.db-journal", { force: true });
  execFileSync("./node_modules/.bin/prisma", ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: "pipe",
  });
}

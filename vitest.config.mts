import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { integrationDatabaseUrl } from "./test/global-setup";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      "@/": root,
      // `server-only` throws outside React's server build; tests run server code on purpose.
      "server-only": `${root}test/server-only.ts`,
    },
  },
  test: {
    include: ["lib/**/*.test.ts"],
    environment: "node",
    globalSetup: ["test/global-setup.ts"],
    // One database file for the run: test files run one after another.
    fileParallelism: false,
    env: {
      // TEST_DATABASE_URL=postgresql://…/rollbook_it runs the same tests on PostgreSQL.
      DATABASE_URL: integrationDatabaseUrl,
      NODE_ENV: "test",
    },
    testTimeout: 30_000,
  },
});

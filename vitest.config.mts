import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

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
      DATABASE_URL: "file:./.tmp/integration.db",
      NODE_ENV: "test",
    },
    testTimeout: 30_000,
  },
});

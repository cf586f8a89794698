import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";
import { migrationAdapter } from "./prisma/pg-migration-adapter";

// With a config file the Prisma CLI does not read .env itself.
if (existsSync(".env")) process.loadEnvFile(".env");
process.env.DATABASE_URL ??= "file:./data/rollbook.db";
const url = process.env.DATABASE_URL;
// DATABASE_URL chooses the database, as at run time (lib/server/db.ts).
// `npm run generate` makes both clients (it connects to neither).
const provider = /^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite";
// SQLite creates the file but not its folder.
if (provider === "sqlite" && url.startsWith("file:")) mkdirSync(dirname(url.slice("file:".length)), { recursive: true });

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: `prisma/${provider}`,
  migrations: { path: `prisma/${provider}/migrations` },
  adapter: async () => (provider === "postgres" ? migrationAdapter(url) : new PrismaBetterSQLite3({ url })),
});

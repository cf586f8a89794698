import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import pg from "pg";

const POSTGRES = /^postgres(ql)?:\/\//;

/**
 * Makes the throwaway database a test run uses, from the committed
 * migrations: a fresh SQLite file, or a PostgreSQL database dropped and
 * created anew. Refuses anything that doesn't look like a test database.
 */
export async function freshDatabase(url: string) {
  if (POSTGRES.test(url)) {
    const target = new URL(url);
    const name = target.pathname.slice(1);
    const host = target.hostname;
    if (!/^rollbook_(test|it|e2e|bench)[a-z0-9_]*$/.test(name) || !["127.0.0.1", "localhost", "::1"].includes(host)) {
      throw new Error(`Refusing to reset ${name} on ${host}: tests use rollbook_test*, _it*, _e2e* or _bench* on this machine.`);
    }
    const admin = new URL(url);
    admin.pathname = "/postgres";
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    // A template made (and checked) once per run saves migrate deploy's ~12 s per database.
    const template = process.env.TEST_PG_TEMPLATE;
    try {
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.query(template ? `CREATE DATABASE "${name}" TEMPLATE "${template}"` : `CREATE DATABASE "${name}"`);
    } finally {
      await client.end();
    }
    if (template) return;
  } else {
    const file = url.replace(/^file:/, "");
    if (!file.startsWith("./.tmp/") && !file.startsWith("./e2e/.tmp/")) throw new Error(`Refusing to reset ${url}.`);
    rmSync(file, { force: true });
    rmSync(`${file}-journal`, { force: true });
  }
  execFileSync("./node_modules/.bin/prisma", ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: "pipe",
  });
}

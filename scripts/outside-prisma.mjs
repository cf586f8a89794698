// `node scripts/outside-prisma.mjs <url>`: copies a scratch database that
// the migrations built, drops from the copy what they make that Prisma's
// schema cannot declare (prisma/<provider>/outside-prisma.sql: the
// people-search index), and prints the copy's URL, for
// scripts/check-migrations.sh to compare with the schema. The original is
// left whole (the test runs use it as their template). Each drop fails if
// its object is missing: a migration that stopped making it fails the check.
import { copyFileSync, readFileSync, rmSync } from "node:fs";
import Database from "better-sqlite3";
import pg from "pg";

const url = process.argv[2];
if (!url) {
  console.error("usage: node scripts/outside-prisma.mjs <scratch database url>");
  process.exit(2);
}
const postgres = /^postgres(ql)?:\/\//.test(url);
const sql = readFileSync(`prisma/${postgres ? "postgres" : "sqlite"}/outside-prisma.sql`, "utf8");
if (postgres) {
  const source = new URL(url);
  const name = source.pathname.slice(1);
  const copy = new URL(url);
  copy.pathname = `/${name}_prisma_only`;
  const server = new URL(url);
  server.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}_prisma_only" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}_prisma_only" TEMPLATE "${name}"`);
  } finally {
    await admin.end();
  }
  const client = new pg.Client({ connectionString: copy.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
  console.log(copy.toString());
} else {
  const file = url.replace(/^file:/, "");
  const copy = `${file.replace(/\.db$/, "")}-prisma-only.db`;
  rmSync(copy, { force: true });
  copyFileSync(file, copy);
  const db = new Database(copy, { fileMustExist: true });
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
  console.log(`file:${copy}`);
}

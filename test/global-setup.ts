import { freshDatabase } from "./database";

/** The database integration tests run on: SQLite by default, PostgreSQL when TEST_DATABASE_URL says so. */
export const integrationDatabaseUrl = process.env.TEST_DATABASE_URL ?? "file:./.tmp/integration.db";

/** A fresh database for each integration run. */
export default async function setup() {
  await freshDatabase(integrationDatabaseUrl);
}

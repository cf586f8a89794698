/** `tsx test/fresh-database.ts <url>`: a fresh, migrated test database (see test/database.ts). */
import { freshDatabase } from "./database";

const url = process.argv[2];
if (!url) {
  console.error("usage: tsx test/fresh-database.ts <database url>");
  process.exit(2);
}
freshDatabase(url).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

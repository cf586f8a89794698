import "server-only";
import { isPostgres } from "@/lib/server/db";

/**
 * Every difference between SQLite and PostgreSQL that the data layer's SQL
 * or Prisma filters must make, decided here and nowhere else (decision 007;
 * db.ts only chooses the driver). Code elsewhere asks for a capability by
 * name (`dialect().forUpdate`), never which database it is.
 *
 * SQL is written once for both: quoted identifiers, $1-style placeholders,
 * `RETURNING`, `ON CONFLICT DO NOTHING`, PostgreSQL's casts where a
 * parameter's type can't be inferred (`$3::timestamp(3)`), which SQLite's
 * text drops (`portableText`).
 */
export type Dialect = {
  name: "sqlite" | "postgres";
  /** appended to a SELECT that locks its rows until the transaction ends (SQLite's write transaction locks the whole database) */
  forUpdate: string;
  /** ... and passes over rows another transaction holds (workers taking the next email) */
  forUpdateSkipLocked: string;
  /** a Prisma text filter's option to ignore case (SQLite's LIKE does already, for ASCII) */
  ignoreCase: { mode?: "insensitive" };
  /** how the people search's index is kept (decision 027): an FTS5 trigram table asked first, or a trigram GIN index the planner uses itself */
  searchIndex: "fts5-table" | "trigram-gin";
  /** the id of the change set this transaction made last (SQLite: its writes are the only ones, so the highest) */
  lastChangeSetId: string;
  /** a condition: the text column holds a character beyond printable ASCII */
  beyondAscii(column: string): string;
};

const SQLITE: Dialect = {
  name: "sqlite",
  forUpdate: "",
  forUpdateSkipLocked: "",
  ignoreCase: {},
  searchIndex: "fts5-table",
  lastChangeSetId: `(SELECT MAX("id") FROM "ChangeSet")`,
  beyondAscii: (column) => `${column} GLOB '*[^ -~]*'`,
};
const POSTGRES: Dialect = {
  name: "postgres",
  forUpdate: " FOR UPDATE",
  forUpdateSkipLocked: " FOR UPDATE SKIP LOCKED",
  ignoreCase: { mode: "insensitive" },
  searchIndex: "trigram-gin",
  lastChangeSetId: `currval('"ChangeSet_id_seq"')`,
  beyondAscii: (column) => `${column} ~ '[^ -~]'`,
};

/** The database DATABASE_URL names. */
export function dialect(): Dialect {
  return isPostgres() ? POSTGRES : SQLITE;
}

/** A statement's text as this database takes it: SQLite's without PostgreSQL's casts. */
export function portableText(sql: string): string {
  return isPostgres() ? sql : sqliteText(sql);
}

const casts = /::"?[A-Za-z_]+"?(\(\d+\))?/g;
const forSqlite = new Map<string, string>();
/** A statement as SQLite takes it: without PostgreSQL's casts (remembered per text). */
export function sqliteText(sql: string): string {
  let text = forSqlite.get(sql);
  if (text === undefined) forSqlite.set(sql, (text = sql.replace(casts, "")));
  return text;
}

import { describe, expect, it } from "vitest";
import { db, isPostgres, rawConnection } from "@/lib/server/db";

/**
 * PostgreSQL's requests of several statements (db.ts `send`, decision 030):
 * each statement is prepared once per connection; a request that fails
 * part-way may have run its PREPAREs or not, and the next request on that
 * connection must work either way.
 */
describe.skipIf(!isPostgres())("PostgreSQL's batched requests", () => {
  it("run a statement prepared in a request that then failed, and one that never ran", async () => {
    const connection = await rawConnection(db).ready();
    if (connection.kind !== "postgres") throw new Error("PostgreSQL only");
    const client = await connection.connect();
    const stamp = Math.random().toString(36).slice(2, 8);
    const first = { sql: `SELECT $1::text AS "a", '${stamp}-1' AS "k"`, params: ["one"] };
    const never = { sql: `SELECT $1::text AS "b", '${stamp}-2' AS "k"`, params: ["two"] };
    try {
      // The first is prepared and run, then a statement fails, so the last is never prepared.
      await expect(client.send(["BEGIN", first, `SELECT 1 / 0`, never])).rejects.toThrow(/division by zero/);
      // The failed transaction's ROLLBACK goes in front of the next request (sql.ts): before the server is asked what is prepared.
      const [, , a, b] = await client.send(["ROLLBACK", "BEGIN", first, never]);
      expect(a!.rows).toEqual([{ a: "one", k: `${stamp}-1` }]);
      expect(b!.rows).toEqual([{ b: "two", k: `${stamp}-2` }]);
      await client.simple("ROLLBACK");
    } finally {
      client.release(false);
    }
  });
});

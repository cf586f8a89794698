import "server-only";
import { db, readRows } from "@/lib/server/db";
import { dialect } from "@/lib/server/data/dialect";
import { nameSortKey } from "@/lib/names";

/**
 * The sort keys the migration to given and family names could not make
 * (decision 038): SQL's lower() knows ASCII letters only on SQLite, and
 * neither database drops accents, so a name with other letters ("Émile")
 * is keyed again here, as lib/names keys it. Run by the server's background
 * work when it starts; a step (no viewer), idempotent, and cheap once done:
 * it reads only keys holding a letter beyond ASCII (after it, those whose
 * folded letters stay so, like "ø"), and writes only the keys that differ.
 */
export async function rekeyNames(): Promise<number> {
  let changed = 0;
  for (const table of ["Student", "Teacher"] as const) {
    const rows = await readRows(db, `SELECT "id", "givenName", "familyName", "sortName" FROM "${table}" WHERE ${dialect().beyondAscii(`"sortName"`)}`, []);
    for (const r of rows) {
      const key = nameSortKey({ givenName: String(r.givenName), familyName: String(r.familyName) });
      if (key === r.sortName) continue;
      // Not a change of the person (their updatedAt stays); a save since the read wins.
      const done = await readRows(db, `UPDATE "${table}" SET "sortName" = $1 WHERE "id" = $2 AND "sortName" = $3 RETURNING "id"`, [key, r.id, r.sortName]);
      changed += done.length;
    }
  }
  return changed;
}

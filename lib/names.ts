/**
 * A person's names (decision 038). A student or teacher has a given name and
 * a family name (which may be empty: a person with one name), as OneRoster
 * and every school information system keep them. Two columns follow from
 * them and are written only through `withNames`:
 * - `name`, the name as shown and searched: "Ada Lovelace";
 * - `sortName`, the key lists are ordered by: the family name first, letters
 *   folded to lower case without accents ("lovelace ada"), so a school's
 *   lists read as its registers do, the same on SQLite and PostgreSQL
 *   (whose databases compare bytes).
 */
export type PersonNames = { givenName: string; familyName: string };

/** A person's name as shown: "Ada Lovelace", or the given name alone. */
export function fullName(p: PersonNames): string {
  return p.familyName ? `${p.givenName} ${p.familyName}` : p.givenName;
}

/** Letters folded for ordering: lower case, accents dropped ("Émile" → "emile"). */
function fold(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

/**
 * The key a person is ordered by: the family name, then the given name
 * ("lovelace ada"); a person with one name by it alone. The space sorts
 * before letters, so "Lee, Ann" comes before "Leeds, Al".
 */
export function nameSortKey(p: PersonNames): string {
  return fold(p.familyName ? `${p.familyName} ${p.givenName}` : p.givenName);
}

/** A person's names with the shown name and the sort key that follow from them: what is written to a row. */
export function withNames<T extends PersonNames>(p: T): T & { name: string; sortName: string } {
  return { ...p, name: fullName(p), sortName: nameSortKey(p) };
}

/**
 * A one-field name split as the migration to two fields split the names
 * already saved: the last word is the family name, the rest the given name;
 * one word is a given name. For fixtures and demo data written as one
 * string; people's own names are entered as two fields.
 */
export function splitFullName(name: string): PersonNames {
  const trimmed = name.trim();
  const at = trimmed.lastIndexOf(" ");
  return at > 0 ? { givenName: trimmed.slice(0, at).trim(), familyName: trimmed.slice(at + 1) } : { givenName: trimmed, familyName: "" };
}

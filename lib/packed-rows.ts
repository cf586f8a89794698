/**
 * Rows of text cells handed from a server component to a client component
 * as one string: cells split by U+001F, rows by U+001E (the ASCII unit and
 * record separators). The RSC payload then carries a list of 1,000 rows as
 * a single string, where an array of arrays made React serialise, and parse
 * again for the HTML, each of its 4,000 cells one by one (docs/decisions/010).
 * The separators can't appear in a cell: any that would are shown as spaces.
 */
const CELL = "\u001f";
const ROW = "\u001e";
const SEPARATOR = /[\u001e\u001f]/;
const SEPARATORS = /[\u001e\u001f]/g;

const clean = (text: string) => (SEPARATOR.test(text) ? text.replace(SEPARATORS, " ") : text);

export function packRows(rows: string[][]): string {
  return rows.map((row) => row.map(clean).join(CELL)).join(ROW);
}

export function unpackRows(packed: string): string[][] {
  return packed === "" ? [] : packed.split(ROW).map((row) => row.split(CELL));
}

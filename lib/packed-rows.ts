/**
 * Rows of text cells handed from a server component to a client component
 * as one string: cells split by tabs, rows by newlines (which JSON, and so
 * the payload inlined in the page, writes in 2 bytes where other control
 * characters take 6). The RSC payload then carries a list of 1,000 rows as
 * a single string, where an array of arrays made React serialise, and parse
 * again for the HTML, each of its 4,000 cells one by one (docs/decisions/010).
 * The separators can't appear in a cell: any that would are shown as spaces
 * (as HTML shows them anyway).
 */
const CELL = "\t";
const ROW = "\n";
const SEPARATOR = /[\t\n]/;
const SEPARATORS = /[\t\n]/g;

const clean = (text: string) => (SEPARATOR.test(text) ? text.replace(SEPARATORS, " ") : text);

export function packRows(rows: string[][]): string {
  return rows.map((row) => row.map(clean).join(CELL)).join(ROW);
}

export function unpackRows(packed: string): string[][] {
  return packed === "" ? [] : packed.split(ROW).map((row) => row.split(CELL));
}

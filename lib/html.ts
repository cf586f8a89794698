/** Text made safe to place between HTML tags or inside a quoted attribute. */
export function escapeHtml(text: string): string {
  // Most text (names, emails, dates) has nothing to escape: then it is returned as it is.
  return SPECIAL.test(text) ? text.replace(SPECIALS, (c) => `&#${c.charCodeAt(0)};`) : text;
}
const SPECIAL = /[&<>"']/;
const SPECIALS = /[&<>"']/g;

/**
 * Escaped as escapeHtml, with an email's natural places to wrap marked
 * (<wbr> after its @ and before each dot): a long address in a narrow cell
 * wraps there, not in the middle of a name (the CSS breaks a word only when
 * nothing else fits).
 */
export function escapeWrappable(text: string): string {
  const safe = escapeHtml(text);
  return text.includes("@") ? safe.replace(/@/g, "@<wbr>").replace(/\./g, "<wbr>.") : safe;
}

/**
 * The rows of a table as one HTML string, each cell's text escaped. For
 * read-only tables with up to thousands of rows, where React elements per
 * cell cost most of the page's render time and double its size (markup plus
 * the RSC payload). Columns marked `numeric` align right. Cells and rows
 * leave out their end tags, which HTML makes optional there (the browser
 * closes each at the next cell or row): a fifth of a roster's bytes.
 */
export function tableRowsHtml<T>(rows: T[], columns: { cell: (row: T) => string; numeric?: boolean }[]): string {
  const open = columns.map((c) => (c.numeric ? '<td class="text-right">' : "<td>"));
  let html = "";
  for (const row of rows) {
    html += "<tr>";
    for (let i = 0; i < columns.length; i++) html += open[i] + escapeWrappable(columns[i]!.cell(row));
  }
  return html;
}

/** Text made safe to place between HTML tags or inside a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The rows of a table as one HTML string, each cell's text escaped. For
 * read-only tables with up to thousands of rows, where React elements per
 * cell cost most of the page's render time and double its size (markup plus
 * the RSC payload). Columns marked `numeric` align right.
 */
export function tableRowsHtml<T>(rows: T[], columns: { cell: (row: T) => string; numeric?: boolean }[]): string {
  const open = columns.map((c) => (c.numeric ? '<td class="text-right">' : "<td>"));
  let html = "";
  for (const row of rows) {
    html += "<tr>";
    for (let i = 0; i < columns.length; i++) html += open[i] + escapeHtml(columns[i]!.cell(row)) + "</td>";
    html += "</tr>";
  }
  return html;
}

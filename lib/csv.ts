/**
 * CSV for spreadsheets: RFC 4180 quoting (commas, quotes, newlines), CRLF line
 * ends, a UTF-8 byte order mark so Excel reads names right, and cells that a
 * spreadsheet would run as a formula (=, +, -, @, tab, CR) prefixed with an
 * apostrophe (OWASP's advice against CSV injection).
 */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return "\uFEFF" + rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

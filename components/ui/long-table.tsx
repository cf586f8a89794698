"use client";
import { headerLabels, TableHead } from "@/components/ui/table-head";
import { tableRowsHtml } from "@/lib/html";
import { unpackRows } from "@/lib/packed-rows";

/**
 * A read-only table for lists that can run to thousands of rows (a class's
 * whole roster): the rows come as plain text cells and the body is drawn as
 * one escaped HTML string, on the server and in the browser alike, so the
 * page carries the rows once as data (one packed string) and once as
 * markup, not as markup twice (docs/decisions/010). Numeric columns align right.
 */
export function LongTable({ columns, packedRows }: { columns: { header: string; numeric?: boolean }[]; /** by packRows (lib/packed-rows.ts) */ packedRows: string }) {
  const rows = unpackRows(packedRows);
  const cells = columns.map((c, i) => ({ cell: (row: string[]) => row[i] ?? "", numeric: c.numeric }));
  return (
    <table className="data-table w-full text-left text-sm" style={headerLabels(columns.map((c) => c.header))}>
      <TableHead columns={columns} />
      <tbody className="divide-y divide-slate-100" dangerouslySetInnerHTML={{ __html: tableRowsHtml(rows, cells) }} />
    </table>
  );
}

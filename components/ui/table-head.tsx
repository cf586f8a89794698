/** A table's header row, for DataTable and LongTable alike; numeric columns align right. */
export function TableHead({ columns }: { columns: { header: string; numeric?: boolean }[] }) {
  return (
    <thead className="border-b border-slate-200 text-slate-700">
      <tr>
        {columns.map((c) => (
          <th key={c.header} scope="col" className={c.numeric ? "py-2 text-right" : "py-2"}>
            {c.header}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/**
 * A table's column names as CSS variables (--h1, --h2…): under 640 px a
 * `data-table` becomes a stack of cards, each cell labelled with its
 * column's name from these (app/globals.css), at no cost per row.
 */
export function headerLabels(headers: string[]): React.CSSProperties {
  return Object.fromEntries(headers.slice(0, 8).map((h, i) => [`--h${i + 1}`, JSON.stringify(h)])) as React.CSSProperties;
}

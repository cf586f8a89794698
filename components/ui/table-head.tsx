import Link from "next/link";

/** How a list is ordered, and the address of each other order (the URL keeps it: shareable, Back works). */
export type Sorting = { key: string; dir: "asc" | "desc"; href: (key: string, dir: "asc" | "desc") => string };

/**
 * A table's header row, for DataTable and LongTable alike; numeric columns
 * align right. A column with a `sort` key is a link that orders the list by
 * it (again: the other way), and says which way it is ordered (aria-sort).
 */
export function TableHead({ columns, sorting }: { columns: { header: string; numeric?: boolean; sort?: string }[]; sorting?: Sorting }) {
  return (
    <thead className="border-b border-slate-200 text-slate-700">
      <tr>
        {columns.map((c) => {
          const current = sorting && c.sort === sorting.key ? sorting.dir : null;
          return (
            <th
              key={c.header}
              scope="col"
              className={c.numeric ? "py-2 text-right" : "py-2"}
              aria-sort={current ? (current === "asc" ? "ascending" : "descending") : undefined}
            >
              {sorting && c.sort ? (
                <Link href={sorting.href(c.sort, current === "asc" ? "desc" : "asc")} className="text-slate-800">
                  {c.header}
                  {current ? <span aria-hidden="true">{current === "asc" ? " ▲" : " ▼"}</span> : null}
                </Link>
              ) : (
                c.header
              )}
            </th>
          );
        })}
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

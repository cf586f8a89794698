import Link from "next/link";
import { PageTitle, plural } from "@/components/ui/page-title";
import { Pagination } from "@/components/ui/pagination";
import { FilterSelect, SearchForm } from "@/components/ui/search-form";
import { PAGE_SIZES } from "@/lib/pager";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { headerLabels, TableHead, type Sorting } from "@/components/ui/table-head";

export type Column<T> = { header: string; cell: (row: T) => React.ReactNode; numeric?: boolean; /** the list's order key, for a sortable column */ sort?: string };

/** A plain table with a header row; numeric columns align right. */
export function DataTable<T extends { id: string }>({ columns, rows, sorting }: { columns: Column<T>[]; rows: T[]; sorting?: Sorting }) {
  return (
    <table className="data-table w-full text-left text-sm" style={headerLabels(columns.map((c) => c.header))}>
      <TableHead columns={columns} sorting={sorting} />
      <tbody className="divide-y divide-slate-100">
        {rows.map((row) => (
          <tr key={row.id}>
            {columns.map((c) => (
              <td key={c.header} className={c.numeric ? "text-right" : undefined}>
                {c.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** An admin list: title with a "New" button, search, the total, a table, and pages. */
export function ListPage<T extends { id: string }>({
  title,
  create,
  basePath,
  q,
  search,
  noun,
  list,
  columns,
  sort,
  filters,
  pageSize,
}: {
  title: string;
  create: { href: string; label: string };
  basePath: string;
  q: string;
  search: { label: string; placeholder: string };
  noun: [one: string, many: string];
  list: { rows: T[]; total: number; page: number; pageCount: number };
  columns: Column<T>[];
  /** the list's order, where its columns offer one */
  sort?: { key: string; dir: "asc" | "desc" };
  /**
   * the list's filters: their values (kept through pages and orders; empty or "all" is "any"), their controls,
   * and where "Show all" goes (the list's own address unless said: a list whose default is filtered says otherwise)
   */
  filters?: { values: Record<string, string>; controls: React.ReactNode; summary: string; showAll?: string };
  /** rows a page, where the list offers a choice (PAGE_SIZES; the first is the default and stays out of the URL) */
  pageSize?: number;
}) {
  const size = pageSize && pageSize !== PAGE_SIZES[0] ? String(pageSize) : "";
  const kept = Object.fromEntries(Object.entries({ q, ...filters?.values, size }).filter(([, v]) => v));
  // The order goes with the search and filters; a new order starts at page 1.
  const params = { ...kept, ...(sort ? { sort: sort.key, dir: sort.dir } : {}) };
  const sorting: Sorting | undefined = sort && {
    ...sort,
    href: (key, dir) => `${basePath}?${new URLSearchParams({ ...kept, sort: key, dir })}`,
  };
  const filtered = filters && Object.values(filters.values).some((v) => v && v !== "all");
  return (
    <>
      <PageTitle title={title}>
        <Link href={create.href} className={buttonClass}>
          {create.label}
        </Link>
      </PageTitle>
      <div className={cardClass}>
        <SearchForm action={basePath} q={q} label={search.label} placeholder={search.placeholder}>
          {filters?.controls}
          {pageSize ? (
            <FilterSelect
              name="size"
              label="Per page"
              value={size}
              options={PAGE_SIZES.map((n, i) => ({ value: i === 0 ? "" : String(n), label: String(n) }))}
            />
          ) : null}
        </SearchForm>
        <p className="mt-4 text-sm text-slate-700" role="status">
          {plural(list.total, ...noun)}
          {q ? ` matching “${q}”` : ""}
          {filtered ? ` ${filters.summary}` : ""}
          {filtered || q ? (
            <>
              {" · "}
              <Link href={filters?.showAll ?? basePath}>Show all</Link>
            </>
          ) : null}
        </p>
        <div className="mt-2">
          <DataTable columns={columns} rows={list.rows} sorting={sorting} />
        </div>
        <Pagination basePath={basePath} page={list.page} pageCount={list.pageCount} params={params} />
      </div>
    </>
  );
}

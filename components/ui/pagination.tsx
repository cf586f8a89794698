import Link from "next/link";

/** Previous / next links that keep the search; the page lives in the URL. */
export function Pagination({
  basePath,
  page,
  pageCount,
  params = {},
  label = "Pages",
  pageParam = "page",
}: {
  basePath: string;
  page: number;
  pageCount: number;
  params?: Record<string, string>;
  label?: string;
  /** the search parameter that holds the page, where a page pages two lists */
  pageParam?: string;
}) {
  if (pageCount <= 1) return null;
  const href = (p: number) => {
    const search = new URLSearchParams({ ...Object.fromEntries(Object.entries(params).filter(([, v]) => v)), [pageParam]: String(p) });
    return `${basePath}?${search}`;
  };
  const linkClass = "rounded-md border border-slate-300 bg-white px-3 py-1 text-sm";
  return (
    <nav aria-label={label} className="mt-4 flex items-center gap-3">
      {page > 1 ? (
        <Link href={href(page - 1)} className={linkClass} rel="prev">
          Previous
        </Link>
      ) : null}
      <span className="text-sm text-slate-700">
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <Link href={href(page + 1)} className={linkClass} rel="next">
          Next
        </Link>
      ) : null}
    </nav>
  );
}

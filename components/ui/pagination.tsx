import Link from "next/link";
import { pageNumbers } from "@/lib/pager";

/** Previous / numbered / next links that keep the search; the page lives in the URL. */
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
    <nav aria-label={label} className="mt-4 flex flex-wrap items-center gap-x-3 gap-y-2">
      {page > 1 ? (
        <Link href={href(page - 1)} className={linkClass} rel="prev">
          Previous
        </Link>
      ) : null}
      <span className="text-sm text-slate-700">
        Page {page} of {pageCount.toLocaleString("en")}
      </span>
      {page < pageCount ? (
        <Link href={href(page + 1)} className={linkClass} rel="next">
          Next
        </Link>
      ) : null}
      <ol className="flex flex-wrap items-center gap-1 text-sm">
        {pageNumbers(page, pageCount).map((n, i) =>
          n === null ? (
            <li key={`gap-${i}`} aria-hidden="true" className="px-1 text-slate-600">
              …
            </li>
          ) : (
            <li key={n}>
              {n === page ? (
                <span aria-current="page" className="rounded-md bg-indigo-700 px-2 py-1 font-medium text-white">
                  {n}
                </span>
              ) : (
                <Link href={href(n)} aria-label={`Page ${n}`} className="rounded-md px-2 py-1 no-underline hover:bg-slate-100">
                  {n}
                </Link>
              )}
            </li>
          ),
        )}
      </ol>
    </nav>
  );
}

/** Rows a page in the admin lists, unless the address asks for another of PAGE_SIZES (`size`). */
export const PAGE_SIZE = 25;
export const PAGE_SIZES = [25, 50, 100] as const;

/** A page size from the URL: one of PAGE_SIZES, else the default. */
export function parsePageSize(raw: unknown): number {
  return PAGE_SIZES.find((n) => String(n) === raw) ?? PAGE_SIZE;
}

/** The page numbers to link: the first, the last, and two either side of the current one; null where pages are left out. */
export function pageNumbers(page: number, pageCount: number): (number | null)[] {
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pageCount])]
    .filter((n) => n >= 1 && n <= pageCount)
    .sort((a, b) => a - b);
  return shown.flatMap((n, i) => (i > 0 && n - shown[i - 1]! > 1 ? [null, n] : [n]));
}

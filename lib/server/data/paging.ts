
import { PAGE_SIZE } from "@/lib/pager";
import { ONE_LINE_CONTROLS } from "@/lib/schemas/text";

export { PAGE_SIZE, PAGE_SIZES, parsePageSize } from "@/lib/pager";

export type Page<T> = {
  rows: T[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
};

/** A 1-based page number from the URL; anything odd is page 1. */
export function parsePage(raw: unknown): number {
  const n = typeof raw === "string" && /^\d{1,6}$/.test(raw) ? Number(raw) : 1;
  return n >= 1 ? n : 1;
}

const CONTROLS = new RegExp(ONE_LINE_CONTROLS.source, "g");
/** A search string from the URL or a form, trimmed and bounded, control characters left out (the front door refuses them in an address). */
export function parseQuery(raw: unknown): string {
  return typeof raw === "string" ? raw.replace(CONTROLS, "").trim().slice(0, 100) : "";
}

/** A list's order from the URL (`sort=number&dir=desc`): one of `keys` (the first by default), ascending unless said. */
export type Sort<K extends string> = { key: K; dir: "asc" | "desc" };
export function parseSort<K extends string>(sort: unknown, dir: unknown, keys: readonly K[]): Sort<K> {
  const key = keys.find((k) => k === sort) ?? keys[0]!;
  return { key, dir: dir === "desc" ? "desc" : "asc" };
}

export function pageWindow(page: number, total: number, pageSize = PAGE_SIZE) {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(page, pageCount);
  return { page: current, pageCount, skip: (current - 1) * pageSize, take: pageSize, pageSize };
}

/** A page of rows as lists return it: the rows, the total, and where the page stands (from `pageWindow`). */
export function pageOf<T>(rows: T[], total: number, w: { page: number; pageCount: number; pageSize: number }): Page<T> {
  return { rows, total, page: w.page, pageCount: w.pageCount, pageSize: w.pageSize };
}

/**
 * For raw SQL: `LOWER(column) LIKE $n ESCAPE '\\'` with this pattern finds q
 * anywhere in the column, ignoring case, with % and _ in q taken literally.
 */
export function likePattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}


/** For raw SQL: any of `columns` containing the text whose likePattern is the parameter `param`. */
export function textMatch(columns: string[], param: string): string {
  return `(${columns.map((c) => `LOWER(${c}) LIKE ${param} ESCAPE '\\'`).join(" OR ")})`;
}

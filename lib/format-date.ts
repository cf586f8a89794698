/**
 * Dates in messages the data layer writes ("opens 1 Sep 2026, 09:00"), in the
 * server's time zone (TZ), which is the school's. Pages format dates in the
 * viewer's locale instead (lib/server/format.ts).
 */
export function formatDateTime(date: Date): string {
  // Made once: building a formatter costs about a millisecond.
  format ??= new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });
  return format.format(date);
}
let format: Intl.DateTimeFormat | undefined;

/** "18 Dec 2026": a calendar day in messages, in the server's time zone. */
export function formatDay(date: Date): string {
  dayFormat ??= new Intl.DateTimeFormat("en-GB", { dateStyle: "medium" });
  return dayFormat.format(date);
}
let dayFormat: Intl.DateTimeFormat | undefined;

/** "2026-09-03": the calendar day in the server's time zone (the school's), for CSV files. */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The start of `date`'s calendar day in the server's time zone (the school's). */
export function startOfDay(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

/**
 * "2026-09-01" (a date input's value, or a CSV's) as the start of that day in
 * the school's time zone (TZ); null when not a real calendar day (2026-02-30).
 */
export function parseDay(raw: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw.trim());
  if (!m) return null;
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return date.getDate() === Number(m[3]) && date.getMonth() === Number(m[2]) - 1 ? date : null;
}

/** The end of a calendar day (YYYY-MM-DD) in the school's time zone, or null if it isn't a date. */
export function endOfDay(day: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59, 999);
  return date.getDate() === Number(m[3]) ? date : null;
}

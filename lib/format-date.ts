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

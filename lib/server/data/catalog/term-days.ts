import "server-only";

/**
 * A term's days as the rest of the data layer asks about them: whether a
 * class is shown to students (its term is current or next), and when a
 * term's classes end. No reads of its own.
 */

/**
 * SQL: the class aliased `k` has no term, or a term that is current or the
 * next one on the day in parameter `today` (the start of today, like `$2`):
 * the classes students see (docs/decisions/023).
 */
export function inShownTermSql(k: string, today: string): string {
  const nextStart = `COALESCE((SELECT MIN(n."startsOn") FROM "Term" n WHERE n."startsOn" > ${today}), ${today})`;
  return `(${k}."termId" IS NULL OR EXISTS (SELECT 1 FROM "Term" m WHERE m."id" = ${k}."termId" AND m."endsOn" >= ${today} AND m."startsOn" <= ${nextStart}))`;
}

/** The instant after a term's last day: when its classes end. */
export function termEnd(term: { endsOn: Date }): Date {
  const end = new Date(term.endsOn);
  end.setDate(end.getDate() + 1);
  return end;
}

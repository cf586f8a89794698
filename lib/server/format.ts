import "server-only";
import { headers } from "next/headers";
import { cache } from "react";

/** The viewer's first Accept-Language locale that this runtime knows, else en-GB. */
export const getLocale = cache(async (): Promise<string> => localeFor((await headers()).get("accept-language") ?? ""));

// Building an Intl formatter costs about a millisecond: each is made once per locale.
const locales = new Map<string, string>();
const formatters = new Map<string, Intl.DateTimeFormat>();

function remember<V>(map: Map<string, V>, key: string, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    if (map.size >= 200) map.clear(); // bounded: Accept-Language comes from the client
    map.set(key, (value = make()));
  }
  return value;
}

function localeFor(header: string): string {
  return remember(locales, header, () => firstKnownLocale(header));
}

function firstKnownLocale(header: string): string {
  for (const part of header.split(",")) {
    const tag = part.split(";")[0]?.trim();
    if (!tag || tag === "*") continue;
    try {
      const [supported] = Intl.DateTimeFormat.supportedLocalesOf(tag);
      if (supported) return supported;
    } catch {
      // not a valid language tag: try the next one
    }
  }
  return "en-GB";
}

/**
 * Formats dates as "3 Sep 2026" in the viewer's locale, in the server's time
 * zone (set TZ to the school's), the zone admins enter windows and deadlines in.
 */
export async function getDateFormatter(): Promise<(date: Date) => string> {
  const locale = await getLocale();
  return remember(dayFormatters, locale, () => dayFormatter(locale));
}

/** "3 Sep 2026" in `locale` and this process's time zone. */
export function dayFormatter(locale: string): (date: Date) => string {
  const format = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", year: "numeric" });
  // A roster of 1,000 formats 1,000 dates; Intl takes ~1 µs each. Every
  // time zone in use is offset from UTC by whole quarter hours, so all the
  // instants of one UTC quarter hour fall on the same local day: each
  // quarter hour is formatted once (a bounded cache per locale).
  const days = new Map<number, string>();
  return (date: Date) => {
    const quarter = Math.floor(date.getTime() / QUARTER_HOUR_MS);
    let text = days.get(quarter);
    if (text === undefined) {
      if (days.size >= 50_000) days.clear();
      days.set(quarter, (text = format.format(date)));
    }
    return text;
  };
}
const QUARTER_HOUR_MS = 15 * 60_000;
const dayFormatters = new Map<string, (date: Date) => string>();

/**
 * "3 Sep 2026, 14:05 BST" in the viewer's locale and the server's time zone
 * (the school's), named beside the time: a viewer elsewhere sees whose 14:05 it is.
 * On the 24-hour clock whatever the locale, as class times are ("Mon 09:00–10:00").
 */
export async function getDateTimeFormatter(): Promise<(date: Date) => string> {
  const locale = await getLocale();
  const format = remember(
    formatters,
    `datetime ${locale}`,
    () => new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" }),
  );
  return (date) => format.format(date);
}

/** The school's time zone (the server's TZ), as an IANA name like "Europe/London". */
export function schoolTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

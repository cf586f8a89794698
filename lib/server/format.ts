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
  const format = remember(formatters, `date ${locale}`, () => new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", year: "numeric" }));
  return (date) => format.format(date);
}

/** "3 Sep 2026, 14:05" in the viewer's locale and the server's time zone. */
export async function getDateTimeFormatter(): Promise<(date: Date) => string> {
  const locale = await getLocale();
  const format = remember(formatters, `datetime ${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }));
  return (date) => format.format(date);
}

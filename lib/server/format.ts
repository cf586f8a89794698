import "server-only";
import { headers } from "next/headers";
import { cache } from "react";

/** The viewer's first Accept-Language locale that this runtime knows, else en-GB. */
export const getLocale = cache(async (): Promise<string> => {
  const header = (await headers()).get("accept-language") ?? "";
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
});

/**
 * Formats dates as "3 Sep 2026" in the viewer's locale, in the server's time
 * zone (set TZ to the school's), the zone admins enter windows and deadlines in.
 */
export async function getDateFormatter(): Promise<(date: Date) => string> {
  const format = new Intl.DateTimeFormat(await getLocale(), {
    day: "numeric",
    month: "short",
    year: "numeric",
  });
  return (date) => format.format(date);
}

/** "3 Sep 2026, 14:05" in the viewer's locale and the server's time zone. */
export async function getDateTimeFormatter(): Promise<(date: Date) => string> {
  const format = new Intl.DateTimeFormat(await getLocale(), { dateStyle: "medium", timeStyle: "short" });
  return (date) => format.format(date);
}

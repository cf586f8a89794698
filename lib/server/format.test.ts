import { afterAll, describe, expect, it } from "vitest";
import { dayFormatter } from "@/lib/server/format";

describe("dates as days", () => {
  const zone = process.env.TZ;
  afterAll(() => {
    process.env.TZ = zone;
  });

  // Zones a quarter or half hour off UTC, with and without daylight saving, and UTC itself.
  it.each(["UTC", "Asia/Kathmandu", "America/St_Johns", "Australia/Adelaide", "Europe/London", "Pacific/Chatham"])(
    "formats every instant as Intl does, in %s",
    (tz) => {
      process.env.TZ = tz;
      // The zone took effect (ICU may name it by an alias: Asia/Katmandu).
      if (tz !== "UTC") expect(new Intl.DateTimeFormat().resolvedOptions().timeZone).not.toBe("UTC");
      const cached = dayFormatter("en-GB");
      const intl = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric" });
      // Every 7 minutes (so each quarter hour is hit at different minutes) across two years, twice over.
      const start = Date.UTC(2025, 0, 1);
      for (let pass = 0; pass < 2; pass++) {
        for (let t = start; t < start + 2 * 366 * 86_400_000; t += 7 * 60_000) {
          const date = new Date(t);
          if (cached(date) !== intl.format(date)) expect(cached(date)).toBe(intl.format(date));
        }
      }
    },
  );
});

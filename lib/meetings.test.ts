import { describe, expect, it } from "vitest";
import { firstClash, meetingLabels, meetingsText, parseMeetings, spansOverlap, weekGrid, type Meeting } from "@/lib/meetings";

const read = (text: string) => {
  const parsed = parseMeetings(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.meetings;
};

describe("meeting times as text", () => {
  it("reads days, times and rooms, a line or a semicolon each, in the ways people write them", () => {
    expect(read("Mon Wed 09:00-10:30 Room 12; Fri 13:00–14:00")).toEqual([
      { day: 1, start: 540, end: 630, room: "Room 12" },
      { day: 3, start: 540, end: 630, room: "Room 12" },
      { day: 5, start: 780, end: 840, room: "" },
    ]);
    expect(read("Tue/Thu 8:15 to 9:00, Lab 3")).toEqual([
      { day: 2, start: 495, end: 540, room: "Lab 3" },
      { day: 4, start: 495, end: 540, room: "Lab 3" },
    ]);
    expect(read("mon - fri 07:45-08:00 Hall").map((m) => m.day)).toEqual([1, 2, 3, 4, 5]);
    expect(read("Monday and Friday 10:00-11:00").map((m) => m.day)).toEqual([1, 5]);
    expect(read("  \n ")).toEqual([]);
  });

  it("writes them back the same way, grouping days with the same time and room", () => {
    const text = "Mon Wed 09:00-10:30 Room 12; Fri 13:00-14:00";
    expect(meetingsText(read(text))).toBe(text);
    expect(meetingsText(read("Fri 13:00-14:00\nWed 09:00-10:30 Room 12\nMon 09:00-10:30 Room 12"))).toBe(text);
    expect(meetingLabels(read(text))).toEqual(["Mon, Wed 09:00–10:30, Room 12", "Fri 13:00–14:00"]);
  });

  it("says what is wrong, naming the line", () => {
    const message = (text: string) => {
      const parsed = parseMeetings(text);
      return parsed.ok ? null : parsed.message;
    };
    expect(message("Mon 9-10")).toBe("“Mon 9-10”: write the times like 09:00-10:30, after the days.");
    expect(message("Mon 09:00-10:00\nMox 10:00-11:00")).toBe(
      "Line 2 (“Mox 10:00-11:00”): “mox” is not a day: use Mon, Tue, Wed, Thu, Fri, Sat or Sun.",
    );
    expect(message("09:00-10:00")).toBe("“09:00-10:00”: name the days before the time, like Mon Wed 09:00-10:30.");
    expect(message("Mon 10:00-09:00")).toBe("“Mon 10:00-09:00”: it ends before it starts.");
    expect(message("Mon 23:00-25:00")).toBe("“Mon 23:00-25:00”: times run from 00:00 to 24:00.");
    expect(message("Fri-Mon 09:00-10:00")).toBe("“Fri-Mon 09:00-10:00”: “fri-mon” is not a run of days, like Mon-Fri.");
    expect(message("Mon 09:00-10:00; Mon 09:30-11:00")).toBe("Mon 09:00–10:00 and Mon 09:30–11:00 overlap: write each time once.");
    expect(message(`Mon 09:00-10:00 ${"x".repeat(41)}`)).toMatch(/keep the room under 40 characters/);
    expect(message(Array.from({ length: 21 }, (_, i) => `Mon ${String(i).padStart(2, "0")}:00-${String(i).padStart(2, "0")}:30`).join("\n"))).toBe(
      "A class can meet at most 20 times a week.",
    );
  });
});

describe("clashes", () => {
  const at = (day: number, from: string, to: string): Meeting => {
    const min = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
    return { day, start: min(from), end: min(to), room: "" };
  };
  const autumn = { startsOn: new Date(2026, 8, 1), endsOn: new Date(2026, 11, 18) };
  const spring = { startsOn: new Date(2027, 0, 11), endsOn: new Date(2027, 4, 28) };

  it("is the same day at overlapping times, in weeks both classes have", () => {
    const a = { meetings: [at(1, "09:00", "10:00")], term: autumn };
    expect(firstClash(a, { meetings: [at(1, "09:30", "10:30")], term: autumn })).not.toBeNull();
    // back to back is not a clash; another day is not one
    expect(firstClash(a, { meetings: [at(1, "10:00", "11:00")], term: autumn })).toBeNull();
    expect(firstClash(a, { meetings: [at(2, "09:00", "10:00")], term: autumn })).toBeNull();
    // another term's class meets in other weeks; a class without a term meets every week
    expect(firstClash(a, { meetings: [at(1, "09:00", "10:00")], term: spring })).toBeNull();
    expect(firstClash(a, { meetings: [at(1, "09:00", "10:00")], term: null })).not.toBeNull();
    expect(spansOverlap(autumn, { startsOn: autumn.endsOn, endsOn: spring.endsOn })).toBe(true);
  });
});

describe("the week as a table", () => {
  it("has a row per time, a column per weekday, and marks what clashes", () => {
    const entry = (code: string, text: string, waiting = false) => ({ id: code, code, title: code, waiting, meetings: read(text) });
    const grid = weekGrid([entry("MATH", "Mon Wed 09:00-10:00 R1"), entry("ART", "Wed 09:30-10:30", true), entry("PE", "Sat 08:00-09:00")]);
    expect(grid.days).toEqual([1, 2, 3, 4, 5, 6]);
    expect(grid.slots.map((s) => [s.start, s.end, s.cells.map((c) => c.map((x) => `${x.entry.code}${x.clash ? "!" : ""}`).join())])).toEqual([
      [480, 540, ["", "", "", "", "", "PE"]],
      [540, 600, ["MATH", "", "MATH!", "", "", ""]],
      [570, 630, ["", "", "ART!", "", "", ""]],
    ]);
  });
});

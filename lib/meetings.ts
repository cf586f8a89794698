/**
 * When a class meets: weekly meetings (a day, a start and an end on the
 * school's clock, a room), their one text form (the class form's field and
 * the classes CSV's column: "Mon Wed 09:00-10:30 Room 12; Fri 13:00-14:00"),
 * and when two classes clash (docs/decisions/024). Client-safe: the catalog
 * marks clashes from the same rules the server refuses them by.
 */

/** `day`: ISO weekday, 1 = Monday ... 7 = Sunday; `start`/`end`: minutes after midnight. */
export type Meeting = { day: number; start: number; end: number; room: string };

export const DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;
export const DAY_SHORT = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;
/** A class meets at most this many times a week. */
export const MAX_MEETINGS = 20;
export const MAX_ROOM = 40;

/** 570 -> "09:30" */
export function formatTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

export function byDayAndTime(a: Meeting, b: Meeting): number {
  return a.day - b.day || a.start - b.start || a.end - b.end || a.room.localeCompare(b.room);
}

/** Meetings with the same times and room, one group per line: "Mon Wed 09:00-10:30 Room 12". */
function grouped(meetings: Meeting[]): { days: number[]; start: number; end: number; room: string }[] {
  const groups = new Map<string, { days: number[]; start: number; end: number; room: string }>();
  for (const m of [...meetings].sort(byDayAndTime)) {
    const key = `${m.start}|${m.end}|${m.room}`;
    const group = groups.get(key);
    if (group) group.days.push(m.day);
    else groups.set(key, { days: [m.day], start: m.start, end: m.end, room: m.room });
  }
  return [...groups.values()].sort((a, b) => a.days[0]! - b.days[0]! || a.start - b.start);
}

/** The text form, which `parseMeetings` reads back: "Mon Wed 09:00-10:30 Room 12; Fri 13:00-14:00". */
export function meetingsText(meetings: Meeting[], separator = "; "): string {
  return grouped(meetings)
    .map((g) => `${g.days.map((d) => DAY_SHORT[d - 1]).join(" ")} ${formatTime(g.start)}-${formatTime(g.end)}${g.room ? ` ${g.room}` : ""}`)
    .join(separator);
}

/** For reading: "Mon, Wed 09:00–10:30, Room 12", one string per group. */
export function meetingLabels(meetings: Meeting[]): string[] {
  return grouped(meetings).map(
    (g) => `${g.days.map((d) => DAY_SHORT[d - 1]).join(", ")} ${formatTime(g.start)}–${formatTime(g.end)}${g.room ? `, ${g.room}` : ""}`,
  );
}

/** "Mon 09:00–10:00": one meeting, for a clash's message. */
export function meetingLabel(m: Pick<Meeting, "day" | "start" | "end">): string {
  return `${DAY_SHORT[m.day - 1]} ${formatTime(m.start)}–${formatTime(m.end)}`;
}

const DAY_WORDS: [number, string[]][] = [
  [1, ["mo", "mon", "monday"]],
  [2, ["tu", "tue", "tues", "tuesday"]],
  [3, ["we", "wed", "wednesday"]],
  [4, ["th", "thu", "thur", "thurs", "thursday"]],
  [5, ["fr", "fri", "friday"]],
  [6, ["sa", "sat", "saturday"]],
  [7, ["su", "sun", "sunday"]],
];
const DAY_OF = new Map(DAY_WORDS.flatMap(([day, words]) => words.map((w) => [w, day] as const)));
const TIME_RANGE = /(\d{1,2}):(\d{2})\s*(?:-|–|—|to)\s*(\d{1,2}):(\d{2})/i;

type Parsed = { ok: true; meetings: Meeting[] } | { ok: false; message: string };

/**
 * Reads meetings written one group per line (or separated by ";"): the
 * days, then the start and end, then the room if any. "Mon Wed 09:00-10:30
 * Room 12", "Tue/Thu 13:00–14:30", "Mon-Fri 8:00-8:15 Hall". Times are
 * 24-hour on the school's clock. Empty text: no meetings. A mistake names
 * the line and what to write instead.
 */
export function parseMeetings(text: string): Parsed {
  const lines = text
    .split(/[\n;]/)
    .map((l) => l.trim())
    .filter(Boolean);
  const meetings: Meeting[] = [];
  for (const [i, line] of lines.entries()) {
    const where = lines.length > 1 ? `Line ${i + 1} (“${line}”)` : `“${line}”`;
    const time = TIME_RANGE.exec(line);
    if (!time) return { ok: false, message: `${where}: write the times like 09:00-10:30, after the days.` };
    const [h1, m1, h2, m2] = time.slice(1).map(Number) as [number, number, number, number];
    const start = h1 * 60 + m1;
    const end = h2 * 60 + m2;
    if (m1 > 59 || m2 > 59 || start >= 24 * 60 || end > 24 * 60) return { ok: false, message: `${where}: times run from 00:00 to 24:00.` };
    if (end <= start) return { ok: false, message: `${where}: it ends before it starts.` };
    const days = readDays(line.slice(0, time.index));
    if (typeof days === "string") return { ok: false, message: `${where}: ${days}` };
    const room = line
      .slice(time.index + time[0].length)
      .trim()
      .replace(/^[,·@]\s*/, "");
    if (room.length > MAX_ROOM) return { ok: false, message: `${where}: keep the room under ${MAX_ROOM} characters.` };
    for (const day of days) meetings.push({ day, start, end, room });
  }
  if (meetings.length > MAX_MEETINGS) return { ok: false, message: `A class can meet at most ${MAX_MEETINGS} times a week.` };
  meetings.sort(byDayAndTime);
  for (let i = 1; i < meetings.length; i++) {
    const [a, b] = [meetings[i - 1]!, meetings[i]!];
    if (overlaps(a, b)) return { ok: false, message: `${meetingLabel(a)} and ${meetingLabel(b)} overlap: write each time once.` };
  }
  return { ok: true, meetings };
}

/** "Mon Wed", "Tue/Thu", "Mon-Fri", "Monday, Friday": the days, or what is wrong with them. */
function readDays(text: string): number[] | string {
  const words = text
    .toLowerCase()
    .replace(/\s*[-–]\s*/g, "-")
    .split(/[\s,/&+]+|\band\b/)
    .filter(Boolean);
  if (words.length === 0) return "name the days before the time, like Mon Wed 09:00-10:30.";
  const days = new Set<number>();
  for (const word of words) {
    const range = /^([a-z]+)\s*[-–]\s*([a-z]+)$/.exec(word);
    if (range) {
      const [from, to] = [DAY_OF.get(range[1]!), DAY_OF.get(range[2]!)];
      if (!from || !to || to < from) return `“${word}” is not a run of days, like Mon-Fri.`;
      for (let d = from; d <= to; d++) days.add(d);
      continue;
    }
    const day = DAY_OF.get(word);
    if (!day) return `“${word}” is not a day: use Mon, Tue, Wed, Thu, Fri, Sat or Sun.`;
    days.add(day);
  }
  return [...days].sort((a, b) => a - b);
}

/** Same day, and the times overlap (a class ending at 10:00 and one starting at 10:00 don't). */
export function overlaps(a: Pick<Meeting, "day" | "start" | "end">, b: Pick<Meeting, "day" | "start" | "end">): boolean {
  return a.day === b.day && a.start < b.end && b.start < a.end;
}

/** A term's days, or null for a class without a term (it meets every week). */
export type Span = { startsOn: Date; endsOn: Date } | null;

/** Two classes' weeks overlap: either has no term, or their terms share a day. */
export function spansOverlap(a: Span, b: Span): boolean {
  return a === null || b === null || (a.startsOn <= b.endsOn && b.startsOn <= a.endsOn);
}

/** Where two classes clash: the first pair of meetings at the same time in weeks they share, or null. */
export function firstClash(a: { meetings: Meeting[]; term: Span }, b: { meetings: Meeting[]; term: Span }): [Meeting, Meeting] | null {
  if (!spansOverlap(a.term, b.term)) return null;
  for (const x of a.meetings) for (const y of b.meetings) if (overlaps(x, y)) return [x, y];
  return null;
}

/** A class in a timetable: its meetings, and whether the student only waits for it. */
export type TimetableEntry = { id: string; code: string; title: string; waiting: boolean; meetings: Meeting[] };
/** A class in a student's timetable, with its term (null: it meets every week). */
export type TermedEntry = TimetableEntry & { term: { id: string; name: string; startsOn: Date; endsOn: Date } | null };
export type TimetableCell = { entry: TimetableEntry; room: string; clash: boolean };
/** A row of the week: one start and end, with what meets then on each of `days` (cells[i] is days[i]'s). */
export type TimetableSlot = { start: number; end: number; cells: TimetableCell[][] };

/**
 * A week as a table: a column for each weekday (Saturday and Sunday only if
 * something meets then), a row for each start-and-end time, and in each cell
 * the classes meeting then. A meeting that overlaps another on its day is
 * marked as a clash (the entries are assumed to share their weeks).
 */
export function weekGrid(entries: TimetableEntry[]): { days: number[]; slots: TimetableSlot[] } {
  const all = entries.flatMap((entry) => entry.meetings.map((m) => ({ entry, m })));
  const days = [1, 2, 3, 4, 5, ...[6, 7].filter((d) => all.some((x) => x.m.day === d))];
  const slots = new Map<string, TimetableSlot>();
  for (const { entry, m } of all.sort((a, b) => byDayAndTime(a.m, b.m) || a.entry.code.localeCompare(b.entry.code))) {
    const key = `${m.start}-${m.end}`;
    let slot = slots.get(key);
    if (!slot) slots.set(key, (slot = { start: m.start, end: m.end, cells: days.map(() => []) }));
    const clash = all.some((o) => o.entry !== entry && overlaps(o.m, m));
    slot.cells[days.indexOf(m.day)]!.push({ entry, room: m.room, clash });
  }
  return { days, slots: [...slots.values()].sort((a, b) => a.start - b.start || a.end - b.end) };
}

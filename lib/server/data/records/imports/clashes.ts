import "server-only";
import { startOfDay } from "@/lib/format-date";
import { firstClash, type Meeting } from "@/lib/meetings";
import { clashText, type Clash } from "@/lib/server/data/enrollment/clashes";
import type { Prisma } from "@/lib/generated/sqlite/client";

/**
 * The preview's clashes: the added enrollments whose class meets when
 * another of the student's does once the import is made, from the files'
 * own times and terms (the database doesn't have them yet), by the clash
 * rule of lib/meetings.ts. The apply asks the enrollment core's rule
 * (enrollment/clashes.ts) of the written data, and keeps each clash in the
 * history; a test holds the two to the same answers. A step of plan.ts.
 */

type Client = Pick<Prisma.TransactionClient, "$queryRawUnsafe">;

type Added = { studentId: string; courseId: string };
type ImportClash = { meeting: Meeting; otherId: string; other: Meeting; waiting: boolean };

/**
 * The added enrollments that clash with another class of the same student's
 * after the import: their current enrollments and waitlist places (one
 * statement each), less the removals, with the adds. The first clash of each.
 */
export async function addedClashes(
  client: Client,
  add: Added[],
  remove: Added[],
  classAfter: (courseId: string) => { meetings: Meeting[]; term: { startsOn: Date; endsOn: Date } | null },
): Promise<Map<Added, ImportClash>> {
  const found = new Map<Added, ImportClash>();
  const timed = add.filter((a) => classAfter(a.courseId).meetings.length > 0);
  if (timed.length === 0) return found;
  // Every enrollment and waitlist place in a class with times (only those can clash), in two plain reads:
  // cheaper than naming thousands of students, and Prisma's raw query works inside the apply's transaction too.
  const adding = new Set(timed.map((a) => a.studentId));
  const timedLinks = (table: "Enrollment" | "WaitlistEntry") =>
    client.$queryRawUnsafe<Added[]>(
      `SELECT x."studentId", x."courseId" FROM "${table}" x WHERE EXISTS (SELECT 1 FROM "Meeting" m WHERE m."courseId" = x."courseId")`,
    );
  const [enrolled, waiting] = (await Promise.all([timedLinks("Enrollment"), timedLinks("WaitlistEntry")])).map((rows) =>
    rows.filter((r) => adding.has(r.studentId)),
  );
  const gone = new Set(remove.map((r) => `${r.studentId} ${r.courseId}`));
  const theirs = new Map<string, { courseId: string; waiting: boolean }[]>();
  const keep = (studentId: string, courseId: string, isWaiting: boolean) => {
    const list = theirs.get(studentId) ?? [];
    if (!list.some((x) => x.courseId === courseId)) list.push({ courseId, waiting: isWaiting });
    theirs.set(studentId, list);
  };
  for (const e of enrolled!) if (!gone.has(`${e.studentId} ${e.courseId}`)) keep(e.studentId, e.courseId, false);
  for (const w of waiting!) keep(w.studentId, w.courseId, true);
  const today = startOfDay(new Date());
  // In the files' order: two added together that clash are one clash, the later one's.
  for (const a of timed) {
    const mine = classAfter(a.courseId);
    for (const o of theirs.get(a.studentId) ?? []) {
      if (o.courseId === a.courseId) continue;
      const other = classAfter(o.courseId);
      // A class whose term has ended clashes with nothing.
      if (other.term && other.term.endsOn < today) continue;
      const at = firstClash(mine, other);
      if (at) {
        found.set(a, { meeting: at[0], otherId: o.courseId, other: at[1], waiting: o.waiting });
        break;
      }
    }
    keep(a.studentId, a.courseId, false);
  }
  return found;
}


/** The preview's list: how many, and the first 50 in words. */
export function clashList(
  clashes: Map<Added, ImportClash>,
  names: Map<string, string>,
  codes: Map<string, string>,
): { count: number; shown: string[] } {
  const asClash = (a: Added, c: ImportClash): Clash => ({
    studentId: a.studentId,
    studentName: names.get(a.studentId) ?? a.studentId,
    courseId: a.courseId,
    code: codes.get(a.courseId) ?? a.courseId,
    meeting: c.meeting,
    otherCode: codes.get(c.otherId) ?? c.otherId,
    other: c.other,
    waiting: c.waiting,
  });
  return { count: clashes.size, shown: [...clashes].slice(0, 50).map(([a, c]) => clashText(asClash(a, c), "name")) };
}

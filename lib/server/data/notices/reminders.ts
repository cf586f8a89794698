import "server-only";
import { db } from "@/lib/server/db";
import { isUniqueViolation } from "@/lib/server/data/result";
import { transaction, within } from "@/lib/server/data/sql";
import { noticeFor, tell } from "@/lib/server/data/notices/tell";

/** Reminders: a day before a window closes. Run by the background worker, which acts for no one. */

/** How long before a deadline its reminder goes out. */
export const REMINDER_LEAD_MS = 24 * 60 * 60 * 1000;

/**
 * Gives the reminders that are due: for each class whose self-enrollment
 * window closes within a day, its waitlist is told; for each whose drop
 * deadline comes within a day, the students enrolled in it. Each reminder is
 * given once (its key is written with its notices, in one transaction; a
 * server running the same scan at the same moment finds it written), and a
 * deadline moved later is reminded of again. Answers how many were told.
 */
export async function sendDueReminders(now = new Date()): Promise<number> {
  const until = new Date(now.getTime() + REMINDER_LEAD_MS);
  const courses = await db.course.findMany({
    where: { selfEnrollment: true, OR: [{ closesAt: { gt: now, lte: until } }, { dropDeadline: { gt: now, lte: until } }] },
    select: { id: true, code: true, title: true, closesAt: true, dropDeadline: true },
  });
  let told = 0;
  for (const c of courses) {
    for (const [which, at] of [
      ["closes", c.closesAt],
      ["drop", c.dropDeadline],
    ] as const) {
      if (!at || at <= now || at > until) continue;
      const key = `${which} ${c.id} ${at.toISOString()}`;
      told += await transaction(async (tx) => {
        await tx.reminder.create({ data: { key, dueAt: at } });
        const students =
          which === "closes"
            ? await tx.waitlistEntry.findMany({ where: { courseId: c.id }, select: { studentId: true } })
            : await tx.enrollment.findMany({ where: { courseId: c.id }, select: { studentId: true } });
        const notice = which === "closes" ? noticeFor.enrollmentCloses(c, at) : noticeFor.dropCloses(c, at);
        await within(() => tell(students.map((s) => ({ studentId: s.studentId, courseId: c.id, ...notice })), now));
        return students.length;
      }).catch((error: unknown) => {
        // Given already (or just now, by another server): its key is taken.
        if (isUniqueViolation(error)) return 0;
        throw error;
      });
    }
  }
  await db.reminder.deleteMany({ where: { dueAt: { lt: now } } });
  return told;
}

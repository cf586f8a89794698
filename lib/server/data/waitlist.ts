import "server-only";
import { eventRow, type Actor, type Link, type Tx } from "@/lib/server/data/enrollments";
import { RefusedError } from "@/lib/server/data/result";
import { noticeFor, tellsStudent, writeNotices } from "@/lib/server/data/notices";
import type { EnrollmentSource } from "@/lib/generated/sqlite/client";

/** Takes a student off a class's waitlist inside `tx`, with an event. */
export async function leaveWaitlistIn(tx: Tx, actor: Actor, link: Link, source: EnrollmentSource) {
  const entry = await tx.waitlistEntry.findUnique({
    where: { studentId_courseId: link },
    select: { student: { select: { name: true } }, course: { select: { code: true, title: true } } },
  });
  if (!entry) {
    const course = await tx.course.findUnique({ where: { id: link.courseId }, select: { code: true } });
    if (!course) throw new RefusedError("That class no longer exists.");
    throw new RefusedError(`Not on the waitlist for ${course.code}.`);
  }
  await tx.waitlistEntry.delete({ where: { studentId_courseId: link } });
  await tx.enrollmentEvent.create({
    data: eventRow(actor, {
      type: "UNWAITLISTED",
      ...link,
      studentName: entry.student.name,
      courseCode: entry.course.code,
      source,
    }),
  });
  if (tellsStudent(source)) await writeNotices(tx, [{ ...link, ...noticeFor.unwaitlisted(entry.course, actor.name) }]);
}

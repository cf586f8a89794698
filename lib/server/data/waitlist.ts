import "server-only";
import { eventRow, promoteFromWaitlist, type Actor, type Link, type Tx } from "@/lib/server/data/enrollments";
import { RefusedError } from "@/lib/server/data/result";
import type { EnrollmentSource } from "@/lib/generated/sqlite/client";

/**
 * Puts a student at the end of a class's waitlist inside `tx`, and returns
 * their place. If a seat freed meanwhile, they are seated at once.
 */
export async function joinWaitlistIn(tx: Tx, actor: Actor, link: Link, source: EnrollmentSource) {
  const [student, course, enrolled, waiting] = await Promise.all([
    tx.student.findUnique({ where: { id: link.studentId }, select: { name: true } }),
    tx.course.findUnique({ where: { id: link.courseId }, select: { code: true, capacity: true, enrolledCount: true } }),
    tx.enrollment.findUnique({ where: { studentId_courseId: link }, select: { enrolledAt: true } }),
    tx.waitlistEntry.findUnique({ where: { studentId_courseId: link }, select: { id: true } }),
  ]);
  if (!student) throw new RefusedError("That student no longer exists.");
  if (!course) throw new RefusedError("That class no longer exists.");
  if (enrolled) throw new RefusedError(`${student.name} is already enrolled in ${course.code}.`);
  if (waiting) throw new RefusedError(`${student.name} is already on the waitlist for ${course.code}.`);
  if (course.capacity === null || course.enrolledCount < course.capacity) {
    throw new RefusedError(`${course.code} has seats left: enroll instead.`);
  }
  const entry = await tx.waitlistEntry.create({ data: link, select: { id: true, joinedAt: true } });
  await tx.enrollmentEvent.create({
    data: eventRow(actor, {
      type: "WAITLISTED",
      ...link,
      studentName: student.name,
      courseCode: course.code,
      source,
      at: entry.joinedAt,
    }),
  });
  // Closes the gap between "it's full" above and the entry: a seat freed in
  // between goes to the front of the line, which may be this student.
  await promoteFromWaitlist(tx, actor, link.courseId);
  const position = await tx.waitlistEntry.count({ where: { courseId: link.courseId, id: { lte: entry.id } } });
  const seated = (await tx.waitlistEntry.count({ where: { id: entry.id } })) === 0;
  return { position: seated ? 0 : position, seated };
}

/** Takes a student off a class's waitlist inside `tx`, with an event. */
export async function leaveWaitlistIn(tx: Tx, actor: Actor, link: Link, source: EnrollmentSource) {
  const entry = await tx.waitlistEntry.findUnique({
    where: { studentId_courseId: link },
    select: { student: { select: { name: true } }, course: { select: { code: true } } },
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
}

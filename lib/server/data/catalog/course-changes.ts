import "server-only";
import { requireAdmin, type Viewer } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import { meetingLabels, meetingsText } from "@/lib/meetings";
import { formatDateTime, startOfDay } from "@/lib/format-date";
import { refusable, RefusedError, fail, ok, type Result } from "@/lib/server/data/result";
import { transaction, within } from "@/lib/server/data/sql";
import { actorOf } from "@/lib/server/data/enrollment/actor";
import { promote } from "@/lib/server/data/enrollment/seats";
import { clashText, readProposedClashes, type Clash } from "@/lib/server/data/enrollment/clashes";
import { classAudience, noticeFor, tell } from "@/lib/server/data/notices/tell";
import { MEETING_SELECT, meetingOf, meetingRows } from "@/lib/server/data/catalog/meetings";
import { classForAudit } from "@/lib/server/data/catalog/class-audit";
import { checkCourseInput, codeClash } from "@/lib/server/data/catalog/courses";
import { actorFor, recordChange } from "@/lib/server/data/records/audit";
import type { CourseInput } from "@/lib/schemas/courses";

/**
 * A class's form saved over it: what the change would do to its students,
 * said before it is saved (previewCourseChange), and the save itself
 * (updateCourse). Entry points: both check the viewer.
 */

/** The most students a preview names in one line; the rest are counted. */
const NAMED = 8;

function names(list: string[]): string {
  return list.length <= NAMED ? list.join(", ") : `${list.slice(0, NAMED).join(", ")} and ${list.length - NAMED} more`;
}

/**
 * What saving `input` over the class would do to its students, a line
 * each: who is told of new times and who of them would then have another
 * class at the same time; who a raised capacity seats from the waitlist;
 * a class that would become full; a moved drop deadline or enrollment
 * window. Nothing written; none for a change no student notices.
 */
export async function previewCourseChange(viewer: Viewer | null, id: string, input: CourseInput, now = new Date()): Promise<Result<string[]>> {
  requireAdmin(viewer);
  const course = await db.course.findUnique({
    where: { id },
    select: {
      code: true,
      termId: true,
      capacity: true,
      enrolledCount: true,
      selfEnrollment: true,
      opensAt: true,
      closesAt: true,
      dropDeadline: true,
      meetings: { select: MEETING_SELECT },
      waitlist: { orderBy: { id: "asc" }, select: { student: { select: { name: true } } } },
      _count: { select: { enrollments: true } },
    },
  });
  if (!course) return fail("That class no longer exists.");
  const effects: string[] = [];
  const enrolled = course._count.enrollments;
  const waiting = course.waitlist.length;
  const before = course.meetings.map(meetingOf);
  const moved = meetingsText(before) !== meetingsText(input.meetings);
  if ((moved || input.termId !== course.termId) && enrolled + waiting > 0) {
    if (moved) effects.push(`${enrolled + waiting} ${enrolled + waiting === 1 ? "student" : "students"} (enrolled or waiting) will be told of the new times, by notice and email.`);
    const clashes = await readProposedClashes(id, { meetings: input.meetings, termId: input.termId }, startOfDay(now));
    const students = [...new Map(clashes.map((c) => [c.studentId, c])).values()];
    if (students.length) {
      effects.push(
        `${students.length} of them would then have another class at the same time (told so in their notice): ${names(students.map((c) => `${c.studentName} (${c.otherCode})`))}.`,
      );
    }
  }
  const capacity = input.capacity ?? Number.POSITIVE_INFINITY;
  const oldCapacity = course.capacity ?? Number.POSITIVE_INFINITY;
  if (capacity > oldCapacity && waiting > 0) {
    const seated = course.waitlist.slice(0, Math.min(waiting, capacity - enrolled)).map((w) => w.student.name);
    if (seated.length) effects.push(`${seated.length} ${seated.length === 1 ? "student" : "students"} on the waitlist will be enrolled at once, first in line first: ${names(seated)}.`);
  }
  if (capacity < oldCapacity && capacity === enrolled) effects.push(`${course.code} will be full: students can then only join its waitlist.`);
  const when = (d: Date | null) => (d ? formatDateTime(d) : "none");
  if (enrolled > 0 && (input.dropDeadline?.getTime() ?? null) !== (course.dropDeadline?.getTime() ?? null)) {
    effects.push(`The ${enrolled} enrolled ${enrolled === 1 ? "student" : "students"} may drop themselves until ${when(input.dropDeadline)} (was ${when(course.dropDeadline)}).`);
  }
  const windowMoved = (input.opensAt?.getTime() ?? null) !== (course.opensAt?.getTime() ?? null) || (input.closesAt?.getTime() ?? null) !== (course.closesAt?.getTime() ?? null);
  if (input.selfEnrollment && course.selfEnrollment && windowMoved) {
    effects.push(`Students may enroll themselves from ${input.opensAt ? formatDateTime(input.opensAt) : "now"} until ${input.closesAt ? formatDateTime(input.closesAt) : "no end"} (was ${course.opensAt ? formatDateTime(course.opensAt) : "now"} until ${course.closesAt ? formatDateTime(course.closesAt) : "no end"}).`);
  }
  if (course.selfEnrollment && !input.selfEnrollment && enrolled + waiting > 0) effects.push("Students will no longer enroll, drop or wait for it themselves: only an admin can.");
  return ok(effects);
}

/**
 * Saves a class's form over it, with its times: its students told of new
 * times (each told of a clash the new times make for them), a raised
 * capacity seating the waitlist, the change in the audit log, in one
 * transaction. Answers how many were seated, and how many clashes the new
 * times make (said, not refused: an admin may go ahead).
 */
export async function updateCourse(
  viewer: Viewer | null,
  id: string,
  input: CourseInput,
): Promise<Result<{ id: string; promoted: number; clashes: number }>> {
  const actor = requireAdmin(viewer);
  const errors = await checkCourseInput(input, id);
  if (Object.keys(errors).length) return fail("Check the form.", errors);
  // Where the new times would clash (read before the write, as the preview did): the notices say it per student, the answer counts them.
  const clashes = await readProposedClashes(id, { meetings: input.meetings, termId: input.termId }, startOfDay(new Date()));
  const clashOf = new Map<string, Clash>();
  for (const c of clashes) if (!clashOf.has(c.studentId)) clashOf.set(c.studentId, c);
  try {
    const saved = await refusable(() =>
      transaction(async (tx) => {
        // The capacity may not drop below the number already enrolled; the
        // condition is part of the update, so a concurrent enrollment can't slip in.
        const { meetings, ...fields } = input;
        const was = await classForAudit(tx, id);
        const { count } = await tx.course.updateMany({
          where: { id, ...(input.capacity === null ? {} : { enrolledCount: { lte: input.capacity } }) },
          data: fields,
        });
        if (count === 0) {
          const now = await tx.course.findUnique({ where: { id }, select: { enrolledCount: true } });
          if (!now) throw new RefusedError("That class no longer exists.");
          throw new RefusedError("Check the form.", {
            capacity: `${now.enrolledCount} students are enrolled: the capacity can't be lower than that.`,
          });
        }
        // The meetings as the form has them now (unchanged ones are written again: a few rows).
        const before = (await tx.meeting.findMany({ where: { courseId: id } })).map(meetingOf);
        await tx.meeting.deleteMany({ where: { courseId: id } });
        await tx.meeting.createMany({ data: meetingRows(meetings).map((m) => ({ ...m, courseId: id })) });
        const now = (await classForAudit(tx, id))!;
        await recordChange(tx, { actor: actorFor(actor), via: "PAGE", kind: "CLASS", recordId: id, label: now.label, action: "UPDATED", before: was!.fields, after: now.fields });
        // New times are told to the class's students, enrolled and waiting.
        const moved = meetingsText(before) !== meetingsText(meetings);
        const [nowLabels, beforeLabels] = [meetingLabels(meetings), meetingLabels(before)];
        const change = { actor: actorOf(actor, "ADMIN"), at: new Date(), changeSetId: null };
        const promoted = await within(function* () {
          if (moved) {
            const { enrolled, waiting } = yield* classAudience(id);
            const noticeOf = (studentId: string) => {
              const clash = clashOf.get(studentId);
              return noticeFor.rescheduled(input, nowLabels, beforeLabels, clash ? clashText(clash, "you") : null);
            };
            yield* tell([...enrolled, ...waiting].map((studentId) => ({ studentId, courseId: id, ...noticeOf(studentId) })), change.at);
          }
          // A raised capacity (or none) seats the waitlist at once.
          return (yield* promote(change, id)).promoted.length;
        });
        return { id, promoted, moved };
      }),
    );
    if (!saved.ok) return saved;
    const { moved, ...value } = saved.value;
    return ok({ ...value, clashes: moved ? clashes.length : 0 });
  } catch (error) {
    const result = codeClash(error, input.code);
    if (result) return result;
    throw error;
  }
}

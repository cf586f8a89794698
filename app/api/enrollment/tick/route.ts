import { z } from "zod";
import { refusal, refused, withSession } from "@/lib/server/browser-api";
import { setEnrollment } from "@/lib/server/data/enrollment/admin";
import { dropMyself, enrollMyself } from "@/lib/server/data/enrollment/self-service";
import { getDateFormatter } from "@/lib/server/format";
import { IdSchema } from "@/lib/schemas/enrollments";
import { isText, oneLine } from "@/lib/schemas/text";

const TickSchema = z.object({
  courseId: IdSchema,
  /** an admin's tick names the student; a student's is always their own */
  studentId: IdSchema.optional(),
  enrolled: z.boolean(),
  joinCode: z.string().max(64).refine((v) => isText(v)).optional(),
  /** an admin's untick that seats someone from the waitlist: asked first (409, code "confirm"), then sent again with this */
  confirmed: z.boolean().optional(),
  /** an admin's tick into a full class, on purpose: why (required to go past the capacity) */
  overCapacity: oneLine("The reason", { max: 200 }).optional(),
  /** an admin's tick into a class that clashes with one of the student's (asked first: 409, code "clash") */
  clashOk: z.boolean().optional(),
  /** an admin's tick for a student a rule about them stands against (a hold, their load; asked first: 409, code "rule"): why they enroll them anyway */
  pass: oneLine("The reason", { max: 200 }).optional(),
});

/**
 * One checkbox ticked or unticked on a page, saved at once: an admin's on a
 * student's or a class's page, or a student's own in their catalog. Answers
 * with what changed (the date, the class's counts, who was promoted from the
 * waitlist), not with a page.
 */
export function POST(request: Request) {
  return withSession(request, TickSchema, async (viewer, input) => {
    let result;
    if (viewer.role === "ADMIN") {
      if (!input.studentId) return refusal(400, "That change could not be read: reload the page.");
      result = await setEnrollment(viewer, {
        studentId: input.studentId,
        courseId: input.courseId,
        enrolled: input.enrolled,
        confirmed: input.confirmed ?? false,
        overCapacity: input.enrolled ? input.overCapacity : undefined,
        clashOk: input.clashOk ?? false,
        pass: input.enrolled ? input.pass : undefined,
      });
    } else {
      result = input.enrolled
        ? await enrollMyself(viewer, { courseId: input.courseId, joinCode: input.joinCode })
        : await dropMyself(viewer, input.courseId);
    }
    if (!result.ok) return refused(result);
    const { enrolled, enrolledAt, course, promoted, changeSetId } = result.value;
    const formatDate = await getDateFormatter();
    return Response.json({
      ok: true,
      enrolled,
      enrolledAt: enrolledAt?.toISOString() ?? null,
      enrolledLabel: enrolledAt ? `Enrolled ${formatDate(enrolledAt)}` : null,
      course,
      // Who got the seat is the admin's business, not another student's.
      promoted: viewer.role === "ADMIN" ? promoted : [],
      undo: viewer.role === "ADMIN" ? changeSetId : null,
    });
  });
}

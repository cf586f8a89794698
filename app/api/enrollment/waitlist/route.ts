import { z } from "zod";
import { isText } from "@/lib/schemas/text";
import { refused, withSession } from "@/lib/server/browser-api";
import { joinMyWaitlist, leaveMyWaitlist } from "@/lib/server/data/enrollment/self-service";
import { IdSchema } from "@/lib/schemas/enrollments";

const WaitlistSchema = z.object({
  courseId: IdSchema,
  join: z.boolean(),
  joinCode: z.string().max(64).refine((v) => isText(v)).optional(),
});

/** A student joins (and is told their place) or leaves a full class's waitlist, from their catalog's JavaScript. */
export function POST(request: Request) {
  return withSession(request, WaitlistSchema, async (viewer, input) => {
    if (input.join) {
      const result = await joinMyWaitlist(viewer, { courseId: input.courseId, joinCode: input.joinCode });
      if (!result.ok) return refused(result);
      return Response.json({ ok: true, position: result.value.position, course: result.value.course });
    }
    const result = await leaveMyWaitlist(viewer, input.courseId);
    return result.ok ? Response.json({ ok: true, position: null }) : refused(result);
  });
}

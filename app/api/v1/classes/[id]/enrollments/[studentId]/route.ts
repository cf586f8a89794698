import { apiError, validId, withToken } from "@/lib/server/api";
import { apiSetEnrollment } from "@/lib/server/data/records/api";

type Context = RouteContext<"/api/v1/classes/[id]/enrollments/[studentId]">;

/** The body may be empty or an empty JSON object: the URL says everything. */
async function badBody(request: Request): Promise<Response | null> {
  const text = await request.text();
  if (text.trim() === "") return null;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return apiError(400, "bad_request", "The body is not valid JSON.");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) return apiError(400, "bad_request", "The body must be a JSON object.");
  const fields = Object.keys(body);
  return fields.length ? apiError(400, "bad_request", `Unknown field${fields.length > 1 ? "s" : ""}: ${fields.join(", ")}. Send an empty body.`) : null;
}

async function change(request: Request, { params }: Context, enrolled: boolean) {
  const { id, studentId } = await params;
  return withToken(request, "write", async (viewer) => {
    const bad = await badBody(request);
    if (bad) return bad;
    if (!validId(id) || !validId(studentId)) return apiError(404, "not_found", "No such class or student.");
    const result = await apiSetEnrollment(viewer, { studentId, courseId: id }, enrolled);
    switch (result.status) {
      case "created":
        return Response.json({ data: result.enrollment }, { status: 201 });
      case "unchanged":
        return Response.json({ data: result.enrollment }, { status: 200 });
      case "deleted":
        return new Response(null, { status: 204 });
      case "not_found":
        return apiError(404, "not_found", result.message);
      case "refused":
        return apiError(409, "conflict", result.message);
      case "busy":
        return apiError(503, "busy", result.message, { "Retry-After": "1" });
    }
  });
}

/** Enroll the student in the class (capacity applies); 201 when new, 200 when already enrolled. */
export function PUT(request: Request, context: Context) {
  return change(request, context, true);
}

/** Remove the student from the class; 204, or 404 when not enrolled. */
export function DELETE(request: Request, context: Context) {
  return change(request, context, false);
}

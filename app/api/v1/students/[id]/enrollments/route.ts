import { apiError, paging, validId, withToken } from "@/lib/server/api";
import { apiListStudentEnrollments } from "@/lib/server/data/records/api";

export async function GET(request: Request, { params }: RouteContext<"/api/v1/students/[id]/enrollments">) {
  const { id } = await params;
  return withToken(request, "read", async (viewer) => {
    const page = paging(request);
    if (page instanceof Response) return page;
    const result = validId(id) ? await apiListStudentEnrollments(viewer, id, page) : null;
    return result ? Response.json(result) : apiError(404, "not_found", `No student has the id ${id}.`);
  });
}

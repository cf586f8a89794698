import { apiError, paging, validId, withToken } from "@/lib/server/api";
import { apiListClassEnrollments } from "@/lib/server/data/records/api";

export async function GET(request: Request, { params }: RouteContext<"/api/v1/classes/[id]/enrollments">) {
  const { id } = await params;
  return withToken(request, "read", async (viewer) => {
    const page = paging(request);
    if (page instanceof Response) return page;
    const result = validId(id) ? await apiListClassEnrollments(viewer, id, page) : null;
    return result ? Response.json(result) : apiError(404, "not_found", `No class has the id ${id}.`);
  });
}

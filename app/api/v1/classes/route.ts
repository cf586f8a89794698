import { paging, withToken } from "@/lib/server/api";
import { apiListClasses } from "@/lib/server/data/records/api";

export async function GET(request: Request) {
  return withToken(request, "read", async (viewer) => {
    const page = paging(request);
    if (page instanceof Response) return page;
    return Response.json(await apiListClasses(viewer, page));
  });
}

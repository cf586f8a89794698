import { getViewer } from "@/lib/server/auth";
import { ForbiddenError } from "@/lib/server/authz";
import { getImportProgress } from "@/lib/server/data/records/imports/jobs";

/** How far an import's check or apply is, for its progress bar. Admins only. */
export async function GET(_request: Request, { params }: RouteContext<"/admin/import/[id]/status">) {
  const { id } = await params;
  const viewer = await getViewer();
  if (!viewer) return Response.json({ error: "Sign in first." }, { status: 401 });
  try {
    const job = await getImportProgress(viewer, id);
    if (!job) return Response.json({ error: "Not found" }, { status: 404 });
    return Response.json({ status: job.status, done: job.done, total: job.total }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof ForbiddenError) return Response.json({ error: error.message }, { status: 403 });
    throw error;
  }
}

import { toCsv } from "@/lib/csv";
import { FILE_NAMES, type FileKind } from "@/lib/import/oneroster";
import { getViewer } from "@/lib/server/auth";
import { ForbiddenError } from "@/lib/server/authz";
import { exportOneRoster } from "@/lib/server/data/exports";

/** /admin/export/users.csv, classes.csv, enrollments.csv: the whole school as OneRoster CSV. Admins only. */
export async function GET(_request: Request, { params }: RouteContext<"/admin/export/[file]">) {
  const { file } = await params;
  const kind = (Object.keys(FILE_NAMES) as FileKind[]).find((k) => FILE_NAMES[k] === file);
  const viewer = await getViewer();
  if (!viewer) return new Response("Sign in first.", { status: 401 });
  if (!kind) return new Response("Not found.", { status: 404 });
  try {
    const rows = await exportOneRoster(viewer, kind);
    return new Response(toCsv(rows), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${file}"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof ForbiddenError) return new Response("Forbidden.", { status: 403 });
    throw error;
  }
}

import { toCsv } from "@/lib/csv";
import { EXPORT_COLUMNS, type ExportKind } from "@/lib/import/oneroster";
import { getViewer } from "@/lib/server/auth";
import { ForbiddenError } from "@/lib/server/authz";
import { exportOneRoster, exportOneRosterZip } from "@/lib/server/data/records/exports";

/**
 * /admin/export/oneroster.zip (every file with manifest.csv), or one file:
 * users.csv, classes.csv, enrollments.csv...: the whole school as OneRoster
 * 1.2 CSV. Admins only.
 */
export async function GET(_request: Request, { params }: RouteContext<"/admin/export/[file]">) {
  const { file } = await params;
  const kind = (Object.keys(EXPORT_COLUMNS) as ExportKind[]).find((k) => `${k}.csv` === file);
  const viewer = await getViewer();
  if (!viewer) return new Response("Sign in first.", { status: 401 });
  if (!kind && file !== ZIP) return new Response("Not found.", { status: 404 });
  try {
    const body = kind ? toCsv(await exportOneRoster(viewer, kind)) : await exportOneRosterZip(viewer);
    return new Response(body as BodyInit, {
      headers: {
        "Content-Type": kind ? "text/csv; charset=utf-8" : "application/zip",
        "Content-Disposition": `attachment; filename="${file}"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof ForbiddenError) return new Response("Forbidden.", { status: 403 });
    throw error;
  }
}

const ZIP = "oneroster.zip";

import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { getViewer } from "@/lib/server/auth";
import { ForbiddenError } from "@/lib/server/authz";
import { backupForDownload } from "@/lib/server/data/records/backups";

/**
 * A backup, downloaded by an admin: streamed from the backup folder, never
 * read whole into memory (a large school's is tens of MB). Only the names
 * the backups page lists; 404 for anything else, 401 signed out.
 */
export async function GET(_request: Request, { params }: RouteContext<"/admin/backups/[file]">) {
  const viewer = await getViewer();
  if (!viewer) return new Response("Sign in first.", { status: 401 });
  let found;
  try {
    found = await backupForDownload(viewer, (await params).file);
  } catch (error) {
    if (error instanceof ForbiddenError) return new Response("Not found.", { status: 404 });
    throw error;
  }
  if (!found) return new Response("Not found.", { status: 404 });
  const name = found.path.split("/").pop()!;
  return new Response(Readable.toWeb(createReadStream(found.path)) as ReadableStream, {
    headers: {
      "Content-Type": "application/octet-stream",
      "Content-Length": String(found.bytes),
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

import "server-only";
import { getViewer } from "@/lib/server/auth";
import { ForbiddenError } from "@/lib/server/authz";
import { getRoster } from "@/lib/server/data/rosters";
import { sourceLabel } from "@/lib/source-label";
import { toCsv } from "@/lib/csv";

/**
 * The CSV download of a class roster, for the teacher and admin routes: 404
 * when the class doesn't exist or the viewer may not see it, 401 signed out.
 */
export async function rosterCsvResponse(courseId: string, area: "ADMIN" | "TEACHER"): Promise<Response> {
  const viewer = await getViewer();
  if (!viewer) return new Response("Sign in first.", { status: 401 });
  // Each area's route serves its own role; the data layer then checks the class.
  if (viewer.role !== area) return new Response("Not found.", { status: 404 });
  let roster;
  try {
    roster = await getRoster(viewer, courseId);
  } catch (error) {
    if (error instanceof ForbiddenError) return new Response("Not found.", { status: 404 });
    throw error;
  }
  if (!roster) return new Response("Not found.", { status: 404 });
  const rows = [
    ["Name", "Email", "Student number", "Enrolled at", "How"],
    ...roster.enrolled.map((s) => [s.name, s.email, s.studentNumber, s.enrolledAt.toISOString(), sourceLabel(s.source)]),
  ];
  const filename = `${roster.course.code}-roster.csv`.replace(/[^A-Za-z0-9._-]/g, "_");
  return new Response(toCsv(rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

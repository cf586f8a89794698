import "server-only";
import { getViewer } from "@/lib/server/auth";
import { ForbiddenError } from "@/lib/server/authz";
import { endOfDay, getRosterAsOf } from "@/lib/server/data/records/history";
import { getRoster } from "@/lib/server/data/catalog/rosters";
import { sourceLabel } from "@/lib/source-label";
import { toCsv } from "@/lib/csv";
import { localDay } from "@/lib/format-date";

/**
 * The CSV download of a class roster, for the teacher and admin routes: 404
 * when the class doesn't exist or the viewer may not see it, 401 signed out.
 */
export async function rosterCsvResponse(courseId: string, area: "ADMIN" | "TEACHER", request: Request): Promise<Response> {
  const viewer = await getViewer();
  if (!viewer) return new Response("Sign in first.", { status: 401 });
  // Each area's route serves its own role; the data layer then checks the class.
  if (viewer.role !== area) return new Response("Not found.", { status: 404 });
  // ?asOf=2026-09-15: the roster as it was at the end of that day.
  const asOfDay = new URL(request.url).searchParams.get("asOf");
  const asOf = asOfDay === null ? null : endOfDay(asOfDay);
  if (asOfDay !== null && !asOf) return new Response(`“${asOfDay}” is not a date like 2026-09-15.`, { status: 400 });
  let found: { code: string; people: { name: string; email: string | null; studentNumber: string | null; enrolledAt: Date; source: string }[] } | null;
  try {
    if (asOf) {
      const past = await getRosterAsOf(viewer, courseId, asOf);
      found = past && { code: `${past.course.code}-${asOfDay}`, people: past.rows };
    } else {
      const roster = await getRoster(viewer, courseId);
      found = roster && { code: roster.course.code, people: roster.enrolled };
    }
  } catch (error) {
    if (error instanceof ForbiddenError) return new Response("Not found.", { status: 404 });
    throw error;
  }
  if (!found) return new Response("Not found.", { status: 404 });
  const rows = [
    // The day, in the school's time zone: what a spreadsheet reads as a date.
    ["Name", "Email", "Student number", "Enrolled on", "How"],
    ...found.people.map((s) => [s.name, s.email, s.studentNumber, localDay(s.enrolledAt), sourceLabel(s.source)]),
  ];
  const filename = `${found.code}-roster.csv`.replace(/[^A-Za-z0-9._-]/g, "_");
  return new Response(toCsv(rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

import "server-only";
import { requireAdmin, type Viewer } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import { EXPORT_COLUMNS, type FileKind } from "@/lib/import/oneroster";
import { localDay as isoDay } from "@/lib/format-date";
import { meetingsText } from "@/lib/meetings";
import { meetingOf } from "@/lib/server/data/meetings";

/** "Ada Lovelace" -> ["Ada", "Lovelace"]; the importer joins them back with a space. */
export function splitName(name: string): [given: string, family: string] {
  const at = name.lastIndexOf(" ");
  return at > 0 ? [name.slice(0, at), name.slice(at + 1)] : [name, ""];
}


/**
 * One OneRoster CSV file of the whole school, as rows (header first). Records
 * without a sourcedId from an information system are written with their
 * Rollbook id, which the importer recognises, so an export re-imports with
 * no changes.
 */
export async function exportOneRoster(viewer: Viewer | null, kind: FileKind): Promise<string[][]> {
  requireAdmin(viewer);
  const header = [...EXPORT_COLUMNS[kind]];
  if (kind === "academicSessions") {
    const terms = await db.term.findMany({ orderBy: { id: "asc" }, select: { id: true, sourcedId: true, name: true, startsOn: true, endsOn: true } });
    // Every Rollbook term is a OneRoster "term"; schoolYear is the year it ends in, as OneRoster counts school years.
    return [header, ...terms.map((t) => [t.sourcedId ?? t.id, "active", t.name, "term", isoDay(t.startsOn), isoDay(t.endsOn), "", String(t.endsOn.getFullYear())])];
  }
  if (kind === "users") {
    const [students, teachers] = await Promise.all([
      db.student.findMany({ orderBy: { id: "asc" }, select: { id: true, sourcedId: true, name: true, email: true, studentNumber: true } }),
      db.teacher.findMany({ orderBy: { id: "asc" }, select: { id: true, sourcedId: true, name: true, email: true } }),
    ]);
    return [
      header,
      ...students.map((s) => [s.sourcedId ?? s.id, "active", "student", ...splitName(s.name), s.email, s.studentNumber ?? ""]),
      ...teachers.map((t) => [t.sourcedId ?? t.id, "active", "teacher", ...splitName(t.name), t.email, ""]),
    ];
  }
  if (kind === "classes") {
    const courses = await db.course.findMany({
      orderBy: { id: "asc" },
      select: {
        id: true,
        sourcedId: true,
        code: true,
        title: true,
        term: { select: { id: true, sourcedId: true } },
        meetings: { select: { day: true, startMinute: true, endMinute: true, room: true } },
      },
    });
    return [
      header,
      ...courses.map((c) => [c.sourcedId ?? c.id, "active", c.code, c.title, c.term ? (c.term.sourcedId ?? c.term.id) : "", meetingsText(c.meetings.map(meetingOf))]),
    ];
  }
  const [enrollments, taught] = await Promise.all([
    db.enrollment.findMany({
      orderBy: [{ courseId: "asc" }, { studentId: "asc" }],
      select: {
        enrolledAt: true,
        course: { select: { id: true, sourcedId: true, term: { select: { endsOn: true } } } },
        student: { select: { id: true, sourcedId: true } },
      },
    }),
    db.course.findMany({
      where: { teacherId: { not: null } },
      orderBy: { id: "asc" },
      select: { id: true, sourcedId: true, teacher: { select: { id: true, sourcedId: true } } },
    }),
  ]);
  return [
    header,
    ...taught.map((c) => {
      const classId = c.sourcedId ?? c.id;
      const userId = c.teacher!.sourcedId ?? c.teacher!.id;
      return [`${classId}-${userId}`, "active", classId, userId, "teacher", "", ""];
    }),
    ...enrollments.map((e) => {
      const classId = e.course.sourcedId ?? e.course.id;
      const userId = e.student.sourcedId ?? e.student.id;
      // An enrollment ends with its class's term (a dropped one is gone from the file, its end in the history).
      // (Left empty when the enrollment began after its term had ended: OneRoster refuses an end before the beginning.)
      const end = e.course.term && isoDay(e.course.term.endsOn) >= isoDay(e.enrolledAt) ? isoDay(e.course.term.endsOn) : "";
      return [`${classId}-${userId}`, "active", classId, userId, "student", isoDay(e.enrolledAt), end];
    }),
  ];
}

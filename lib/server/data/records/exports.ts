import "server-only";
import { requireAdmin, type Viewer } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import { EXPORT_COLUMNS, NO_TERM_SESSION, type ExportKind } from "@/lib/import/oneroster";
import { MANIFEST, manifestRows, zipFiles } from "@/lib/import/oneroster-zip";
import { toCsv } from "@/lib/csv";
import { localDay as isoDay } from "@/lib/format-date";
import { meetingsText } from "@/lib/meetings";
import { MEETING_SELECT, meetingOf } from "@/lib/server/data/catalog/meetings";


/** The one org of a Rollbook export: the school. */
export const SCHOOL_ORG = "rollbook-school";

type Record_ = Partial<Record<string, string>>;

/** Each file's records, by kind: a record is its columns' values by name. */
const RECORDS: Record<ExportKind, () => Promise<Record_[]>> = {
  orgs: async () => [{ sourcedId: SCHOOL_ORG, name: "Rollbook school", type: "school" }],
  academicSessions: sessionRecords,
  users: async () => (await people()).map(userRecord),
  roles: async () =>
    (await people()).map((p) => {
      const userId = p.sourcedId ?? p.id;
      return { sourcedId: `${userId}-role`, userSourcedId: userId, roleType: "primary", role: p.role, orgSourcedId: SCHOOL_ORG };
    }),
  courses: async () =>
    (await classes()).map((c) => {
      const classId = c.sourcedId ?? c.id;
      return { sourcedId: `${classId}-course`, title: c.title, courseCode: c.code, orgSourcedId: SCHOOL_ORG };
    }),
  classes: async () => (await classes()).map(classRecord),
  enrollments: enrollmentRecords,
};

/**
 * One OneRoster 1.2 CSV file of the whole school, as rows (header first),
 * as a bulk export: every record, `status` and `dateLastModified` left
 * empty. Records without a sourcedId from an information system are written
 * with their Rollbook id, which the importer recognises, so an export
 * re-imports with no changes. Rollbook has one school (one org), and no
 * courses apart from classes: each class is written with a course of its own.
 */
export async function exportOneRoster(viewer: Viewer | null, kind: ExportKind): Promise<string[][]> {
  requireAdmin(viewer);
  const header: string[] = [...EXPORT_COLUMNS[kind]];
  const records = await RECORDS[kind]();
  return [header, ...records.map((r) => header.map((c) => r[c] ?? ""))];
}

async function sessionRecords(): Promise<Record_[]> {
  const [terms, untermed] = await Promise.all([
    db.term.findMany({ orderBy: { id: "asc" }, select: { id: true, sourcedId: true, name: true, startsOn: true, endsOn: true } }),
    db.course.count({ where: { termId: null } }),
  ]);
  // Every Rollbook term is a OneRoster "term"; schoolYear is the year it ends in, as OneRoster counts school years.
  const records: Record_[] = terms.map((t) => ({
    sourcedId: t.sourcedId ?? t.id,
    title: t.name,
    type: "term",
    startDate: isoDay(t.startsOn),
    endDate: isoDay(t.endsOn),
    schoolYear: String(t.endsOn.getFullYear()),
  }));
  // OneRoster requires a class's term: classes without one are in a placeholder read back as none.
  if (untermed) {
    const year = new Date().getFullYear();
    records.push({ sourcedId: NO_TERM_SESSION, title: "No term", type: "schoolYear", startDate: `${year}-01-01`, endDate: `${year}-12-31`, schoolYear: String(year) });
  }
  return records;
}

async function people() {
  const [students, teachers] = await Promise.all([
    db.student.findMany({ orderBy: { id: "asc" }, select: { id: true, sourcedId: true, givenName: true, familyName: true, email: true, studentNumber: true } }),
    db.teacher.findMany({ orderBy: { id: "asc" }, select: { id: true, sourcedId: true, givenName: true, familyName: true, email: true } }),
  ]);
  return [...students.map((p) => ({ ...p, role: "student" })), ...teachers.map((p) => ({ ...p, studentNumber: null, role: "teacher" }))];
}

function userRecord(p: Awaited<ReturnType<typeof people>>[number]): Record_ {
  return {
    sourcedId: p.sourcedId ?? p.id,
    enabledUser: "true",
    username: p.email,
    givenName: p.givenName,
    familyName: p.familyName,
    identifier: p.studentNumber ?? "",
    email: p.email,
    primaryOrgSourcedId: SCHOOL_ORG,
  };
}

function classes() {
  return db.course.findMany({
    orderBy: { id: "asc" },
    select: {
      id: true,
      sourcedId: true,
      code: true,
      title: true,
      term: { select: { id: true, sourcedId: true } },
      meetings: { select: MEETING_SELECT },
    },
  });
}

function classRecord(c: Awaited<ReturnType<typeof classes>>[number]): Record_ {
  const classId = c.sourcedId ?? c.id;
  const meetings = c.meetings.map(meetingOf);
  return {
    sourcedId: classId,
    title: c.title,
    courseSourcedId: `${classId}-course`,
    classCode: c.code,
    classType: "scheduled",
    location: [...new Set(meetings.map((m) => m.room).filter(Boolean))].join(", "),
    schoolSourcedId: SCHOOL_ORG,
    termSourcedIds: c.term ? (c.term.sourcedId ?? c.term.id) : NO_TERM_SESSION,
    "metadata.meetings": meetingsText(meetings),
  };
}

async function enrollmentRecords(): Promise<Record_[]> {
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
    ...taught.map((c) => {
      const classId = c.sourcedId ?? c.id;
      const userId = c.teacher!.sourcedId ?? c.teacher!.id;
      return { sourcedId: `${classId}-${userId}`, classSourcedId: classId, schoolSourcedId: SCHOOL_ORG, userSourcedId: userId, role: "teacher", primary: "true" };
    }),
    ...enrollments.map((e) => {
      const classId = e.course.sourcedId ?? e.course.id;
      const userId = e.student.sourcedId ?? e.student.id;
      // An enrollment ends with its class's term (a dropped one is gone from the file, its end in the history).
      // (Left empty when the enrollment began after its term had ended: OneRoster refuses an end before the beginning.)
      const end = e.course.term && isoDay(e.course.term.endsOn) >= isoDay(e.enrolledAt) ? isoDay(e.course.term.endsOn) : "";
      return {
        sourcedId: `${classId}-${userId}`,
        classSourcedId: classId,
        schoolSourcedId: SCHOOL_ORG,
        userSourcedId: userId,
        role: "student",
        primary: "false",
        beginDate: isoDay(e.enrolledAt),
        endDate: end,
      };
    }),
  ];
}

/**
 * The whole school as one OneRoster 1.2 zip: every file above and
 * manifest.csv naming them (bulk) and the ones Rollbook doesn't keep (absent).
 */
export async function exportOneRosterZip(viewer: Viewer | null): Promise<Uint8Array> {
  requireAdmin(viewer);
  const kinds = Object.keys(EXPORT_COLUMNS) as ExportKind[];
  const tables = await Promise.all(kinds.map((kind) => exportOneRoster(viewer, kind)));
  const files: Record<string, string> = { [MANIFEST]: toCsv(manifestRows(kinds)) };
  kinds.forEach((kind, i) => (files[`${kind}.csv`] = toCsv(tables[i]!)));
  return zipFiles(files);
}

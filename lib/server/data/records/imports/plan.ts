import "server-only";
import { parseOneRoster, type ImportFiles, type Problem } from "@/lib/import/oneroster";
import { meetingsByCourse } from "@/lib/server/data/catalog/meetings";
import { addedClashes, clashList } from "@/lib/server/data/records/imports/clashes";
import { diffRosters, readRosters, seatsAfter } from "@/lib/server/data/records/imports/enrollments";
import { planClasses, planStudents, planTeachers, planTerms } from "@/lib/server/data/records/imports/match";
import { MAX_PROBLEMS_KEPT, type ImportOptions, type Plan, type RecordPlan } from "@/lib/server/data/records/imports/preview";
import type { Prisma } from "@/lib/generated/sqlite/client";

/**
 * Planning an import: the files (parsed by lib/import/oneroster.ts) against
 * the school as it is now, in a fixed number of queries whatever the files'
 * size: which records are new or changed (match.ts), which enrollments are
 * added and removed (enrollments.ts), whether the seats hold, which added
 * enrollments clash (clashes.ts), and every bad row. A step: jobs.ts checks
 * who is asking. Writes nothing (apply.ts writes a plan).
 */

type Client = Pick<Prisma.TransactionClient, "term" | "student" | "teacher" | "course" | "meeting" | "enrollment" | "$queryRawUnsafe">;

/** Yields to the event loop every so often, and reports progress. */
export type Progress = (done: number) => Promise<void>;

/** What the import is checked against: every term, person and class, with each class's times (five statements). */
async function readSchool(client: Client) {
  const [terms, students, teachers, courses, meetingRows] = await Promise.all([
    client.term.findMany({ select: { id: true, name: true, startsOn: true, endsOn: true, sourcedId: true } }),
    client.student.findMany({ select: { id: true, name: true, givenName: true, familyName: true, email: true, studentNumber: true, sourcedId: true } }),
    client.teacher.findMany({ select: { id: true, name: true, givenName: true, familyName: true, email: true, sourcedId: true } }),
    client.course.findMany({
      select: { id: true, code: true, title: true, sourcedId: true, capacity: true, enrolledCount: true, teacherId: true, termId: true },
    }),
    client.meeting.findMany({ select: { courseId: true, day: true, startMinute: true, endMinute: true, room: true } }),
  ]);
  return { terms, students, teachers, courses, meetingsNow: meetingsByCourse(meetingRows) };
}

const count = (plans: RecordPlan<unknown>[]) => ({
  created: plans.filter((p) => p.isNew).length,
  updated: plans.filter((p) => p.changed).length,
  unchanged: plans.filter((p) => !p.isNew && !p.changed).length,
});

/** What the files would change, checked against the database as it is now. */
export async function plan(client: Client, files: ImportFiles, options: ImportOptions, progress: Progress = async () => {}): Promise<Plan> {
  const parsed = parseOneRoster(files);
  const problems: Problem[] = [...parsed.problems];
  const skipped = [...parsed.skipped];
  const problem = (file: string, line: number, message: string) => problems.push({ file, line, message });
  const school = await readSchool(client);
  await progress(0);

  const students = planStudents(parsed, school.students, problem);
  const teachers = planTeachers(parsed, school.teachers, problem);
  const terms = planTerms(parsed, school.terms, problem);
  const classes = planClasses(parsed, school.courses, school.meetingsNow, terms.matcher, problem);
  await progress(Math.min(parsed.users.length + parsed.classes.length, 1));

  // Each class's term and times after the import: the files' where they say, the school's where not.
  const termSpan = new Map<string, { startsOn: Date; endsOn: Date }>([
    ...school.terms.map((t) => [t.id, t] as const),
    ...terms.plans.map((t) => [t.id, t.data] as const),
  ]);
  const classTerm = new Map<string, string | null>(school.courses.map((c) => [c.id, c.termId]));
  for (const c of classes.plans) if (c.data.termId !== undefined || c.isNew) classTerm.set(c.id, c.data.termId ?? null);
  const meetingsAfter = new Map(school.meetingsNow);
  for (const c of classes.plans) if (c.data.meetings) meetingsAfter.set(c.id, c.data.meetings);
  const classAfter = (courseId: string) => {
    const termId = classTerm.get(courseId);
    return { meetings: meetingsAfter.get(courseId) ?? [], term: termId ? (termSpan.get(termId) ?? null) : null };
  };

  // A past endDate on or after the last day of the class's term is an enrollment that ran its course (as
  // Rollbook's own exports write them), kept; one before it was ended early, and is removed.
  const refs = { student: students.matcher.ref, teacher: teachers.matcher.ref, class: classes.matcher.ref };
  const rosters = await readRosters(
    parsed,
    refs,
    (row, courseId) => {
      const last = classAfter(courseId).term?.endsOn;
      return !row.deleted && row.endDate !== null && last !== undefined && row.endDate >= last;
    },
    problem,
    skipped,
    progress,
  );
  const { add, remove, unchanged } = await diffRosters(client, rosters, options.sync);

  const courseById = new Map(school.courses.map((c) => [c.id, c]));
  const codes = new Map<string, string>(school.courses.map((c) => [c.id, c.code]));
  for (const c of classes.plans) codes.set(c.id, c.data.code);
  const names = new Map(school.students.map((s) => [s.id, s.name]));
  for (const p of students.plans) names.set(p.id, p.data.name);
  const seats = seatsAfter(add, remove, courseById);
  // Clashes (decision 024): listed here; the apply makes them anyway and keeps each in the history.
  const clashes = await addedClashes(client, add, remove, classAfter);
  const assign = new Map([...rosters.assign].filter(([courseId, teacherId]) => courseById.get(courseId)?.teacherId !== teacherId));

  problems.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
  await progress(parsed.enrollments.length);
  return {
    preview: {
      sync: options.sync,
      skipBad: options.skipBad === true,
      terms: count(terms.plans),
      students: count(students.plans),
      teachers: count(teachers.plans),
      classes: count(classes.plans),
      enrollments: { added: add.length, removed: remove.length, unchanged },
      teachersAssigned: assign.size,
      perClass: [...seats.delta]
        .map(([courseId, d]) => ({ code: codes.get(courseId) ?? courseId, ...d }))
        .sort((a, b) => b.added + b.removed - (a.added + a.removed) || a.code.localeCompare(b.code))
        .slice(0, 50),
      overCapacity: seats.overCapacity,
      clashes: clashList(clashes, names, codes),
      problems: problems.slice(0, MAX_PROBLEMS_KEPT),
      problemCount: problems.length,
      skipped,
    },
    terms: terms.plans,
    students: students.plans,
    teachers: teachers.plans,
    classes: classes.plans,
    assign,
    add,
    remove,
    codes,
    names,
  };
}

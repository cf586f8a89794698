import "server-only";
import { FILE_NAMES, type Parsed } from "@/lib/import/oneroster";
import type { Preview } from "@/lib/server/data/records/imports/preview";
import type { ProblemSink } from "@/lib/server/data/records/imports/match";
import type { Prisma } from "@/lib/generated/sqlite/client";

/**
 * An import's enrollments: which the files want, which they end, which
 * teacher each class gets; then what that changes against the database, and
 * whether every class keeps within its capacity. Steps of plan.ts.
 */

type Client = Pick<Prisma.TransactionClient, "enrollment">;
type EnrollmentRow = Parsed["enrollments"][number];
export type Wanted = { studentId: string; courseId: string; enrolledAt: Date | null };
export type Refs = { student(ref: string): string | undefined; teacher(ref: string): string | undefined; class(ref: string): string | undefined };

/** The files' enrollments rows, read against the matched records. */
export async function readRosters(
  parsed: Parsed,
  refs: Refs,
  ranFullTerm: (row: EnrollmentRow, courseId: string) => boolean,
  problem: ProblemSink,
  skipped: Preview["skipped"],
  progress: (done: number) => Promise<void>,
) {
  const wanted = new Map<string, Wanted>();
  const ended = new Set<string>();
  const assign = new Map<string, string>();
  const covered = new Set<string>();
  let n = 0;
  for (const row of parsed.enrollments) {
    if (++n % 1000 === 0) await progress(n);
    const courseId = refs.class(row.classSourcedId);
    const userId = row.role === "student" ? refs.student(row.userSourcedId) : refs.teacher(row.userSourcedId);
    const missing = missingRefs(row, courseId, userId, refs);
    if (missing.length) {
      problem(FILE_NAMES.enrollments, row.line, missing.join("; "));
      continue;
    }
    covered.add(courseId!);
    if (row.role === "teacher") {
      if (row.active) assignTeacher(assign, courseId!, userId!, skipped);
      continue;
    }
    const key = `${userId} ${courseId}`;
    if (row.active || ranFullTerm(row, courseId!)) wanted.set(key, { studentId: userId!, courseId: courseId!, enrolledAt: row.beginDate });
    else ended.add(key);
  }
  return { wanted, ended, assign, covered };
}

function missingRefs(row: EnrollmentRow, courseId: string | undefined, userId: string | undefined, refs: Refs): string[] {
  const missing: string[] = [];
  if (!courseId) missing.push(`classSourcedId “${row.classSourcedId}” is not in classes.csv or in Rollbook`);
  if (!userId) {
    const other = row.role === "student" ? refs.teacher(row.userSourcedId) : refs.student(row.userSourcedId);
    missing.push(
      other
        ? `userSourcedId “${row.userSourcedId}” is a ${row.role === "student" ? "teacher" : "student"}, not a ${row.role}`
        : `userSourcedId “${row.userSourcedId}” is not in users.csv or in Rollbook`,
    );
  }
  return missing;
}

/** A class's teacher: the first listed; another is a skipped row. */
function assignTeacher(assign: Map<string, string>, courseId: string, teacherId: string, skipped: Preview["skipped"]) {
  if (assign.has(courseId) && assign.get(courseId) !== teacherId) {
    const reason = "more than one teacher for a class: Rollbook keeps the first listed";
    const entry = skipped.find((s) => s.file === FILE_NAMES.enrollments && s.reason === reason);
    if (entry) entry.count++;
    else skipped.push({ file: FILE_NAMES.enrollments, count: 1, reason });
    return;
  }
  assign.set(courseId, teacherId);
}

/** What the rosters change: the existing enrollments of the classes the files name (one query), against what they want. */
export async function diffRosters(client: Client, r: { wanted: Map<string, Wanted>; ended: Set<string>; covered: Set<string> }, sync: boolean) {
  const touched = new Set([...r.covered, ...[...r.wanted.values()].map((w) => w.courseId)]);
  const existing = touched.size
    ? await client.enrollment.findMany({
        where: { courseId: { in: [...touched] } },
        select: { studentId: true, courseId: true, enrolledAt: true, source: true },
      })
    : [];
  const current = new Map(existing.map((e) => [`${e.studentId} ${e.courseId}`, e]));
  const add = [...r.wanted.entries()].filter(([k]) => !current.has(k)).map(([, v]) => v);
  const remove = existing.filter((e) => {
    const key = `${e.studentId} ${e.courseId}`;
    return r.ended.has(key) || (sync && r.covered.has(e.courseId) && !r.wanted.has(key));
  });
  const unchanged = [...r.wanted.keys()].filter((k) => current.has(k)).length;
  return { add, remove, unchanged };
}

/** Seats: per class, how many added and removed; and the classes that would end up over their capacity. */
export function seatsAfter(
  add: { courseId: string }[],
  remove: { courseId: string }[],
  courseById: Map<string, { code: string; capacity: number | null; enrolledCount: number }>,
) {
  const delta = new Map<string, { added: number; removed: number }>();
  const at = (courseId: string) => delta.get(courseId) ?? delta.set(courseId, { added: 0, removed: 0 }).get(courseId)!;
  for (const a of add) at(a.courseId).added++;
  for (const r of remove) at(r.courseId).removed++;
  const overCapacity: Preview["overCapacity"] = [];
  for (const [courseId, d] of delta) {
    const course = courseById.get(courseId);
    if (!course || course.capacity === null) continue;
    const after = course.enrolledCount + d.added - d.removed;
    if (after > course.capacity && d.added > 0) overCapacity.push({ code: course.code, capacity: course.capacity, after });
  }
  return { delta, overCapacity: overCapacity.sort((a, b) => a.code.localeCompare(b.code)) };
}

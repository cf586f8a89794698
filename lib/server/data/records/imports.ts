import "server-only";
import { meetingsByCourse, meetingRows as dataMeetingRows } from "@/lib/server/data/catalog/meetings";
import { clashText, type Clash } from "@/lib/server/data/enrollment/clashes";
import { firstClash, meetingsText, type Meeting } from "@/lib/meetings";
import { startOfDay } from "@/lib/format-date";
import { randomUUID } from "node:crypto";
import { requireAdmin, type Viewer } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import { batches } from "@/lib/batches";
import { actorOf, openChangeSet } from "@/lib/server/data/enrollment/actor";
import { applyMany } from "@/lib/server/data/enrollment/many";
import { within } from "@/lib/server/data/sql";
import { fail, ok, RefusedError, type Result } from "@/lib/server/data/result";
import type { EnrollmentSource, Prisma } from "@/lib/generated/sqlite/client";

type Tx = Prisma.TransactionClient;
import { FILE_NAMES, parseOneRoster, type ImportFiles, type Problem } from "@/lib/import/oneroster";

/**
 * OneRoster CSV import: a check (in the background, with progress) that
 * produces a preview of everything the files would change, then an apply
 * that makes exactly those changes in one transaction, as one change set
 * (undo reverses it). Re-importing the same files changes nothing.
 */

type Db = Tx | typeof db;

export type ImportOptions = {
  /** also remove enrollments the files don't list, in the classes they cover */
  sync: boolean;
  /** apply the good rows and skip the ones with problems (never with sync: a skipped row would read as a removal) */
  skipBad?: boolean;
};

export type Preview = {
  sync: boolean;
  /** the rows with problems are skipped, not a reason to refuse */
  skipBad?: boolean;
  /** absent in previews saved before terms were imported */
  terms?: { created: number; updated: number; unchanged: number };
  students: { created: number; updated: number; unchanged: number };
  teachers: { created: number; updated: number; unchanged: number };
  classes: { created: number; updated: number; unchanged: number };
  enrollments: { added: number; removed: number; unchanged: number };
  teachersAssigned: number;
  /** the classes whose roster changes, most changed first (at most 50) */
  perClass: { code: string; added: number; removed: number }[];
  overCapacity: { code: string; capacity: number; after: number }[];
  /** enrollments to add whose class meets when another of the student's does (made anyway, the clash kept in the history); absent in older previews */
  clashes?: { count: number; shown: string[] };
  /** every bad row (at most 500 kept; problemCount has them all) */
  problems: Problem[];
  problemCount: number;
  skipped: { file: string; count: number; reason: string }[];
};

type RecordPlan<D> = { id: string; isNew: boolean; changed: boolean; data: D };
type StudentData = { name: string; email: string; studentNumber: string | null; sourcedId: string | null };
type TeacherData = { name: string; email: string; sourcedId: string | null };
type TermData = { name: string; startsOn: Date; endsOn: Date; sourcedId: string | null };
/** termId absent: the file names no term for the class, which keeps its own */
type ClassData = { code: string; title: string; sourcedId: string | null; termId?: string | null; meetings?: Meeting[] };

type Plan = {
  preview: Preview;
  terms: RecordPlan<TermData>[];
  students: RecordPlan<StudentData>[];
  teachers: RecordPlan<TeacherData>[];
  classes: RecordPlan<ClassData>[];
  /** course id -> teacher id */
  assign: Map<string, string>;
  add: { studentId: string; courseId: string; enrolledAt: Date | null }[];
  remove: { studentId: string; courseId: string; enrolledAt: Date; source: string }[];
  codes: Map<string, string>;
  names: Map<string, string>;
};

const MAX_PROBLEMS_KEPT = 500;
const STALE_MS = 10 * 60_000;

/** Yields to the event loop every so often, and reports progress. */
type Progress = (done: number) => Promise<void>;

/**
 * What the files would change, checked against the database as it is now.
 * Reads a fixed number of queries whatever the files' size.
 */
async function plan(client: Db, files: ImportFiles, options: ImportOptions, progress: Progress = async () => {}): Promise<Plan> {
  const { sync } = options;
  const parsed = parseOneRoster(files);
  const problems = [...parsed.problems];
  const skipped = [...parsed.skipped];
  const problem = (file: string, line: number, message: string) => problems.push({ file, line, message });

  const [terms, students, teachers, courses, meetingRows] = await Promise.all([
    client.term.findMany({ select: { id: true, name: true, startsOn: true, endsOn: true, sourcedId: true } }),
    client.student.findMany({ select: { id: true, name: true, email: true, studentNumber: true, sourcedId: true } }),
    client.teacher.findMany({ select: { id: true, name: true, email: true, sourcedId: true } }),
    client.course.findMany({
      select: { id: true, code: true, title: true, sourcedId: true, capacity: true, enrolledCount: true, teacherId: true, termId: true },
    }),
    client.meeting.findMany({ select: { courseId: true, day: true, startMinute: true, endMinute: true, room: true } }),
  ]);
  // Each class's meetings as text, to compare with a row's.
  const meetingsNow = meetingsByCourse(meetingRows);
  await progress(0);

  // People: matched by sourcedId, then by Rollbook id (what exports write), then by email.
  function matchPeople<T extends { id: string; email: string; sourcedId: string | null }, D extends { sourcedId: string | null }>(
    rows: typeof parsed.users,
    existing: T[],
    dataOf: (row: (typeof parsed.users)[number]) => Omit<D, "sourcedId">,
    same: (row: (typeof parsed.users)[number], found: T) => boolean,
    noun: string,
  ) {
    const bySourced = new Map(existing.filter((e) => e.sourcedId).map((e) => [e.sourcedId!, e]));
    const byId = new Map(existing.map((e) => [e.id, e]));
    // Files' emails are lower-cased (as the forms do); older rows may not be.
    const byEmail = new Map(existing.map((e) => [e.email.toLowerCase(), e]));
    const refs = new Map<string, string>();
    const plans: RecordPlan<D>[] = [];
    const emailsInFile = new Map<string, number>();
    for (const row of rows) {
      const clash = emailsInFile.get(row.email);
      if (clash !== undefined) {
        problem(FILE_NAMES.users, row.line, `email ${row.email} is also on line ${clash}`);
        continue;
      }
      emailsInFile.set(row.email, row.line);
      const found =
        bySourced.get(row.sourcedId) ??
        byId.get(row.sourcedId) ??
        (() => {
          const e = byEmail.get(row.email);
          return e && !e.sourcedId ? e : undefined;
        })();
      const owner = byEmail.get(row.email);
      if (owner && owner !== found) {
        problem(FILE_NAMES.users, row.line, `email ${row.email} belongs to another ${noun} in Rollbook`);
        continue;
      }
      const id = found?.id ?? randomUUID();
      // A file that names a record by its Rollbook id (as exports do) doesn't make that its sourcedId.
      const sourcedId = found && found.id === row.sourcedId && !found.sourcedId ? null : row.sourcedId;
      const data = { ...dataOf(row), sourcedId } as D;
      const changed = !!found && (!same(row, found) || sourcedId !== found.sourcedId);
      plans.push({ id, isNew: !found, changed, data });
      refs.set(row.sourcedId, id);
    }
    return { refs, plans };
  }

  const studentRows = parsed.users.filter((u) => u.role === "student");
  const teacherRows = parsed.users.filter((u) => u.role === "teacher");
  const numbers = new Map(students.filter((s) => s.studentNumber).map((s) => [s.studentNumber!, s.id]));
  const studentMatch = matchPeople<(typeof students)[number], StudentData>(
    studentRows,
    students,
    (r) => ({ name: r.name, email: r.email, studentNumber: r.identifier }),
    (r, s) => s.name === r.name && s.email.toLowerCase() === r.email && (s.studentNumber || null) === r.identifier,
    "student",
  );
  for (const p of studentMatch.plans) {
    const holder = p.data.studentNumber ? numbers.get(p.data.studentNumber) : undefined;
    if (holder && holder !== p.id) {
      const row = studentRows.find((r) => studentMatch.refs.get(r.sourcedId) === p.id)!;
      problem(FILE_NAMES.users, row.line, `identifier ${p.data.studentNumber} is another student's number in Rollbook`);
    }
  }
  const teacherMatch = matchPeople<(typeof teachers)[number], TeacherData>(
    teacherRows,
    teachers,
    (r) => ({ name: r.name, email: r.email }),
    (r, t) => t.name === r.name && t.email.toLowerCase() === r.email,
    "teacher",
  );

  // Terms: by sourcedId, then Rollbook id (what exports write), then name.
  const termMatch = keyedMatcher(terms, (t) => t.name, FILE_NAMES.academicSessions, "title", "term", problem);
  const termPlans: RecordPlan<TermData>[] = [];
  for (const row of parsed.sessions) {
    const m = termMatch.match(row, row.name);
    if (!m) continue;
    const { found, id, sourcedId } = m;
    const changed =
      !!found &&
      (found.name !== row.name ||
        found.startsOn.getTime() !== row.startsOn.getTime() ||
        found.endsOn.getTime() !== row.endsOn.getTime() ||
        found.sourcedId !== sourcedId);
    termPlans.push({ id, isNew: !found, changed, data: { name: row.name, startsOn: row.startsOn, endsOn: row.endsOn, sourcedId } });
    termMatch.remember(row.sourcedId, id);
  }

  // Classes: by sourcedId, then Rollbook id, then class code.
  const courseById = new Map(courses.map((c) => [c.id, c]));
  const classMatch = keyedMatcher(courses, (c) => c.code, FILE_NAMES.classes, "classCode", "class", problem);
  const classPlans: RecordPlan<ClassData>[] = [];
  for (const row of parsed.classes) {
    const m = classMatch.match(row, row.code);
    if (!m) continue;
    const { found, id, sourcedId } = m;
    const termId = row.termSourcedId === null ? undefined : termMatch.ref(row.termSourcedId);
    if (row.termSourcedId !== null && termId === undefined) {
      problem(FILE_NAMES.classes, row.line, `termSourcedIds “${row.termSourcedId}” is not in academicSessions.csv or in Rollbook`);
      continue;
    }
    const meetingsChanged = row.meetings !== null && (!found || meetingsText(row.meetings) !== meetingsText(meetingsNow.get(found.id) ?? []));
    const changed =
      !!found &&
      (found.title !== row.title ||
        found.code !== row.code ||
        found.sourcedId !== sourcedId ||
        (termId !== undefined && found.termId !== termId) ||
        meetingsChanged);
    const data: ClassData = {
      code: row.code,
      title: row.title,
      sourcedId,
      ...(termId !== undefined ? { termId } : {}),
      ...(meetingsChanged ? { meetings: row.meetings! } : {}),
    };
    classPlans.push({ id, isNew: !found, changed, data });
    classMatch.remember(row.sourcedId, id);
  }
  await progress(Math.min(parsed.users.length + parsed.classes.length, 1));

  // Enrollments.
  const studentIds = new Set(students.map((s) => s.id));
  const teacherIds = new Set(teachers.map((t) => t.id));
  const studentBySourced = new Map(students.filter((s) => s.sourcedId).map((s) => [s.sourcedId!, s.id]));
  const teacherBySourced = new Map(teachers.filter((t) => t.sourcedId).map((t) => [t.sourcedId!, t.id]));
  const studentRef = (ref: string) => studentMatch.refs.get(ref) ?? studentBySourced.get(ref) ?? (studentIds.has(ref) ? ref : undefined);
  const teacherRef = (ref: string) => teacherMatch.refs.get(ref) ?? teacherBySourced.get(ref) ?? (teacherIds.has(ref) ? ref : undefined);
  const classRef = classMatch.ref;

  // A past endDate on or after the last day of the class's term is an enrollment that ran its course (as
  // Rollbook's own exports write them), kept; one before it was ended early, and is removed.
  const termEndsOn = new Map<string, Date>([...terms.map((t) => [t.id, t.endsOn] as const), ...termPlans.map((t) => [t.id, t.data.endsOn] as const)]);
  const classTerm = new Map<string, string | null>(courses.map((c) => [c.id, c.termId]));
  for (const c of classPlans) if (c.data.termId !== undefined || c.isNew) classTerm.set(c.id, c.data.termId ?? null);
  const ranFullTerm = (row: (typeof parsed.enrollments)[number], courseId: string) => {
    const termId = classTerm.get(courseId);
    const last = termId ? termEndsOn.get(termId) : undefined;
    return !row.deleted && row.endDate !== null && last !== undefined && row.endDate >= last;
  };
  const wanted = new Map<string, { studentId: string; courseId: string; enrolledAt: Date | null }>();
  const ended = new Set<string>();
  const assign = new Map<string, string>();
  const covered = new Set<string>();
  let n = 0;
  for (const row of parsed.enrollments) {
    if (++n % 1000 === 0) await progress(n);
    const courseId = classRef(row.classSourcedId);
    const userId = row.role === "student" ? studentRef(row.userSourcedId) : teacherRef(row.userSourcedId);
    const missing: string[] = [];
    if (!courseId) missing.push(`classSourcedId “${row.classSourcedId}” is not in classes.csv or in Rollbook`);
    if (!userId) {
      const other = row.role === "student" ? teacherRef(row.userSourcedId) : studentRef(row.userSourcedId);
      missing.push(
        other
          ? `userSourcedId “${row.userSourcedId}” is a ${row.role === "student" ? "teacher" : "student"}, not a ${row.role}`
          : `userSourcedId “${row.userSourcedId}” is not in users.csv or in Rollbook`,
      );
    }
    if (missing.length) {
      problem(FILE_NAMES.enrollments, row.line, missing.join("; "));
      continue;
    }
    covered.add(courseId!);
    if (row.role === "teacher") {
      if (!row.active) continue;
      if (assign.has(courseId!) && assign.get(courseId!) !== userId) {
        const reason = "more than one teacher for a class: Rollbook keeps the first listed";
        const entry = skipped.find((s) => s.file === FILE_NAMES.enrollments && s.reason === reason);
        if (entry) entry.count++;
        else skipped.push({ file: FILE_NAMES.enrollments, count: 1, reason });
        continue;
      }
      assign.set(courseId!, userId!);
      continue;
    }
    const key = `${userId} ${courseId}`;
    if (row.active || ranFullTerm(row, courseId!)) wanted.set(key, { studentId: userId!, courseId: courseId!, enrolledAt: row.beginDate });
    else ended.add(key);
  }

  // Existing enrollments of the classes the files name, in one query.
  const touched = new Set([...covered, ...[...wanted.values()].map((w) => w.courseId)]);
  const existing = touched.size
    ? await client.enrollment.findMany({
        where: { courseId: { in: [...touched] } },
        select: { studentId: true, courseId: true, enrolledAt: true, source: true },
      })
    : [];
  const current = new Map(existing.map((e) => [`${e.studentId} ${e.courseId}`, e]));
  const add = [...wanted.entries()].filter(([k]) => !current.has(k)).map(([, v]) => v);
  const remove = existing.filter((e) => {
    const key = `${e.studentId} ${e.courseId}`;
    return ended.has(key) || (sync && covered.has(e.courseId) && !wanted.has(key));
  });
  const unchanged = [...wanted.keys()].filter((k) => current.has(k)).length;

  // Seats: a class may not end up over its capacity.
  const codes = new Map<string, string>(courses.map((c) => [c.id, c.code]));
  for (const c of classPlans) codes.set(c.id, c.data.code);
  const delta = new Map<string, { added: number; removed: number }>();
  for (const a of add) delta.set(a.courseId, { added: (delta.get(a.courseId)?.added ?? 0) + 1, removed: delta.get(a.courseId)?.removed ?? 0 });
  for (const r of remove) delta.set(r.courseId, { added: delta.get(r.courseId)?.added ?? 0, removed: (delta.get(r.courseId)?.removed ?? 0) + 1 });
  const overCapacity: Preview["overCapacity"] = [];
  for (const [courseId, d] of delta) {
    const course = courseById.get(courseId);
    if (!course || course.capacity === null) continue;
    const after = course.enrolledCount + d.added - d.removed;
    if (after > course.capacity && d.added > 0) overCapacity.push({ code: course.code, capacity: course.capacity, after });
  }
  // Clashes (decision 024): an added enrollment whose class meets when another class of the student's does,
  // as they will be after the import (in, or waiting for; the files' times and terms), in weeks both have.
  // An admin's import, like an admin's tick, goes ahead: listed here, and kept as the enrollment's reason.
  const termSpan = new Map<string, { startsOn: Date; endsOn: Date }>([
    ...terms.map((t) => [t.id, t] as const),
    ...termPlans.map((t) => [t.id, t.data] as const),
  ]);
  const meetingsAfter = new Map(meetingsNow);
  for (const c of classPlans) if (c.data.meetings) meetingsAfter.set(c.id, c.data.meetings);
  const clashes = await addedClashes(client, add, remove, (courseId) => {
    const termId = classTerm.get(courseId);
    return { meetings: meetingsAfter.get(courseId) ?? [], term: termId ? (termSpan.get(termId) ?? null) : null };
  });
  const asClash = (a: Added, c: ImportClash): Clash => ({
    studentId: a.studentId,
    studentName: names.get(a.studentId) ?? a.studentId,
    courseId: a.courseId,
    code: codes.get(a.courseId) ?? a.courseId,
    meeting: c.meeting,
    otherCode: codes.get(c.otherId) ?? c.otherId,
    other: c.other,
    waiting: c.waiting,
  });
  const teachersAssigned = [...assign].filter(([courseId, teacherId]) => courseById.get(courseId)?.teacherId !== teacherId).length;

  const names = new Map(students.map((s) => [s.id, s.name]));
  for (const p of studentMatch.plans) names.set(p.id, p.data.name);
  const count = (plans: RecordPlan<unknown>[]) => ({
    created: plans.filter((p) => p.isNew).length,
    updated: plans.filter((p) => p.changed).length,
    unchanged: plans.filter((p) => !p.isNew && !p.changed).length,
  });
  problems.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
  await progress(parsed.enrollments.length);
  return {
    preview: {
      sync,
      skipBad: options.skipBad === true,
      terms: count(termPlans),
      students: count(studentMatch.plans),
      teachers: count(teacherMatch.plans),
      classes: count(classPlans),
      enrollments: { added: add.length, removed: remove.length, unchanged },
      teachersAssigned,
      perClass: [...delta]
        .map(([courseId, d]) => ({ code: codes.get(courseId) ?? courseId, ...d }))
        .sort((a, b) => b.added + b.removed - (a.added + a.removed) || a.code.localeCompare(b.code))
        .slice(0, 50),
      overCapacity: overCapacity.sort((a, b) => a.code.localeCompare(b.code)),
      clashes: { count: clashes.size, shown: [...clashes].slice(0, 50).map(([a, c]) => clashText(asClash(a, c), "name")) },
      problems: problems.slice(0, MAX_PROBLEMS_KEPT),
      problemCount: problems.length,
      skipped,
    },
    terms: termPlans,
    students: studentMatch.plans,
    teachers: teacherMatch.plans,
    classes: classPlans,
    assign: new Map([...assign].filter(([courseId, teacherId]) => courseById.get(courseId)?.teacherId !== teacherId)),
    add,
    remove,
    codes,
    names,
  };
}

type Added = { studentId: string; courseId: string };
type ImportClash = { meeting: Meeting; otherId: string; other: Meeting; waiting: boolean };

/**
 * The added enrollments that clash with another class of the same student's
 * after the import: their current enrollments and waitlist places (one
 * statement each), less the removals, with the adds. The first clash of each.
 */
async function addedClashes(
  client: Db,
  add: Added[],
  remove: Added[],
  classAfter: (courseId: string) => { meetings: Meeting[]; term: { startsOn: Date; endsOn: Date } | null },
): Promise<Map<Added, ImportClash>> {
  const found = new Map<Added, ImportClash>();
  const timed = add.filter((a) => classAfter(a.courseId).meetings.length > 0);
  if (timed.length === 0) return found;
  // Every enrollment and waitlist place in a class with times (only those can clash), in two plain reads:
  // cheaper than naming thousands of students, and Prisma's raw query works inside the apply's transaction too.
  const adding = new Set(timed.map((a) => a.studentId));
  const timedLinks = (table: "Enrollment" | "WaitlistEntry") =>
    client.$queryRawUnsafe<Added[]>(
      `SELECT x."studentId", x."courseId" FROM "${table}" x WHERE EXISTS (SELECT 1 FROM "Meeting" m WHERE m."courseId" = x."courseId")`,
    );
  const [enrolled, waiting] = (await Promise.all([timedLinks("Enrollment"), timedLinks("WaitlistEntry")])).map((rows) =>
    rows.filter((r) => adding.has(r.studentId)),
  );
  const gone = new Set(remove.map((r) => `${r.studentId} ${r.courseId}`));
  const theirs = new Map<string, { courseId: string; waiting: boolean }[]>();
  const keep = (studentId: string, courseId: string, isWaiting: boolean) => {
    const list = theirs.get(studentId) ?? [];
    if (!list.some((x) => x.courseId === courseId)) list.push({ courseId, waiting: isWaiting });
    theirs.set(studentId, list);
  };
  for (const e of enrolled!) if (!gone.has(`${e.studentId} ${e.courseId}`)) keep(e.studentId, e.courseId, false);
  for (const w of waiting!) keep(w.studentId, w.courseId, true);
  const today = startOfDay(new Date());
  // In the files' order: two added together that clash are one clash, the later one's.
  for (const a of timed) {
    const mine = classAfter(a.courseId);
    for (const o of theirs.get(a.studentId) ?? []) {
      if (o.courseId === a.courseId) continue;
      const other = classAfter(o.courseId);
      // A class whose term has ended clashes with nothing.
      if (other.term && other.term.endsOn < today) continue;
      const at = firstClash(mine, other);
      if (at) {
        found.set(a, { meeting: at[0], otherId: o.courseId, other: at[1], waiting: o.waiting });
        break;
      }
    }
    keep(a.studentId, a.courseId, false);
  }
  return found;
}

/** Whether a preview can be applied: no class over capacity, and no bad rows unless they are to be skipped. */
export function canApply(preview: Preview): boolean {
  return (preview.problemCount === 0 || preview.skipBad === true) && preview.overCapacity.length === 0;
}

/**
 * Matches a file's records to Rollbook's: by sourcedId, then by Rollbook id
 * (what exports write), then by a unique key (a term's name, a class's code)
 * held by a record without a sourcedId of its own. A key given twice in the
 * file, or held by another record in Rollbook, is a problem on the row.
 */
function keyedMatcher<T extends { id: string; sourcedId: string | null }>(
  existing: T[],
  keyOf: (record: T) => string,
  file: string,
  column: string,
  noun: string,
  problem: (file: string, line: number, message: string) => void,
) {
  const bySourced = new Map(existing.filter((e) => e.sourcedId).map((e) => [e.sourcedId!, e]));
  const byId = new Map(existing.map((e) => [e.id, e]));
  const byKey = new Map(existing.map((e) => [keyOf(e), e]));
  const inFile = new Map<string, number>();
  const refs = new Map<string, string>();
  return {
    /** The record a row names (none: a new one, with a new id), or null once the row's problem is recorded. */
    match(row: { line: number; sourcedId: string }, key: string): { found: T | undefined; id: string; sourcedId: string | null } | null {
      const clash = inFile.get(key);
      if (clash !== undefined) {
        problem(file, row.line, `${column} ${key} is also on line ${clash}`);
        return null;
      }
      inFile.set(key, row.line);
      const holder = byKey.get(key);
      const found = bySourced.get(row.sourcedId) ?? byId.get(row.sourcedId) ?? (holder && !holder.sourcedId ? holder : undefined);
      if (holder && holder !== found) {
        problem(file, row.line, `${column} ${key} belongs to another ${noun} in Rollbook`);
        return null;
      }
      // A file that names a record by its Rollbook id (as exports do) doesn't make that its sourcedId.
      const sourcedId = found && found.id === row.sourcedId && !found.sourcedId ? null : row.sourcedId;
      return { found, id: found?.id ?? randomUUID(), sourcedId };
    },
    /** What a row's sourcedId stands for, for other files' references to it. */
    remember(sourcedId: string, id: string) {
      refs.set(sourcedId, id);
    },
    /** The id a reference names: a row of the file, a record's sourcedId, or a Rollbook id. */
    ref(ref: string): string | undefined {
      return refs.get(ref) ?? bySourced.get(ref)?.id ?? (byId.has(ref) ? ref : undefined);
    },
  };
}

/** Rows of the files, for the progress bar. */
function rowCount(files: ImportFiles): number {
  return Object.values(files).reduce((n, text) => n + (text ? text.split("\n").length - 1 : 0), 0);
}


/** Writes a plan inside `tx`, as one change set. Throws (rolling back) if a class would go over capacity. */
async function write(tx: Tx, actor: Viewer, p: Plan, onProgress: (done: number) => void) {
  let done = 0;
  const step = (n: number) => onProgress((done += n));

  const created = <D>(plans: RecordPlan<D>[]) => batches(plans.filter((x) => x.isNew).map((x) => ({ id: x.id, ...x.data })));
  const changed = <D>(plans: RecordPlan<D>[]) => plans.filter((x) => x.changed);
  for (const batch of created(p.terms)) step((await tx.term.createMany({ data: batch })).count);
  for (const x of changed(p.terms)) step((await tx.term.updateMany({ where: { id: x.id }, data: x.data })).count);
  for (const batch of created(p.students)) step((await tx.student.createMany({ data: batch })).count);
  for (const x of changed(p.students)) step((await tx.student.updateMany({ where: { id: x.id }, data: x.data })).count);
  for (const batch of created(p.teachers)) step((await tx.teacher.createMany({ data: batch })).count);
  for (const x of changed(p.teachers)) step((await tx.teacher.updateMany({ where: { id: x.id }, data: x.data })).count);
  // A class's meetings are rows of their own: written after it, replacing what it had.
  const classRow = ({ meetings: _, ...data }: ClassData) => data;
  for (const batch of batches(p.classes.filter((x) => x.isNew).map((x) => ({ id: x.id, ...classRow(x.data) })))) {
    step((await tx.course.createMany({ data: batch })).count);
  }
  for (const x of changed(p.classes)) step((await tx.course.updateMany({ where: { id: x.id }, data: classRow(x.data) })).count);
  const timed = p.classes.filter((x) => x.data.meetings);
  if (timed.length) {
    await tx.meeting.deleteMany({ where: { courseId: { in: timed.map((x) => x.id) } } });
    for (const batch of batches(timed.flatMap((x) => dataMeetingRows(x.data.meetings!).map((m) => ({ ...m, courseId: x.id }))))) {
      await tx.meeting.createMany({ data: batch });
    }
  }
  for (const [courseId, teacherId] of p.assign) await tx.course.update({ where: { id: courseId }, data: { teacherId } });

  // The enrollments through the core (decision 028): a seat each, within the capacity; a clash with another
  // class of the student's is made anyway and kept in the history, as an admin's tick's is.
  const now = new Date();
  const add = p.add.map((a) => ({ studentId: a.studentId, courseId: a.courseId, enrolledAt: a.enrolledAt ?? now, source: "IMPORT" as const }));
  const remove = p.remove.map((r) => ({ ...r, source: r.source as EnrollmentSource }));
  try {
    return await within(tx, function* () {
      const change = yield* openChangeSet(actorOf(actor, "IMPORT"), "IMPORT", { added: add.length, removed: remove.length }, now);
      yield* applyMany(change, { add, remove }, { addReason: null, removeReason: "removed by import", clash: "record" }, step);
      return change.changeSetId!;
    });
  } catch (error) {
    if (error instanceof RefusedError) throw new ImportConflict(`${error.message} Check the files again.`);
    throw error;
  }
}

class ImportConflict extends Error {}

// Progress of the imports this process is applying (a write transaction
// can't also write its progress to the database). Checks write theirs to
// the job row, so any app server can show them.
const applying = new Map<string, { done: number; total: number }>();

/** Starts an import: stores the files and returns the job to check (with runCheck, in the background). */
export async function createImport(
  viewer: Viewer | null,
  files: ImportFiles,
  options: ImportOptions,
): Promise<Result<{ id: string }>> {
  const actor = requireAdmin(viewer);
  if (Object.keys(files).length === 0) {
    return fail("Choose a OneRoster zip, or at least one file: academicSessions.csv, users.csv, roles.csv, classes.csv or enrollments.csv.");
  }
  if (options.sync && options.skipBad) {
    return fail("A full sync can't skip rows with problems: a skipped row would look like an enrollment to remove. Choose one.");
  }
  const job = await db.importJob.create({
    data: { createdById: actor.userId, files: JSON.stringify(files), options: JSON.stringify(options), total: rowCount(files) },
    select: { id: true },
  });
  return ok(job);
}

/** Checks a stored import's files against the database and saves the preview. */
export async function runCheck(viewer: Viewer | null, id: string): Promise<void> {
  requireAdmin(viewer);
  const job = await db.importJob.findUnique({ where: { id } });
  if (!job || job.status !== "CHECKING") return;
  try {
    const p = await plan(db, JSON.parse(job.files) as ImportFiles, JSON.parse(job.options) as ImportOptions, async (done) => {
      await db.importJob.update({ where: { id }, data: { done } });
      await new Promise((resolve) => setImmediate(resolve));
    });
    await db.importJob.update({ where: { id }, data: { status: "CHECKED", done: job.total, preview: JSON.stringify(p.preview) } });
  } catch (error) {
    console.error(error);
    await db.importJob.update({ where: { id }, data: { status: "FAILED", error: "The files could not be checked: an unexpected error. Nothing was written." } });
  }
}

/** Claims a checked import for applying: refused unless its check found nothing wrong (or only rows it skips). */
export async function claimImport(viewer: Viewer | null, id: string): Promise<Result<null>> {
  requireAdmin(viewer);
  const job = await db.importJob.findUnique({ where: { id }, select: { status: true, preview: true } });
  if (!job || job.status !== "CHECKED") return fail("This import is not waiting to be applied.");
  const preview = JSON.parse(job.preview ?? "null") as Preview | null;
  if (!preview || !canApply(preview)) return fail("Fix the problems the check found, then import the files again.");
  const claimed = await db.importJob.updateMany({ where: { id, status: "CHECKED" }, data: { status: "APPLYING", error: null } });
  return claimed.count === 1 ? ok(null) : fail("This import is not waiting to be applied.");
}

/**
 * Applies a claimed import: the plan is made again inside the transaction
 * (the data may have changed since the preview) and written all or nothing.
 */
export async function runApply(viewer: Viewer | null, id: string): Promise<Result<null>> {
  const actor = requireAdmin(viewer);
  const job = await db.importJob.findUnique({ where: { id } });
  if (!job || job.status !== "APPLYING") return fail("This import is not being applied.");
  const previewed = JSON.parse(job.preview ?? "null") as Preview;
  const progress = { done: 0, total: 1 };
  applying.set(id, progress);
  try {
    await db.$transaction(
      async (tx) => {
        const p = await plan(tx, JSON.parse(job.files) as ImportFiles, { sync: previewed.sync, skipBad: previewed.skipBad === true });
        // Skipping applies to the rows the preview listed, no others: a row gone bad since is a reason to check again.
        if (!canApply(p.preview) || p.preview.problemCount !== previewed.problemCount) {
          throw new ImportConflict("The data changed since the check, and the files no longer apply: check them again.");
        }
        progress.total = p.terms.length + p.students.length + p.teachers.length + p.classes.length + p.add.length + p.remove.length || 1;
        const changeSetId = await write(tx, actor, p, (done) => (progress.done = done));
        await tx.importJob.update({
          where: { id },
          data: { status: "APPLIED", preview: JSON.stringify(p.preview), files: "{}", changeSetId, done: job.total },
        });
      },
      { timeout: 120_000, maxWait: 10_000 },
    );
    return ok(null);
  } catch (error) {
    const conflict = error instanceof ImportConflict;
    if (!conflict) console.error(error);
    const message = conflict ? error.message : "The import could not be applied: an unexpected error. Nothing was written.";
    await db.importJob.update({ where: { id }, data: { status: conflict ? "CHECKED" : "FAILED", error: message } });
    return fail(message);
  } finally {
    applying.delete(id);
  }
}

/** Claims and applies a checked import, in one call. */
export async function applyImport(viewer: Viewer | null, id: string): Promise<Result<null>> {
  const claimed = await claimImport(viewer, id);
  return claimed.ok ? runApply(viewer, id) : claimed;
}

export type ImportStatusView = {
  id: string;
  status: "CHECKING" | "CHECKED" | "APPLYING" | "APPLIED" | "FAILED";
  done: number;
  total: number;
};

/** An import's state, for its page and the progress poll. */
export async function getImport(viewer: Viewer | null, id: string) {
  requireAdmin(viewer);
  const job = await db.importJob.findUnique({
    where: { id },
    select: { id: true, status: true, done: true, total: true, preview: true, error: true, options: true, changeSetId: true, createdAt: true, updatedAt: true },
  });
  if (!job) return null;
  const now = await progressOf(job);
  const set = job.changeSetId ? await db.changeSet.findUnique({ where: { id: job.changeSetId }, select: { undoneBy: true } }) : null;
  return {
    ...job,
    ...now,
    undone: set?.undoneBy != null,
    preview: job.preview ? (JSON.parse(job.preview) as Preview) : null,
  };
}

/** Only how far an import is, for the progress bar's twice-a-second poll (no preview, no change set). */
export async function getImportProgress(viewer: Viewer | null, id: string) {
  requireAdmin(viewer);
  const job = await db.importJob.findUnique({ where: { id }, select: { id: true, status: true, done: true, total: true, error: true, updatedAt: true } });
  return job ? progressOf(job) : null;
}

/**
 * An import's status and progress as they are now: live counts from the
 * process applying it, and a check or apply whose server stopped mid-way
 * (it never finishes) marked failed after 10 quiet minutes. An apply's
 * transaction rolled back with its server, so nothing was written.
 */
async function progressOf(job: { id: string; status: ImportStatusView["status"]; done: number; total: number; error: string | null; updatedAt: Date }) {
  const live = applying.get(job.id);
  const working = job.status === "CHECKING" || job.status === "APPLYING";
  if (working && !live && Date.now() - job.updatedAt.getTime() > STALE_MS) {
    const error = "This import stopped before it finished (the server restarted?). Nothing was written: import the files again.";
    const { count } = await db.importJob.updateMany({
      where: { id: job.id, status: job.status, updatedAt: job.updatedAt },
      data: { status: "FAILED", error },
    });
    if (count) return { status: "FAILED" as const, done: job.done, total: job.total, error };
  }
  return { status: job.status, done: live ? live.done : job.done, total: live ? live.total : job.total, error: job.error };
}

/** The latest imports, newest first. */
export async function listImports(viewer: Viewer | null) {
  requireAdmin(viewer);
  return db.importJob.findMany({
    orderBy: { createdAt: "desc" },
    take: 10,
    select: { id: true, status: true, total: true, createdAt: true, createdById: true },
  });
}

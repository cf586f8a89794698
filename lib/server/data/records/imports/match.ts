import "server-only";
import { randomUUID } from "node:crypto";
import { meetingsText, type Meeting } from "@/lib/meetings";
import { FILE_NAMES, type Parsed } from "@/lib/import/oneroster";
import type { ClassData, RecordPlan, StudentData, TeacherData, TermData } from "@/lib/server/data/records/imports/preview";

/**
 * Matching a file's records to Rollbook's, one rule for every kind: by
 * sourcedId, then by Rollbook id (what exports write), then by a unique key
 * (a person's email, a term's name, a class's code) held by a record without
 * a sourcedId of its own. A key given twice in the file, or held by another
 * record in Rollbook, is a problem on the row. Steps of plan.ts.
 */

export type ProblemSink = (file: string, line: number, message: string) => void;

export function keyedMatcher<T extends { id: string; sourcedId: string | null }>(
  existing: T[],
  keyOf: (record: T) => string,
  file: string,
  column: string,
  noun: string,
  problem: ProblemSink,
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
export type Matcher = ReturnType<typeof keyedMatcher>;

type UserRow = Parsed["users"][number];
type Person = { id: string; givenName: string; familyName: string; email: string; sourcedId: string | null };

/** A row's names as written, and whether a person already has them. */
const namesOf = (r: UserRow) => ({ givenName: r.givenName, familyName: r.familyName, name: r.name, sortName: r.sortName });
const sameNames = (r: UserRow, p: Person) => p.givenName === r.givenName && p.familyName === r.familyName;

/** People (students or teachers) by the one matching rule, keyed by email (files' are lower-cased; older rows may not be). */
function planPeople<T extends Person, D extends { sourcedId: string | null }>(
  rows: UserRow[],
  existing: T[],
  noun: string,
  dataOf: (row: UserRow) => Omit<D, "sourcedId">,
  same: (row: UserRow, found: T) => boolean,
  problem: ProblemSink,
) {
  const matcher = keyedMatcher(existing, (e) => e.email.toLowerCase(), FILE_NAMES.users, "email", noun, problem);
  const plans: RecordPlan<D>[] = [];
  for (const row of rows) {
    const m = matcher.match(row, row.email);
    if (!m) continue;
    const { found, id, sourcedId } = m;
    const changed = !!found && (!same(row, found) || sourcedId !== found.sourcedId);
    plans.push({ id, isNew: !found, changed, data: { ...dataOf(row), sourcedId } as D });
    matcher.remember(row.sourcedId, id);
  }
  return { matcher, plans };
}

export function planStudents(parsed: Parsed, students: (Person & { studentNumber: string | null })[], problem: ProblemSink) {
  const rows = parsed.users.filter((u) => u.role === "student");
  const match = planPeople<(typeof students)[number], StudentData>(
    rows,
    students,
    "student",
    (r) => ({ ...namesOf(r), email: r.email, studentNumber: r.identifier }),
    (r, s) => sameNames(r, s) && s.email.toLowerCase() === r.email && (s.studentNumber || null) === r.identifier,
    problem,
  );
  // A student number is one student's.
  const numbers = new Map(students.filter((s) => s.studentNumber).map((s) => [s.studentNumber!, s.id]));
  const lineOf = new Map(rows.map((r) => [match.matcher.ref(r.sourcedId), r.line]));
  for (const p of match.plans) {
    const holder = p.data.studentNumber ? numbers.get(p.data.studentNumber) : undefined;
    if (holder && holder !== p.id) problem(FILE_NAMES.users, lineOf.get(p.id)!, `identifier ${p.data.studentNumber} is another student's number in Rollbook`);
  }
  return match;
}

export function planTeachers(parsed: Parsed, teachers: Person[], problem: ProblemSink) {
  return planPeople<Person, TeacherData>(
    parsed.users.filter((u) => u.role === "teacher"),
    teachers,
    "teacher",
    (r) => ({ ...namesOf(r), email: r.email }),
    (r, t) => sameNames(r, t) && t.email.toLowerCase() === r.email,
    problem,
  );
}

type TermRecord = { id: string; name: string; startsOn: Date; endsOn: Date; sourcedId: string | null };

/** Terms: keyed by name. */
export function planTerms(parsed: Parsed, terms: TermRecord[], problem: ProblemSink) {
  const matcher = keyedMatcher(terms, (t) => t.name, FILE_NAMES.academicSessions, "title", "term", problem);
  const plans: RecordPlan<TermData>[] = [];
  for (const row of parsed.sessions) {
    const m = matcher.match(row, row.name);
    if (!m) continue;
    const { found, id, sourcedId } = m;
    const changed =
      !!found &&
      (found.name !== row.name ||
        found.startsOn.getTime() !== row.startsOn.getTime() ||
        found.endsOn.getTime() !== row.endsOn.getTime() ||
        found.sourcedId !== sourcedId);
    plans.push({ id, isNew: !found, changed, data: { name: row.name, startsOn: row.startsOn, endsOn: row.endsOn, sourcedId } });
    matcher.remember(row.sourcedId, id);
  }
  return { matcher, plans };
}

type ClassRecord = { id: string; code: string; title: string; sourcedId: string | null; termId: string | null };

/** Classes: keyed by class code; a class's term by the terms' matcher; its times as text, to compare. */
export function planClasses(parsed: Parsed, courses: ClassRecord[], meetingsNow: Map<string, Meeting[]>, termMatch: Matcher, problem: ProblemSink) {
  const matcher = keyedMatcher(courses, (c) => c.code, FILE_NAMES.classes, "classCode", "class", problem);
  const plans: RecordPlan<ClassData>[] = [];
  for (const row of parsed.classes) {
    const m = matcher.match(row, row.code);
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
    plans.push({ id, isNew: !found, changed, data });
    matcher.remember(row.sourcedId, id);
  }
  return { matcher, plans };
}

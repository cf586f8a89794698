import "server-only";
import type { Meeting } from "@/lib/meetings";
import type { Problem } from "@/lib/import/oneroster";

/**
 * What an import would change (its preview) and the plan that makes those
 * changes: the types the stages share (plan.ts makes a plan, apply.ts
 * writes it, jobs.ts runs both for the import page).
 */

/** Every bad row is counted; this many are kept to show. */
export const MAX_PROBLEMS_KEPT = 500;

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

export type RecordPlan<D> = { id: string; isNew: boolean; changed: boolean; data: D };
/** A person's names as written (lib/names withNames). */
type Names = { givenName: string; familyName: string; name: string; sortName: string };
export type StudentData = Names & { email: string; studentNumber: string | null; sourcedId: string | null };
export type TeacherData = Names & { email: string; sourcedId: string | null };
export type TermData = { name: string; startsOn: Date; endsOn: Date; sourcedId: string | null };
/** termId absent: the file names no term for the class, which keeps its own */
export type ClassData = { code: string; title: string; sourcedId: string | null; termId?: string | null; meetings?: Meeting[] };

export type Plan = {
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

/** Whether a preview can be applied: no class over capacity, and no bad rows unless they are to be skipped. */
export function canApply(preview: Preview): boolean {
  return (preview.problemCount === 0 || preview.skipBad === true) && preview.overCapacity.length === 0;
}


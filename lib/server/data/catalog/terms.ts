import "server-only";
import { localDay, startOfDay } from "@/lib/format-date";
import { requireAdmin, type Viewer } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import { pageWindow, pageOf, type Page } from "@/lib/server/data/paging";
import { fail, isUniqueViolation, ok, refusable, RefusedError, type Result } from "@/lib/server/data/result";
import { newJoinCode } from "@/lib/server/data/catalog/join-codes";
import { courseCode } from "@/lib/schemas/courses";
import { termEnd } from "@/lib/server/data/catalog/term-days";
import type { TermInput } from "@/lib/schemas/terms";
import { meetingLabels } from "@/lib/meetings";
import { MEETING_SELECT, meetingOf } from "@/lib/server/data/catalog/meetings";
import { classesForAudit } from "@/lib/server/data/catalog/class-audit";
import { actorFor, auditMoment, recordChange, recordChanges, type AuditFields } from "@/lib/server/data/records/audit";

export type Term = { id: string; name: string; startsOn: Date; endsOn: Date };
/** Where a term stands on a given day: "current" holds the day, "next" is the first to start after it. */
export type TermStanding = "past" | "current" | "next" | "later";

const termSelect = { id: true, name: true, startsOn: true, endsOn: true } as const;
/** The term's load limits (decision 040), for its page, its form and the log. */
const loadSelect = { loadLimit: true, loadLimitFrom: true, loadLimitLater: true } as const;

/**
 * Each term's standing on `now`'s day. Terms may overlap (a summer school
 * beside a school year): each one holding the day is current. The next term
 * is the first to start after today; any that start the same day are next too.
 */
export function termStandings(terms: readonly Term[], now = new Date()): Map<string, TermStanding> {
  const today = startOfDay(now);
  const upcoming = terms.filter((t) => t.startsOn > today);
  const nextStart = upcoming.length ? Math.min(...upcoming.map((t) => t.startsOn.getTime())) : null;
  return new Map(
    terms.map((t) => [
      t.id,
      termEnd(t) <= today ? "past" : t.startsOn <= today ? "current" : t.startsOn.getTime() === nextStart ? "next" : "later",
    ]),
  );
}

/** Every term, newest first, for selects and filters (a school has a few a year). */
export async function listTermChoices(viewer: Viewer | null): Promise<Term[]> {
  requireAdmin(viewer);
  return db.term.findMany({ orderBy: [{ startsOn: "desc" }, { name: "asc" }], select: termSelect });
}

export type TermRow = Term & { classCount: number };

export async function listTerms(viewer: Viewer | null, opts: { page: number }): Promise<Page<TermRow>> {
  requireAdmin(viewer);
  const total = await db.term.count();
  const w = pageWindow(opts.page, total);
  const rows = await db.term.findMany({
    orderBy: [{ startsOn: "desc" }, { name: "asc" }],
    skip: w.skip,
    take: w.take,
    select: { ...termSelect, _count: { select: { courses: true } } },
  });
  return pageOf(
    rows.map(({ _count, ...t }) => ({ ...t, classCount: _count.courses })),
    total,
    w,
  );
}

/** Classes a term's page lists (the class list, filtered by the term, pages through all of them). */
export const TERM_PAGE_CLASSES = 100;

/** A term with how many classes it has and the first of them (code order), for its page. */
export async function getTerm(viewer: Viewer | null, id: string) {
  requireAdmin(viewer);
  const term = await db.term.findUnique({
    where: { id },
    select: {
      ...termSelect,
      ...loadSelect,
      sourcedId: true,
      _count: { select: { courses: true } },
      courses: { orderBy: { code: "asc" }, take: TERM_PAGE_CLASSES, select: { id: true, code: true, title: true, enrolledCount: true, capacity: true } },
    },
  });
  if (!term) return null;
  const { _count, ...rest } = term;
  return { ...rest, classCount: _count.courses };
}

function nameClash(error: unknown, name: string): Result<never> | null {
  return isUniqueViolation(error, "name") ? fail("Check the form.", { name: `Another term is already called ${name}.` }) : null;
}

/** A term as the audit log keeps it. */
export function termFields(t: { name: string; startsOn: Date; endsOn: Date; loadLimit?: number | null; loadLimitFrom?: Date | null; loadLimitLater?: number | null }): AuditFields {
  return {
    name: t.name,
    startsOn: localDay(t.startsOn),
    endsOn: localDay(t.endsOn),
    loadLimit: t.loadLimit ?? null,
    loadLimitFrom: auditMoment(t.loadLimitFrom ?? null),
    loadLimitLater: t.loadLimitLater ?? null,
  };
}

export async function createTerm(viewer: Viewer | null, input: TermInput): Promise<Result<{ id: string }>> {
  const actor = requireAdmin(viewer);
  try {
    return ok(
      await db.$transaction(async (tx) => {
        const { id } = await tx.term.create({ data: input, select: { id: true } });
        await recordChange(tx, { actor: actorFor(actor), via: "PAGE", kind: "TERM", recordId: id, label: input.name, action: "CREATED", before: null, after: termFields(input) });
        return { id };
      }),
    );
  } catch (error) {
    const result = nameClash(error, input.name);
    if (result) return result;
    throw error;
  }
}

export async function updateTerm(viewer: Viewer | null, id: string, input: TermInput): Promise<Result<{ id: string }>> {
  const actor = requireAdmin(viewer);
  try {
    return await db.$transaction(async (tx) => {
      const was = await tx.term.findUnique({ where: { id }, select: { ...termSelect, ...loadSelect } });
      if (!was) return fail("That term no longer exists.");
      await tx.term.update({ where: { id }, data: input, select: { id: true } });
      await recordChange(tx, { actor: actorFor(actor), via: "PAGE", kind: "TERM", recordId: id, label: input.name, action: "UPDATED", before: termFields(was), after: termFields({ ...was, ...input }) });
      return ok({ id });
    });
  } catch (error) {
    const result = nameClash(error, input.name);
    if (result) return result;
    throw error;
  }
}

/** A term can be deleted once no class belongs to it: nothing saved goes with it. */
export async function deleteTerm(viewer: Viewer | null, id: string): Promise<Result<null>> {
  const actor = requireAdmin(viewer);
  return refusable(() =>
    db.$transaction(async (tx) => {
      const term = await tx.term.findUnique({ where: { id }, select: { ...termSelect, _count: { select: { courses: true } } } });
      if (!term) throw new RefusedError("That term no longer exists.");
      const n = term._count.courses;
      if (n > 0) {
        throw new RefusedError(
          `${term.name} has ${n} ${n === 1 ? "class" : "classes"}: move ${n === 1 ? "it" : "them"} to another term or delete ${n === 1 ? "it" : "them"} first.`,
        );
      }
      await tx.term.delete({ where: { id } });
      await recordChange(tx, { actor: actorFor(actor), via: "PAGE", kind: "TERM", recordId: id, label: term.name, action: "DELETED", before: termFields(term), after: null });
      return null;
    }),
  );
}

/** What a rollover copies and what it leaves, as its preview says. */
export const ROLLOVER_KEEPS = {
  copied: ["title", "description", "capacity", "teacher", "self-enrollment", "meeting times", "enrollment window and drop deadline (moved with the term)", "a new join code where there was one"],
  left: ["students and their enrollments", "waitlists", "the id in the school's system (sourcedId)", "history"],
};

/** How a rollover names the copies: `from` replaced by `to` at the end of each code, or `to` added when `from` is empty. */
export type CodeRule = { from: string; to: string };

export function copiedCode(code: string, rule: CodeRule): string {
  if (rule.from && code.endsWith(rule.from)) return code.slice(0, code.length - rule.from.length) + rule.to;
  return code + rule.to;
}

/** The longest "-…" ending every code shares (like "-A26"), the likely thing a rollover replaces. */
export function sharedEnding(codes: readonly string[]): string {
  if (codes.length === 0) return "";
  const first = codes[0]!;
  const dash = first.lastIndexOf("-");
  if (dash <= 0) return "";
  const ending = first.slice(dash);
  return codes.every((c) => c.endsWith(ending) && c.length > ending.length) ? ending : "";
}

export type RolloverPlan = {
  from: Term;
  to: Term;
  /** each class of `from` with the code its copy will have, and the meeting times it takes along ("Mon, Wed 09:00–10:30, Room 12") */
  copies: { id: string; code: string; title: string; newCode: string; meetings: string }[];
  /** how far the windows and drop deadlines move: the days between the terms' first days */
  shiftDays: number;
  /** why it can't go ahead as asked, one line per problem (codes taken, not valid) */
  problems: string[];
};

/** Dates move with the term: a window that opened a week before the old term opens a week before the new one. */
function shifted(date: Date | null, by: number): Date | null {
  return date ? new Date(date.getTime() + by) : null;
}

/**
 * What copying `fromId`'s classes into `toId` would make, checked: every new
 * code valid and free (in the school and among the copies). Nothing written.
 */
export async function planRollover(viewer: Viewer | null, fromId: string, toId: string, rule: CodeRule): Promise<Result<RolloverPlan>> {
  requireAdmin(viewer);
  if (fromId === toId) return fail("Choose another term to copy the classes into.");
  const [from, to] = await Promise.all([
    db.term.findUnique({
      where: { id: fromId },
      select: { ...termSelect, courses: { orderBy: { code: "asc" }, select: { id: true, code: true, title: true, meetings: { select: MEETING_SELECT } } } },
    }),
    db.term.findUnique({ where: { id: toId }, select: termSelect }),
  ]);
  if (!from) return fail("That term no longer exists.");
  if (!to) return fail("The term to copy into no longer exists: choose another.");
  if (from.courses.length === 0) return fail(`${from.name} has no classes to copy.`);
  const copies = from.courses.map(({ meetings, ...c }) => ({ ...c, newCode: copiedCode(c.code, rule), meetings: meetingLabels(meetings.map(meetingOf)).join("; ") }));
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const c of copies) {
    const valid = courseCode.safeParse(c.newCode);
    if (!valid.success) problems.push(`${c.code} would become “${c.newCode}”: ${valid.error.issues[0]?.message}`);
    else if (seen.has(c.newCode)) problems.push(`${c.code} and ${seen.get(c.newCode)} would both become ${c.newCode}.`);
    seen.set(c.newCode, c.code);
  }
  const taken = await db.course.findMany({ where: { code: { in: [...seen.keys()] } }, select: { code: true } });
  for (const t of taken) problems.push(`${t.code} is already a class's code (${seen.get(t.code)} would become it).`);
  const { courses: _, ...fromTerm } = from;
  const shiftDays = Math.round((to.startsOn.getTime() - fromTerm.startsOn.getTime()) / 86_400_000);
  return ok({ from: fromTerm, to, copies, shiftDays, problems });
}

/**
 * Copies every class of one term into another, in one transaction: code (by
 * the rule), title, description, capacity, teacher, self-enrollment, meeting
 * times (so the new term has a timetable, and the clash check something to
 * catch), and the enrollment window and drop deadline moved by as many days
 * as the terms' starts are apart. A class's join code is made afresh;
 * enrollments, waitlists and source ids stay with the old classes
 * (ROLLOVER_KEEPS says so on the page). Refused as a whole, changing
 * nothing, while any new code is invalid or taken.
 */
export async function copyTermClasses(
  viewer: Viewer | null,
  fromId: string,
  toId: string,
  rule: CodeRule,
): Promise<Result<{ copied: number; codes: string[] }>> {
  const actor = requireAdmin(viewer);
  const planned = await planRollover(viewer, fromId, toId, rule);
  if (!planned.ok) return planned;
  const plan = planned.value;
  if (plan.problems.length) return fail(`Nothing was copied. ${plan.problems.join(" ")}`);
  const by = plan.to.startsOn.getTime() - plan.from.startsOn.getTime();
  try {
    return await refusable(() =>
      db.$transaction(async (tx) => {
        const sources = await tx.course.findMany({
          where: { termId: fromId },
          orderBy: { code: "asc" },
          select: {
            id: true,
            code: true,
            title: true,
            description: true,
            capacity: true,
            teacherId: true,
            selfEnrollment: true,
            opensAt: true,
            closesAt: true,
            dropDeadline: true,
            joinCode: true,
            meetings: { select: MEETING_SELECT },
          },
        });
        const codeOf = new Map(plan.copies.map((c) => [c.id, c.newCode]));
        if (sources.length !== plan.copies.length || sources.some((s) => !codeOf.has(s.id))) {
          throw new RefusedError(`${plan.from.name}'s classes changed while you were looking: check again.`);
        }
        const made = await tx.course.createManyAndReturn({
          select: { id: true, code: true },
          data: sources.map((s) => ({
            code: codeOf.get(s.id)!,
            title: s.title,
            description: s.description,
            capacity: s.capacity,
            teacherId: s.teacherId,
            termId: toId,
            selfEnrollment: s.selfEnrollment,
            opensAt: shifted(s.opensAt, by),
            closesAt: shifted(s.closesAt, by),
            dropDeadline: shifted(s.dropDeadline, by),
            joinCode: s.joinCode ? newJoinCode() : null,
          })),
        });
        const madeId = new Map(made.map((c) => [c.code, c.id]));
        const meetings = sources.flatMap((s) => s.meetings.map((m) => ({ ...m, courseId: madeId.get(codeOf.get(s.id)!)! })));
        if (meetings.length) await tx.meeting.createMany({ data: meetings });
        // Each copy in the log, made by the rollover, saying which class it copies.
        const copies = await classesForAudit(tx, made.map((c) => c.id));
        await recordChanges(
          tx,
          sources.map((s) => {
            const id = madeId.get(codeOf.get(s.id)!)!;
            const copy = copies.get(id)!;
            return { actor: actorFor(actor), via: "ROLLOVER" as const, kind: "CLASS" as const, recordId: id, label: copy.label, action: "CREATED" as const, before: null, after: copy.fields, note: `copied from ${s.code} (${plan.from.name})` };
          }),
        );
        return { copied: sources.length, codes: sources.map((s) => codeOf.get(s.id)!) };
      }),
    );
  } catch (error) {
    if (isUniqueViolation(error, "code")) return fail("Nothing was copied: another admin made a class with one of these codes meanwhile. Check again.");
    throw error;
  }
}

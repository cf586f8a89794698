import "server-only";
import { timingSafeEqual } from "node:crypto";
import { formatDateTime, formatDay } from "@/lib/format-date";
import { normalizeJoinCode } from "@/lib/schemas/courses";
import { termEnd } from "@/lib/server/data/catalog/term-days";
import { RefusedError } from "@/lib/server/data/result";
import type { ClassCounts } from "@/lib/action-state";
import { asBoolean, asDateOrNull, asNumber, refuse } from "@/lib/server/data/sql";

/**
 * The rules of enrollment, each written once (decision 028). Every path
 * (an admin's tick and Save, a student's tick and Save, the API, an import,
 * an undo, a promotion from a waitlist) asks these, through the steps in
 * seats.ts and waitlist.ts; the rules table test (rules.test.ts) runs each
 * rule through each path it applies to.
 *
 * - Seats: a conditional update of the class's count (seats.ts, decision
 *   003); only an admin may go past it, on purpose, with a reason.
 * - The window, the join code, the term, the drop deadline: a student's own
 *   changes only (`enrollRefusal`, `dropRefusal`); the school's are not held
 *   to them.
 * - Clashes (clashes.ts): a student's own are refused, an admin's single
 *   tick asked about first, every other admin path records them.
 * - Their registration time (decision 041): a term's windows open it to
 *   each group in turn; a student's own adds wait for theirs.
 * - The student's own standing (decision 039): a hold stops them adding a
 *   class or joining a waitlist, never dropping. Asked as a clash is: a
 *   student's own refused (saying whom to see), an admin's single tick asked
 *   (then made with a reason), the school's other paths recorded, an undo
 *   not asked; a promotion from a waitlist passes over a held student.
 */

/** A class's self-enrollment rules, as the core's statements read them. */
export type Rules = {
  code: string;
  selfEnrollment: boolean;
  opensAt: Date | null;
  closesAt: Date | null;
  dropDeadline: Date | null;
  joinCode: string | null;
  /** the last day of the class's term, if it has one */
  termEndsOn: Date | null;
};

/** The same, as a statement returns them (text dates on SQLite, 0/1 booleans). */
export type RulesRow = {
  code: string;
  selfEnrollment: unknown;
  opensAt: unknown;
  closesAt: unknown;
  dropDeadline: unknown;
  joinCode: string | null;
  termEndsOn: unknown;
};

export function rulesOf(row: RulesRow): Rules {
  return {
    code: row.code,
    selfEnrollment: asBoolean(row.selfEnrollment),
    opensAt: asDateOrNull(row.opensAt),
    closesAt: asDateOrNull(row.closesAt),
    dropDeadline: asDateOrNull(row.dropDeadline),
    joinCode: row.joinCode,
    termEndsOn: asDateOrNull(row.termEndsOn),
  };
}

/** Refused because the class has no seat left: with its counts as they are now, so the page can offer the waitlist at once. */
export class ClassFullError extends RefusedError {
  constructor(message: string, course: ClassCounts) {
    super(message, undefined, "full", course);
  }
}

/** Where a class's self-enrollment stands at `now`: the catalog shows it, enrollRefusal refuses by it. */
export type Window = "open" | "not-yet" | "closed" | "managed";
export function windowOf(course: Pick<Rules, "selfEnrollment" | "opensAt" | "closesAt">, now: Date): Window {
  if (!course.selfEnrollment) return "managed";
  if (course.opensAt && now < course.opensAt) return "not-yet";
  if (course.closesAt && now >= course.closesAt) return "closed";
  return "open";
}

function sameCode(given: string, expected: string) {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The class's term is over: its last day has passed. */
function termOver(course: Rules, now: Date): boolean {
  return course.termEndsOn !== null && termEnd({ endsOn: course.termEndsOn }) <= now;
}

/** Why a student may not enroll in (or wait for) a class now, or null if they may. */
export function enrollRefusal(course: Rules, now: Date, joinCode?: string | null): string | null {
  const window = windowOf(course, now);
  if (window === "managed") return `${course.code} is not open for self-enrollment: ask your school.`;
  if (termOver(course, now)) return `${course.code}'s term ended ${formatDay(course.termEndsOn!)}.`;
  if (window === "not-yet") return `Enrollment in ${course.code} opens ${formatDateTime(course.opensAt!)}.`;
  if (window === "closed") return `Enrollment in ${course.code} closed ${formatDateTime(course.closesAt!)}.`;
  if (course.joinCode) {
    const given = normalizeJoinCode(joinCode);
    if (!given) return `${course.code} needs a join code: ask your teacher for it.`;
    if (!sameCode(given, course.joinCode)) return `That join code is not right for ${course.code}.`;
  }
  return null;
}

/** Why a student may not drop a class now, or null if they may. */
export function dropRefusal(course: Rules, now: Date): string | null {
  if (!course.selfEnrollment) return `${course.code} is managed by your school: ask an admin to remove you.`;
  if (termOver(course, now)) return `${course.code}'s term ended ${formatDay(course.termEndsOn!)}: ask an admin.`;
  if (course.dropDeadline && now > course.dropDeadline)
    return `The drop deadline for ${course.code} was ${formatDateTime(course.dropDeadline)}: ask an admin.`;
  return null;
}

/**
 * What an enrollment into a class that meets when another of the student's
 * classes does (decision 024) does: a student's own is refused, naming the
 * clash; an admin's single tick is asked about first (refused with code
 * "clash"), then made with the clash kept in the history ("record"), as an
 * admin's Save (whose review listed it), the API's and an import's are.
 * "ignore": a promotion from a waitlist (students can't wait for a class
 * that clashes with theirs) and an undo (it puts back what was).
 */
export type ClashRule = "refuse" | "ask" | "record" | "ignore";
/** How a path meets the rules about the student (their standing): as it meets a clash. */
export type StandingRule = ClashRule;

/**
 * The student's standing as a seat reads it (one row, with "Course" in
 * scope): the hold on them, if one holds (the first placed), and their load
 * in the class's term against the limit in force then.
 */
export type Standing = {
  holdReason: string | null;
  holdOffice: string | null;
  termName: string | null;
  /** the most of the term's classes they may be in now (null: no limit, or no term) */
  loadLimit: unknown;
  /** how many of the term's classes they are in */
  loadHeld: unknown;
  /** the term's later limit and when it starts, for the words */
  loadLimitFrom: unknown;
  loadLimitLater: unknown;
  /** the class's term opens registration by windows (decision 041) */
  windowed: unknown;
  /** when it opens to this student: the earliest window that is theirs (null: none is) */
  registrationOpens: unknown;
};

/** SQL: a hold that holds on the student (`student`: an expression for their id), the first placed. */
const activeHold = (student: string, column: "reason" | "office") =>
  `(SELECT h."${column}" FROM "Hold" h WHERE h."studentId" = ${student} AND h."liftedAt" IS NULL ORDER BY h."placedAt", h."id" LIMIT 1)`;
const held = (student: string) => `EXISTS (SELECT 1 FROM "Hold" h WHERE h."studentId" = ${student} AND h."liftedAt" IS NULL)`;
/** SQL, with "Course" in scope: a column of its term. */
const termColumn = (column: string) => `(SELECT t."${column}" FROM "Term" t WHERE t."id" = "Course"."termId")`;
/** SQL, for a term (`t`: its alias): the most of its classes a student may be in at `now` (null: no limit). The one place the limit in force is decided. */
const limitIn = (t: string, now: string) => `CASE WHEN ${t}."loadLimitFrom" IS NOT NULL AND ${t}."loadLimitFrom" <= ${now} THEN ${t}."loadLimitLater" ELSE ${t}."loadLimit" END`;
/** The same, with "Course" in scope: for its term. */
const loadLimitAt = (now: string) => `(SELECT ${limitIn("t", now)} FROM "Term" t WHERE t."id" = "Course"."termId")`;
/** SQL, with "Course" in scope: how many of its term's classes the student is in (an index range on their enrollments). */
const loadOf = (student: string) =>
  `(SELECT COUNT(*) FROM "Enrollment" e JOIN "Course" k ON k."id" = e."courseId" WHERE e."studentId" = ${student} AND k."termId" = "Course"."termId")`;

/**
 * SQL: when a term's registration opens to the student (`term`, `student`:
 * expressions for their ids), the earliest of its windows that is theirs:
 * one for every student, or their group's (of a group split into random
 * slots, their slot's: their draw modulo the slots). Null when none is. The
 * one place a student's registration time is decided (decision 041).
 */
export const registrationOpensSql = (term: string, student: string) =>
  `(SELECT MIN(w."opensAt") FROM "RegistrationWindow" w
    LEFT JOIN "StudentGroupMember" g ON g."groupId" = w."groupId" AND g."studentId" = ${student}
    WHERE w."termId" = ${term} AND (w."groupId" IS NULL OR (g."studentId" IS NOT NULL AND w."slot" = g."draw" % w."slots")))`;
/** SQL: the term opens registration by windows. */
export const windowedSql = (term: string) => `EXISTS (SELECT 1 FROM "RegistrationWindow" w WHERE w."termId" = ${term})`;

/** The columns a seat's read adds for the student's standing, with "Course" in scope (`student`, `now`: expressions). Key lookups and index probes. */
export const standingColumns = (student: string, now: string) =>
  `${activeHold(student, "reason")} AS "holdReason", ${activeHold(student, "office")} AS "holdOffice",
  ${termColumn("name")} AS "termName", ${loadLimitAt(now)} AS "loadLimit", ${loadOf(student)} AS "loadHeld",
  ${termColumn("loadLimitFrom")} AS "loadLimitFrom", ${termColumn("loadLimitLater")} AS "loadLimitLater",
  ${windowedSql(`"Course"."termId"`)} AS "windowed", ${registrationOpensSql(`"Course"."termId"`, student)} AS "registrationOpens"`;

/**
 * SQL, with "Course" in scope: nothing about the student stops them adding
 * it: no hold; under the load limit (counted only where there is one); and,
 * for a student's own (`windows`), their registration time has come.
 */
export const standsClear = (student: string, now: string, windows: boolean) =>
  `NOT ${held(student)} AND NOT EXISTS (SELECT 1 FROM "Term" t WHERE t."id" = "Course"."termId" AND ${limitIn("t", now)} IS NOT NULL AND ${loadOf(student)} >= ${limitIn("t", now)})` +
  (windows ? ` AND (NOT ${windowedSql(`"Course"."termId"`)} OR COALESCE(${registrationOpensSql(`"Course"."termId"`, student)} <= ${now}, FALSE))` : "");

/** The student's standing alone, for a write that reads it apart ($1: the student, $2: the class, $3: now). */
export const STANDING_SQL = `SELECT ${standingColumns("$1", "$3::timestamp(3)")} FROM "Course" WHERE "id" = $2`;

/** As a `must`, for a write decided without reading first: nothing about the student stops the seat (the same parameters); `self`: a student's own, held to their registration time too. */
export function standsClearSql(self: boolean): string {
  return self ? STANDS_CLEAR_SELF_SQL : STANDS_CLEAR_SQL;
}
const STANDS_CLEAR_SQL = `SELECT 1 AS "clear" FROM "Course" WHERE "id" = $2 AND ${standsClear("$1", "$3::timestamp(3)", false)}`;
const STANDS_CLEAR_SELF_SQL = `SELECT 1 AS "clear" FROM "Course" WHERE "id" = $2 AND ${standsClear("$1", "$3::timestamp(3)", true)}`;

/** "Your registration for Autumn 2026 opens 9 Dec 2026 09:00.": when the term's windows let the student in, if not yet (null: they may now). */
export function windowText(s: Pick<Standing, "termName" | "windowed" | "registrationOpens">, at: Date): string | null {
  if (!asBoolean(s.windowed)) return null;
  const opens = asDateOrNull(s.registrationOpens);
  if (opens === null) return `Registration for ${s.termName} opens by group, and no window is yours yet: ask an admin.`;
  return opens > at ? `Your registration for ${s.termName} opens ${formatDateTime(opens)}.` : null;
}

/** "A hold stops you adding classes: Unpaid fees. See the bursar's office to have it lifted." */
export function holdText(s: Pick<Standing, "holdReason" | "holdOffice">, who: string | null): string {
  return who === null
    ? `A hold stops you adding classes: ${s.holdReason}. See ${s.holdOffice} to have it lifted.`
    : `${who} has a hold: ${s.holdReason}. ${capitalize(s.holdOffice!)} can lift it.`;
}
const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The load limit in force at `now` for a term's limits as stored: for the
 * catalog's marks, said before a tick (the write decides with loadLimitAt's
 * SQL, the same rule).
 */
export function loadLimitNow(t: { loadLimit: number | null; loadLimitFrom: Date | null; loadLimitLater: number | null }, now: Date): number | null {
  return t.loadLimitFrom !== null && t.loadLimitFrom <= now ? t.loadLimitLater : t.loadLimit;
}

/** Whether the student is at their load limit for the class's term. */
export function atLoadLimit(s: Standing): boolean {
  return s.loadLimit !== null && s.loadLimit !== undefined && asNumber(s.loadHeld) >= asNumber(s.loadLimit);
}

/** "You are in 4 classes of Autumn 2026, the most a student may take until 1 Dec 2026 09:00 (then 5)." */
export function loadText(s: Standing, who: string | null, now: Date): string {
  const n = asNumber(s.loadHeld);
  const from = asDateOrNull(s.loadLimitFrom);
  const later = from && from > now && s.loadLimitLater !== null ? ` until ${formatDateTime(from)} (then ${asNumber(s.loadLimitLater)})` : "";
  const classes = `${n} ${n === 1 ? "class" : "classes"} of ${s.termName}`;
  return who === null
    ? `You are in ${classes}, the most a student may take${later}. Drop one first, or ask an admin to allow an overload.`
    : `${who} is in ${classes}, the most a student may take${later}.`;
}

/**
 * What the student's standing means for an enrollment under the path's rule:
 * refused (to the student: what would satisfy it and who can help), asked
 * about (an admin's tick: code "rule", every rule that stands in one
 * question), or the note the history keeps; null when nothing stands in the
 * way. `pass`: the admin's reason to go past them, kept with the note.
 */
export function standingVerdict(s: Standing, name: string, rule: StandingRule, at: Date, pass?: string | null): string | null {
  if (rule === "ignore") return null;
  const hold = s.holdReason !== null;
  const load = atLoadLimit(s);
  // A registration window holds a student's own adds only: the school enrolls whenever it must (as a class's own window).
  const early = rule === "refuse" ? windowText(s, at) : null;
  if (!hold && !load && !early) return null;
  const who = rule === "refuse" ? null : name;
  if (rule !== "record") refuse([hold ? holdText(s, who) : null, early, load ? loadText(s, who, at) : null].filter(Boolean).join(" "), "rule");
  const notes = [
    hold ? `passes a hold (${s.holdOffice}: ${s.holdReason})` : null,
    load ? `passes the load limit (${asNumber(s.loadHeld) + 1} of ${asNumber(s.loadLimit)} in ${s.termName})` : null,
  ];
  return `${notes.filter(Boolean).join("; ")}${pass ? `: ${pass}` : ""}`;
}

/** A check a student's own change must pass: why the class's rules refuse it, or null. */
export type Check = ((rules: Rules) => string | null) | null;

/**
 * How the rules apply to a path's changes. A student's own changes are
 * held to each class's window, join code, term and drop deadline, and may
 * not clash; the school's (an admin, the API, an import) are not, and
 * record a clash instead.
 */
export type Policy = {
  enroll: (courseId: string) => Check;
  drop: (courseId: string) => Check;
  clash: ClashRule;
  standing: StandingRule;
};

/** A student's own changes at `now`, with the join codes they typed by class. */
export function studentPolicy(now: Date, joinCodes: Record<string, string | null | undefined> = {}): Policy {
  return {
    enroll: (courseId) => (rules) => enrollRefusal(rules, now, joinCodes[courseId] ?? null),
    drop: () => (rules) => dropRefusal(rules, now),
    clash: "refuse",
    standing: "refuse",
  };
}

/** The school's changes: an admin's, the API's, an import's. */
export const schoolPolicy: Policy = { enroll: () => null, drop: () => null, clash: "record", standing: "record" };

import { parse } from "csv-parse/sync";
import type { z } from "zod";
import { courseCode, courseTitle } from "@/lib/schemas/courses";
import { familyName, givenName, personEmail, studentNumber } from "@/lib/schemas/people";
import { withNames } from "@/lib/names";
import { termName } from "@/lib/schemas/terms";
import { isText } from "@/lib/schemas/text";
import { parseMeetings, type Meeting } from "@/lib/meetings";
import { parseDay, startOfDay } from "@/lib/format-date";

/**
 * OneRoster 1.2 CSV, the subset Rollbook knows: academicSessions.csv (terms),
 * users.csv with roles.csv (or a role column of its own, as OneRoster 1.1
 * had), classes.csv and enrollments.csv, as files or in one zip with
 * manifest.csv. This file reads and checks the files on their own (columns,
 * encoding, each row's values, duplicate ids); lib/server/data/records/imports/
 * (plan.ts, apply.ts) checks them against the database and applies them.
 */

export const FILE_NAMES = {
  academicSessions: "academicSessions.csv",
  users: "users.csv",
  roles: "roles.csv",
  classes: "classes.csv",
  enrollments: "enrollments.csv",
} as const;
export type FileKind = keyof typeof FILE_NAMES;
export type ImportFiles = Partial<Record<FileKind, string>>;

/** Per file. A 10,000-row enrollments file is ~1 MB; the large demo school's 100,000 rows ~9 MB. */
export const MAX_FILE_BYTES = 20 * 2 ** 20;

const COLUMNS: Record<FileKind, { required: string[]; optional: string[] }> = {
  academicSessions: { required: ["sourcedId", "title", "type", "startDate", "endDate"], optional: ["status", "parentSourcedId", "schoolYear"] },
  // role: OneRoster 1.1's column; 1.2 moved it to roles.csv (either will do).
  users: { required: ["sourcedId", "givenName", "familyName", "email"], optional: ["role", "status", "identifier", "middleName"] },
  roles: { required: ["userSourcedId", "role"], optional: ["sourcedId", "status", "roleType", "orgSourcedId"] },
  // metadata.meetings: Rollbook's extension column (OneRoster's "metadata." prefix), "Mon Wed 09:00-10:30 Room 12; Fri 13:00-14:00".
  classes: { required: ["sourcedId", "classCode", "title"], optional: ["status", "termSourcedIds", "metadata.meetings"] },
  enrollments: {
    required: ["classSourcedId", "userSourcedId", "role"],
    optional: ["sourcedId", "status", "beginDate", "endDate"],
  },
};

/**
 * OneRoster 1.2 requires each class to name a term; Rollbook's classes
 * without one are exported in this placeholder session, which the importer
 * reads back as "no term" (docs/decisions/025).
 */
export const NO_TERM_SESSION = "rollbook-no-term";

/** A row (or a whole file, line null) that can't be imported, and why. */
export type Problem = { file: string; line: number | null; message: string };

export type UserRow = {
  line: number;
  sourcedId: string;
  role: "student" | "teacher";
  givenName: string;
  familyName: string;
  /** as shown, and the sort key: lib/names */
  name: string;
  sortName: string;
  email: string;
  identifier: string | null;
};
/** A term: an academic session of type term, semester or school year. */
export type SessionRow = { line: number; sourcedId: string; name: string; startsOn: Date; endsOn: Date };
/** `termSourcedId` null: the row names no term (an existing class keeps its own); `meetings` null: none named (kept likewise). */
export type ClassRow = { line: number; sourcedId: string; code: string; title: string; termSourcedId: string | null; meetings: Meeting[] | null };
export type EnrollmentRow = {
  line: number;
  classSourcedId: string;
  userSourcedId: string;
  role: "student" | "teacher";
  beginDate: Date | null;
  /** false when the row says the enrollment ends: status tobedeleted, or an endDate already past */
  active: boolean;
  /** the row's endDate; an enrollment that ran to its class's term's end is not ended by it (imports.ts) */
  endDate: Date | null;
  deleted: boolean;
};

export type Parsed = {
  sessions: SessionRow[];
  users: UserRow[];
  classes: ClassRow[];
  enrollments: EnrollmentRow[];
  problems: Problem[];
  /** rows left out on purpose (other roles, users marked tobedeleted), counted for the preview */
  skipped: { file: string; count: number; reason: string }[];
};

/**
 * Bytes to text: UTF-8 only (a byte order mark is fine), within the size
 * limit. Anything else is a problem naming the file.
 */
export function decodeFile(bytes: Uint8Array, file: string): { text: string } | { problem: Problem } {
  if (bytes.byteLength > MAX_FILE_BYTES) {
    const mb = (bytes.byteLength / 2 ** 20).toFixed(1);
    return { problem: { file, line: null, message: `${file} is ${mb} MB; the limit is ${MAX_FILE_BYTES / 2 ** 20} MB a file. Split it and import the parts one after another.` } };
  }
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return { text: text.startsWith("\uFEFF") ? text.slice(1) : text };
  } catch {
    return { problem: { file, line: null, message: `${file} is not UTF-8 text. Save it as “CSV UTF-8” and upload it again.` } };
  }
}

type Record_ = { line: number; cells: Record<string, string> };

/** A file's records with their line numbers, or the problem with its header. */
function readTable(kind: FileKind, text: string): { records: Record_[]; columns: Set<string> } | { problem: Problem } {
  const file = FILE_NAMES[kind];
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, { info: true, relax_column_count: true, skip_empty_lines: true, bom: true }) as unknown as typeof rows;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? null;
    return { problem: { file, line, message: `${file} is not valid CSV: ${(error as Error).message.replace(/^Invalid /, "invalid ")}` } };
  }
  const [header, ...body] = rows;
  if (!header) return { problem: { file, line: null, message: `${file} is empty.` } };
  const names = header.record.map((h) => h.trim());
  const byLower = new Map(names.map((n, i) => [n.toLowerCase(), i]));
  const missing = COLUMNS[kind].required.filter((c) => !byLower.has(c.toLowerCase()));
  if (missing.length) {
    return {
      problem: {
        file,
        line: 1,
        message: `${file} has no ${missing.map((m) => `“${m}”`).join(", ")} column${missing.length > 1 ? "s" : ""}. Its first line must name the columns, e.g. ${[...COLUMNS[kind].required].join(",")}.`,
      },
    };
  }
  const wanted = [...COLUMNS[kind].required, ...COLUMNS[kind].optional];
  const records = body.map(({ record, info }) => {
    const cells: Record<string, string> = {};
    for (const column of wanted) {
      const i = byLower.get(column.toLowerCase());
      cells[column] = i === undefined ? "" : (record[i] ?? "");
    }
    return { line: info.lines, cells };
  });
  return { records, columns: new Set(byLower.keys()) };
}

/**
 * A cell's text. A cell a spreadsheet would run as a formula (=, +, -, @,
 * tab, CR first) is refused; one escaped with an apostrophe, as Rollbook's
 * own exports write them, is read as the text after it.
 */
function cellText(raw: string): { value: string } | { error: string } {
  // What a form refuses, a file does too (lib/schemas/text.ts): no control characters, NUL above all.
  if (!isText(raw)) return { error: "has a control character in it (often from a copy and paste): type it again" };
  if (/^'[=+\-@\t\r]/.test(raw)) return { value: raw.slice(1) };
  if (/^[=+\-@\t\r]/.test(raw)) return { error: `“${raw.slice(0, 20)}” looks like a spreadsheet formula` };
  return { value: raw.trim() };
}

/** OneRoster dates: 2026-09-01, or a full ISO 8601 date and time. */
function parseDate(raw: string): Date | null | "invalid" {
  if (raw === "") return null;
  // A plain date is that day's start in the school's time zone (TZ), like the rest of Rollbook.
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) return parseDay(raw) ?? "invalid";
  const date = /^\d{4}-\d{2}-\d{2}T/.test(raw) ? new Date(raw) : null;
  return date && !Number.isNaN(date.getTime()) ? date : "invalid";
}

function check<T>(schema: z.ZodType<T>, value: string, label: string): { value: T } | { error: string } {
  const result = schema.safeParse(value);
  return result.success ? { value: result.data } : { error: `${label}: ${result.error.issues[0]?.message ?? "not valid"}` };
}

/**
 * Reads whichever of the three files were given and checks each row on its
 * own. Every problem names its file and line; rows with problems are left out
 * of the result (the import as a whole is refused while any remain).
 */
export function parseOneRoster(files: ImportFiles, now = new Date()): Parsed {
  const out: Parsed = { sessions: [], users: [], classes: [], enrollments: [], problems: [], skipped: [] };
  const skip = (file: string, reason: string) => {
    const entry = out.skipped.find((s) => s.file === file && s.reason === reason);
    if (entry) entry.count++;
    else out.skipped.push({ file, count: 1, reason });
  };

  // Each user's role from roles.csv (OneRoster 1.2): the primary one where there are several.
  const roleOf = new Map<string, { role: string; primary: boolean }>();
  for (const kind of ["academicSessions", "roles", "users", "classes", "enrollments"] as const) {
    const text = files[kind];
    if (text === undefined) continue;
    const file = FILE_NAMES[kind];
    const table = readTable(kind, text);
    if ("problem" in table) {
      out.problems.push(table.problem);
      continue;
    }
    if (kind === "users" && !table.columns.has("role") && files.roles === undefined) {
      out.problems.push({ file, line: 1, message: "users.csv has no “role” column: add roles.csv (OneRoster 1.2), or a role column." });
      continue;
    }
    const firstLine = new Map<string, number>();
    for (const { line, cells } of table.records) {
      const errors: string[] = [];
      const values: Record<string, string> = {};
      for (const [column, raw] of Object.entries(cells)) {
        const cell = cellText(raw);
        if ("error" in cell) errors.push(`${column} ${cell.error}`);
        else values[column] = cell.value;
      }
      const problem = (message: string) => out.problems.push({ file, line, message });
      if (errors.length) {
        problem(errors.join("; "));
        continue;
      }
      const status = (values.status ?? "").toLowerCase();
      if (status !== "" && status !== "active" && status !== "tobedeleted") {
        problem(`status “${values.status}” is not active or tobedeleted`);
        continue;
      }

      if (kind === "roles") {
        if (status === "tobedeleted") continue;
        const primary = (values.roleType ?? "").toLowerCase() !== "secondary";
        const known = roleOf.get(values.userSourcedId!);
        if (!known || (primary && !known.primary)) roleOf.set(values.userSourcedId!, { role: values.role!.toLowerCase(), primary });
        continue;
      }
      if (kind === "users" || kind === "classes" || kind === "academicSessions") {
        const id = values.sourcedId!;
        if (!id) {
          problem("sourcedId is empty");
          continue;
        }
        const seen = firstLine.get(id);
        if (seen !== undefined) {
          problem(`sourcedId “${id}” is also on line ${seen}`);
          continue;
        }
        firstLine.set(id, line);
      }

      if (kind === "academicSessions") {
        if (values.sourcedId === NO_TERM_SESSION) {
          skip(file, "Rollbook's “No term” session: its classes have no term");
          continue;
        }
        const type = values.type!;
        if (type === "gradingPeriod") {
          skip(file, "gradingPeriod sessions: Rollbook's terms are terms, semesters and school years");
          continue;
        }
        if (type !== "term" && type !== "semester" && type !== "schoolYear") {
          problem(`type “${type}” is not term, semester, schoolYear or gradingPeriod`);
          continue;
        }
        if (status === "tobedeleted") {
          skip(file, "sessions marked tobedeleted: an import doesn't delete terms");
          continue;
        }
        const name = check(termName, values.title!, "title");
        const start = parseDate(values.startDate!);
        const end = parseDate(values.endDate!);
        const bad = "error" in name ? [name.error] : [];
        if (!(start instanceof Date)) bad.push(`startDate “${values.startDate}” is not a date like 2026-09-01`);
        if (!(end instanceof Date)) bad.push(`endDate “${values.endDate}” is not a date like 2026-09-01`);
        if (bad.length === 0 && startOfDay(end as Date) < startOfDay(start as Date)) bad.push("endDate is before startDate");
        if (bad.length) {
          problem(bad.join("; "));
          continue;
        }
        out.sessions.push({
          line,
          sourcedId: values.sourcedId!,
          name: (name as { value: string }).value,
          startsOn: startOfDay(start as Date),
          endsOn: startOfDay(end as Date),
        });
      } else if (kind === "users") {
        // A role column of its own (OneRoster 1.1) wins over roles.csv.
        const role = (values.role || roleOf.get(values.sourcedId!)?.role || "").toLowerCase();
        if (role !== "student" && role !== "teacher") {
          skip(file, `role “${role || "(empty)"}”: only students and teachers are imported`);
          continue;
        }
        if (status === "tobedeleted") {
          skip(file, "users marked tobedeleted: an import doesn't delete people");
          continue;
        }
        // The form's rules: a given name is needed; a family name may be empty (a person with one name).
        const given = check(givenName, values.givenName!, "givenName");
        const family = check(familyName, values.familyName ?? "", "familyName");
        const email = check(personEmail, values.email!, "email");
        const identifier = role === "student" ? check(studentNumber, values.identifier ?? "", "identifier") : { value: null };
        const bad = [given, family, email, identifier].flatMap((r) => ("error" in r ? [r.error] : []));
        if (bad.length) {
          problem(bad.join("; "));
          continue;
        }
        out.users.push({
          line,
          sourcedId: values.sourcedId!,
          role,
          ...withNames({ givenName: (given as { value: string }).value, familyName: (family as { value: string }).value }),
          email: (email as { value: string }).value,
          identifier: (identifier as { value: string | null }).value,
        });
      } else if (kind === "classes") {
        if (status === "tobedeleted") {
          skip(file, "classes marked tobedeleted: an import doesn't delete classes");
          continue;
        }
        const code = check(courseCode, values.classCode!, "classCode");
        const title = check(courseTitle, values.title!, "title");
        const bad = [code, title].flatMap((r) => ("error" in r ? [r.error] : []));
        const terms = (values.termSourcedIds ?? "")
          .split(",")
          .map((t) => t.trim())
          .filter((t) => t && t !== NO_TERM_SESSION);
        if (terms.length > 1) bad.push(`termSourcedIds lists ${terms.length} terms; a class belongs to one term in Rollbook`);
        const meetingText = (values["metadata.meetings"] ?? "").trim();
        const meetings = meetingText ? parseMeetings(meetingText) : null;
        if (meetings && !meetings.ok) bad.push(`metadata.meetings: ${meetings.message}`);
        if (bad.length) {
          problem(bad.join("; "));
          continue;
        }
        out.classes.push({
          line,
          sourcedId: values.sourcedId!,
          code: (code as { value: string }).value,
          title: (title as { value: string }).value,
          termSourcedId: terms[0] ?? null,
          meetings: meetings?.ok ? meetings.meetings : null,
        });
      } else {
        const role = values.role!.toLowerCase();
        if (role !== "student" && role !== "teacher") {
          skip(file, `role “${role || "(empty)"}”: only students and teachers are imported`);
          continue;
        }
        const begin = parseDate(values.beginDate ?? "");
        const end = parseDate(values.endDate ?? "");
        const bad: string[] = [];
        if (!values.classSourcedId) bad.push("classSourcedId is empty");
        if (!values.userSourcedId) bad.push("userSourcedId is empty");
        if (begin === "invalid") bad.push(`beginDate “${values.beginDate}” is not a date like 2026-09-01`);
        if (end === "invalid") bad.push(`endDate “${values.endDate}” is not a date like 2026-09-01`);
        if (bad.length === 0 && begin instanceof Date && end instanceof Date && end < begin) bad.push("endDate is before beginDate");
        const pair = `${values.classSourcedId} ${values.userSourcedId}`;
        const seen = firstLine.get(pair);
        if (bad.length === 0 && seen !== undefined) bad.push(`this user and class are also on line ${seen}`);
        if (bad.length) {
          problem(bad.join("; "));
          continue;
        }
        firstLine.set(pair, line);
        const ended = status === "tobedeleted" || (end instanceof Date && end < startOfDay(now));
        out.enrollments.push({
          line,
          classSourcedId: values.classSourcedId!,
          userSourcedId: values.userSourcedId!,
          role,
          beginDate: begin as Date | null,
          active: !ended,
          endDate: end as Date | null,
          deleted: status === "tobedeleted",
        });
      }
    }
  }
  return out;
}

/**
 * The files an export writes, with OneRoster 1.2's columns in its order (the
 * CSV binding's tables), and Rollbook's own metadata.meetings after them.
 */
export const EXPORT_COLUMNS = {
  academicSessions: ["sourcedId", "status", "dateLastModified", "title", "type", "startDate", "endDate", "parentSourcedId", "schoolYear"],
  orgs: ["sourcedId", "status", "dateLastModified", "name", "type", "identifier", "parentSourcedId"],
  courses: ["sourcedId", "status", "dateLastModified", "schoolYearSourcedId", "title", "courseCode", "grades", "orgSourcedId", "subjects", "subjectCodes"],
  classes: [
    "sourcedId", "status", "dateLastModified", "title", "grades", "courseSourcedId", "classCode", "classType", "location",
    "schoolSourcedId", "termSourcedIds", "subjects", "subjectCodes", "periods", "metadata.meetings",
  ],
  users: [
    "sourcedId", "status", "dateLastModified", "enabledUser", "username", "userIds", "givenName", "familyName", "middleName",
    "identifier", "email", "sms", "phone", "agentSourcedIds", "grades", "password", "userMasterIdentifier", "resourceSourcedIds",
    "preferredGivenName", "preferredMiddleName", "preferredFamilyName", "primaryOrgSourcedId", "pronouns",
  ],
  roles: ["sourcedId", "status", "dateLastModified", "userSourcedId", "roleType", "role", "beginDate", "endDate", "orgSourcedId", "userProfileSourcedId"],
  enrollments: ["sourcedId", "status", "dateLastModified", "classSourcedId", "schoolSourcedId", "userSourcedId", "role", "primary", "beginDate", "endDate"],
} as const;
export type ExportKind = keyof typeof EXPORT_COLUMNS;
/** The files of a whole-school export, by name. */
export const EXPORT_FILES = Object.keys(EXPORT_COLUMNS).map((kind) => `${kind}.csv`);

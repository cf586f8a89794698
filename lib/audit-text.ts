// How the audit log's entries read (lib/server/data/records/audit.ts): on a
// record's history page, the admin's audit page and its CSV. Plain module:
// the pages and the export share it.

export type AuditValue = string | number | boolean | null;

/** Each kind of record the log keeps, as one and as many: the one list of them (audit.ts's AuditKind is its keys). */
const KINDS = {
  CLASS: ["Class", "Classes"],
  TERM: ["Term", "Terms"],
  STUDENT: ["Student", "Students"],
  GROUP: ["Student group", "Student groups"],
  TEACHER: ["Teacher", "Teachers"],
  API_TOKEN: ["API token", "API tokens"],
  IMPORT: ["Import", "Imports"],
  SCHOOL_ACCOUNT: ["School account", "School accounts"],
  SIGN_IN_RULE: ["Sign-in rule", "Sign-in rules"],
  SIGN_IN_SETTINGS: ["Sign-in settings", "Sign-in settings"],
  BACKUP_SETTINGS: ["Backup schedule", "Backup schedule"],
} as const;
export type AuditKind = keyof typeof KINDS;
const ACTION_WORDS: Record<string, string> = {
  CREATED: "made",
  UPDATED: "changed",
  DELETED: "deleted",
  REVOKED: "revoked",
  NEW_JOIN_CODE: "given a new join code",
  UNDONE: "undone",
  LINKED: "linked",
  UNLINKED: "unlinked",
  APPROVED: "approved",
  REFUSED: "refused",
  HOLD_PLACED: "hold placed",
  HOLD_LIFTED: "hold lifted",
};
/** Each kind of record the log can name, for its filter: its value and what it is called there ("Classes"). */
export const AUDIT_KINDS = (Object.keys(KINDS) as AuditKind[]).map((kind) => ({ kind, name: KINDS[kind][1] }));

const VIA_WORDS: Record<string, string> = {
  PAGE: "on a page",
  IMPORT: "by an import",
  API: "through the API",
  ROLLOVER: "by a term copy",
  UNDO: "by an undo",
  COMMAND: "by a command on the server",
};

const FIELD_LABELS: Record<string, string> = {
  code: "Code",
  title: "Title",
  description: "Description",
  capacity: "Capacity",
  teacher: "Teacher",
  term: "Term",
  meetings: "Times",
  selfEnrollment: "Self-enrollment",
  opensAt: "Opens",
  closesAt: "Closes",
  dropDeadline: "Drop deadline",
  joinCode: "Join code",
  name: "Name",
  givenName: "Given name",
  familyName: "Family name",
  email: "Email",
  studentNumber: "Student number",
  startsOn: "First day",
  endsOn: "Last day",
  startsWith: "Starts with",
  mayChangeEnrollments: "May change enrollments",
  revoked: "Revoked",
  sourcedId: "Id in the school's system",
  login: "Rollbook login",
  provider: "Provider",
  account: "School account",
  how: "How",
  linkByEmail: "Links by email",
  linkBySourcedId: "Links by the school's id",
  createStudents: "Makes new students",
  passwordStudents: "Students sign in with a password",
  passwordTeachers: "Teachers sign in with a password",
  passwordAdmins: "Admins sign in with a password",
  askWhom: "Whom to ask",
  everyHours: "Every (hours)",
  keep: "Backups kept",
  hold: "Hold (who lifts it: why)",
  members: "Members",
  window: "Registration window",
  loadLimit: "Most classes a student may take",
  loadLimitFrom: "A different limit from",
  loadLimitLater: "Most classes from then",
};

/** "Class changed", "API token revoked". */
export function auditWhat(kind: string, action: string): string {
  return `${KINDS[kind as AuditKind]?.[0] ?? kind} ${ACTION_WORDS[action] ?? action.toLowerCase()}`;
}

/** "on a page", "by an import". */
export function auditVia(via: string): string {
  return VIA_WORDS[via] ?? via.toLowerCase();
}

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}

const MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A value as it reads: moments and days in the reader's format, yes or no, "none" for nothing. */
export function auditValueText(value: AuditValue, format: { when: (d: Date) => string; day: (d: Date) => string }): string {
  if (value === null || value === "") return "none";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return value.toLocaleString("en");
  if (MOMENT.test(value)) return format.when(new Date(value));
  const day = DAY.exec(value);
  if (day) return format.day(new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
  return value;
}

export type AuditChange = { field: string; label: string; before: AuditValue; after: AuditValue };

/** An entry's stored changes ({ field: [before, after] }) in the order the fields were written. */
export function auditChanges(json: string): AuditChange[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return [];
  }
  if (!parsed || typeof parsed !== "object") return [];
  return Object.entries(parsed as Record<string, [AuditValue, AuditValue]>).map(([field, [before, after]]) => ({ field, label: fieldLabel(field), before, after }));
}

import { localDay } from "@/lib/format-date";
import { meetingsText, type Meeting } from "@/lib/meetings";
import type { FieldSpec } from "@/components/forms/admin-form";

/** A person's two names: a given name, and a family name unless they have one name (lib/names). */
function nameFields(p?: { givenName: string; familyName: string }): FieldSpec[] {
  return [
    { name: "givenName", label: "Given name", defaultValue: p?.givenName, required: true },
    { name: "familyName", label: "Family name", defaultValue: p?.familyName, hint: "Lists are in order of family name. Empty for a person with one name." },
  ];
}

export function studentFields(s?: { givenName: string; familyName: string; email: string; studentNumber: string | null }): FieldSpec[] {
  return [
    ...nameFields(s),
    { name: "email", label: "Email", type: "email", defaultValue: s?.email, required: true },
    {
      name: "studentNumber",
      label: "Student number",
      defaultValue: s?.studentNumber ?? "",
      hint: "Optional. Letters, digits and dashes.",
    },
  ];
}

export function teacherFields(t?: { givenName: string; familyName: string; email: string }): FieldSpec[] {
  return [
    ...nameFields(t),
    { name: "email", label: "Email", type: "email", defaultValue: t?.email, required: true },
  ];
}

/** Where a term stands today, in words. */
export const STANDING_TEXT = { past: "Ended", current: "Current", next: "Next", later: "Later" } as const;

/** A term's form: its name and its first and last days. */
export function termFields(t?: { name: string; startsOn: Date; endsOn: Date; loadLimit?: number | null; loadLimitFrom?: Date | null; loadLimitLater?: number | null }): FieldSpec[] {
  return [
    { name: "name", label: "Name", defaultValue: t?.name, required: true, hint: "Like Autumn 2026. Unique." },
    { name: "startsOn", label: "First day", type: "date", defaultValue: t ? localDay(t.startsOn) : "", required: true },
    {
      name: "endsOn",
      label: "Last day",
      type: "date",
      defaultValue: t ? localDay(t.endsOn) : "",
      required: true,
      hint: "Enrollments in the term's classes end after this day.",
    },
    {
      name: "loadLimit",
      label: "Most classes a student may take",
      inputMode: "numeric",
      defaultValue: t?.loadLimit?.toString() ?? "",
      hint: "Of this term's classes. Empty: no limit. An admin may enroll a student past it, with a reason.",
    },
    {
      name: "loadLimitFrom",
      label: "A different limit from",
      type: "datetime-local",
      defaultValue: toLocalInput(t?.loadLimitFrom),
      hint: "Optional: a cap for priority registration, then another, like 4 classes, then 5 from the day everyone may register.",
    },
    { name: "loadLimitLater", label: "Most classes from then", inputMode: "numeric", defaultValue: t?.loadLimitLater?.toString() ?? "" },
  ];
}

/** A Date as a datetime-local input's value, in the server's time zone (TZ). */
function toLocalInput(date: Date | null | undefined): string {
  if (!date) return "";
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

type CourseValues = {
  code: string;
  title: string;
  description: string;
  capacity: number | null;
  teacherId: string | null;
  termId: string | null;
  meetings: Meeting[];
  selfEnrollment: boolean;
  opensAt: Date | null;
  closesAt: Date | null;
  dropDeadline: Date | null;
  joinCode: string | null;
};

/** A term's name with its days, for selects: "Autumn 2026 (1 Sep – 18 Dec 2026)". */
export function termLabel(t: { name: string; startsOn: Date; endsOn: Date }, formatDay: (d: Date) => string): string {
  return `${t.name} (${formatDay(t.startsOn)} – ${formatDay(t.endsOn)})`;
}

export function courseFields(
  teachers: { id: string; name: string }[],
  terms: { id: string; label: string }[],
  c?: Partial<CourseValues>,
  /** the school's time zone, named beside the times */
  timeZone = "the school's time zone",
): FieldSpec[] {
  const zone = ` Times are in ${timeZone}.`;
  return [
    { name: "code", label: "Code", defaultValue: c?.code, required: true, hint: "Like MATH-101. Unique." },
    { name: "title", label: "Title", defaultValue: c?.title, required: true },
    { name: "description", label: "Description", type: "textarea", defaultValue: c?.description ?? "" },
    {
      name: "capacity",
      label: "Capacity",
      inputMode: "numeric",
      defaultValue: c?.capacity === null || c?.capacity === undefined ? "" : String(c.capacity),
      hint: "How many students may enroll. Leave empty for no limit.",
    },
    {
      name: "teacherId",
      label: "Teacher",
      type: "select",
      defaultValue: c?.teacherId ?? "",
      options: [{ value: "", label: "No teacher yet" }, ...teachers.map((t) => ({ value: t.id, label: t.name }))],
    },
    {
      name: "termId",
      label: "Term",
      type: "select",
      defaultValue: c?.termId ?? "",
      options: [{ value: "", label: "No term (runs until deleted)" }, ...terms.map((t) => ({ value: t.id, label: t.label }))],
      hint: "Students see the classes of the current and the next term. The Terms page adds terms.",
    },
    {
      name: "meetings",
      label: "Meets",
      type: "textarea",
      defaultValue: c?.meetings ? meetingsText(c.meetings, "\n") : "",
      hint: `A line for each time: the days, the start and end (24-hour), then the room, like “Mon Wed 09:00-10:30 Room 12”. Every week of the term. Empty: no set times.${zone}`,
    },
    {
      name: "selfEnrollment",
      label: "Students may enroll themselves",
      type: "checkbox",
      defaultValue: c?.selfEnrollment ? "on" : "",
      hint: "Within the window below, with the join code if there is one.",
    },
    { name: "opensAt", label: "Enrollment opens at", type: "datetime-local", defaultValue: toLocalInput(c?.opensAt), hint: `Empty: open now.${zone}` },
    { name: "closesAt", label: "Enrollment closes at", type: "datetime-local", defaultValue: toLocalInput(c?.closesAt), hint: `Empty: no end.${zone}` },
    {
      name: "dropDeadline",
      label: "Drop deadline",
      type: "datetime-local",
      defaultValue: toLocalInput(c?.dropDeadline),
      hint: `After this, students can't drop the class themselves. Empty: no deadline.${zone}`,
    },
    {
      name: "joinCode",
      label: "Join code",
      defaultValue: c?.joinCode ?? "",
      hint: "Students must type it to enroll (any case). Empty: no code. The class page can make a new one.",
    },
  ];
}

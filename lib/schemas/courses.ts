import { z } from "zod";
import { parseMeetings } from "@/lib/meetings";
import { controlMessage, isText, manyLines, oneLine, RECORD_ID } from "@/lib/schemas/text";

/** "2026-09-01T09:00" from a datetime-local input, read in the server's time zone (TZ). */
export const localDateTime = (label: string) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const v = (raw ?? "").trim();
      if (v === "") return null;
      const date = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v) ? new Date(v) : new Date(Number.NaN);
      if (Number.isNaN(date.getTime())) {
        ctx.addIssue({ code: "custom", message: `${label} must be a date and time.` });
        return z.NEVER;
      }
      return date;
    });

export const JOIN_CODE_PATTERN = /^[A-Z0-9-]{4,32}$/;

/** Join codes are matched trimmed and case-insensitively: stored and compared upper-case. */
export function normalizeJoinCode(raw: string | null | undefined): string {
  return (raw ?? "").trim().toUpperCase();
}

export const courseCode = z
  .string()
  .trim()
  .toUpperCase()
  .min(1, "Enter a class code.")
  .max(20, "Keep the code under 20 characters.")
  .regex(/^[A-Z0-9][A-Z0-9-]*$/, "Use letters, digits and dashes, like MATH-101.");
export const courseTitle = oneLine("The title", { max: 120, empty: "Enter a title.", long: "Keep the title under 120 characters." });

export const CourseSchema = z
  .object({
    code: courseCode,
    title: courseTitle,
    description: manyLines("The description", 2000, "Keep the description under 2,000 characters."),
    capacity: z
      .string()
      .trim()
      .transform((v, ctx) => {
        if (v === "") return null;
        if (!/^-?\d+$/.test(v)) {
          ctx.addIssue({ code: "custom", message: "Capacity must be a whole number, or empty for no limit." });
          return z.NEVER;
        }
        const n = Number(v);
        if (n < 1) {
          ctx.addIssue({ code: "custom", message: "Capacity must be at least 1, or empty for no limit." });
          return z.NEVER;
        }
        if (n > 10000) {
          ctx.addIssue({ code: "custom", message: "Capacity can be at most 10,000." });
          return z.NEVER;
        }
        return n;
      }),
    teacherId: z
      .string()
      .trim()
      .refine((v) => v === "" || RECORD_ID.test(v), "Choose a teacher from the list.")
      .transform((v) => (v === "" ? null : v)),
    termId: z
      .string()
      .trim()
      .refine((v) => v === "" || RECORD_ID.test(v), "Choose a term from the list.")
      .transform((v) => (v === "" ? null : v)),
    /** "Mon Wed 09:00-10:30 Room 12", a line each (lib/meetings.ts) */
    meetings: z
      .string()
      .max(2000, "Keep the meeting times under 2,000 characters.")
      .optional()
      .transform((raw, ctx) => {
        if (!isText(raw ?? "", true)) {
          ctx.addIssue({ code: "custom", message: controlMessage("The meeting times") });
          return z.NEVER;
        }
        const parsed = parseMeetings(raw ?? "");
        if (parsed.ok) return parsed.meetings;
        ctx.addIssue({ code: "custom", message: parsed.message });
        return z.NEVER;
      }),
    selfEnrollment: z
      .string()
      .optional()
      .transform((v) => v === "on"),
    opensAt: localDateTime("Opens at"),
    closesAt: localDateTime("Closes at"),
    dropDeadline: localDateTime("Drop deadline"),
    joinCode: z
      .string()
      .optional()
      .transform(normalizeJoinCode)
      .refine((v) => v === "" || JOIN_CODE_PATTERN.test(v), "Use 4 to 32 letters, digits or dashes, or leave empty for no code.")
      .transform((v) => (v === "" ? null : v)),
  })
  .superRefine((v, ctx) => {
    if (v.opensAt && v.closesAt && v.closesAt <= v.opensAt) {
      ctx.addIssue({ code: "custom", path: ["closesAt"], message: "Enrollment must close after it opens." });
    }
  });
export type CourseInput = z.infer<typeof CourseSchema>;

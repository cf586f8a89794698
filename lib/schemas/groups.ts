import { z } from "zod";
import { localDateTime } from "@/lib/schemas/courses";
import { manyLines, oneLine, RECORD_ID } from "@/lib/schemas/text";

/** A student group (decision 041): a year, a cohort, the athletes. */
export const GroupSchema = z.object({
  name: oneLine("The name", { max: 60, empty: "Enter a name, like Year 12 or Athletes.", long: "Keep the name under 60 characters." }),
});
export type GroupInput = z.infer<typeof GroupSchema>;

/** Students to add to a group: one student number or email per line (pasted from a spreadsheet). */
export const AddMembersSchema = z.object({
  students: manyLines("The list", 200_000)
    .transform((v) => [...new Set(v.split(/[\r\n,;\t]+/).map((line) => line.trim()).filter(Boolean))])
    .refine((lines) => lines.length > 0, "Paste one student number or email per line.")
    .refine((lines) => lines.length <= 5_000, "Add at most 5,000 students at once."),
});

const whole = (label: string, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const v = (raw ?? "").trim();
      if (v === "") return null;
      const n = /^\d{1,4}$/.test(v) ? Number(v) : Number.NaN;
      if (!(n >= min && n <= max)) {
        ctx.addIssue({ code: "custom", message: `${label} must be a whole number from ${min} to ${max}.` });
        return z.NEVER;
      }
      return n;
    });

/**
 * A term's registration window for a group (or every student): when it
 * opens, optionally split into random slots some hours apart (William &
 * Mary's two random halves of a year, say).
 */
export const WindowSchema = z
  .object({
    group: z
      .string()
      .optional()
      .transform((v) => (v ?? "").trim())
      .refine((v) => v === "" || RECORD_ID.test(v), "Choose a group, or every student."),
    opensAt: localDateTime("Opens at"),
    slots: whole("Random slots", 1, 10),
    every: whole("Hours between slots", 1, 168),
  })
  .superRefine((v, ctx) => {
    if (v.opensAt === null) ctx.addIssue({ code: "custom", path: ["opensAt"], message: "Say when registration opens to them." });
    if ((v.slots ?? 1) > 1 && v.every === null) ctx.addIssue({ code: "custom", path: ["every"], message: "Say how many hours apart the slots open." });
  })
  .transform((v) => ({ groupId: v.group === "" ? null : v.group, opensAt: v.opensAt!, slots: v.slots ?? 1, everyHours: (v.slots ?? 1) > 1 ? v.every! : 0 }));
export type WindowInput = z.output<typeof WindowSchema>;

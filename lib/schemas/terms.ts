import { z } from "zod";
import { parseDay } from "@/lib/format-date";
import { oneLine, RECORD_ID } from "@/lib/schemas/text";


const day = (label: string) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const v = (raw ?? "").trim();
      if (v === "") {
        ctx.addIssue({ code: "custom", message: `Enter the ${label}.` });
        return z.NEVER;
      }
      const date = parseDay(v);
      if (!date) {
        ctx.addIssue({ code: "custom", message: `The ${label} must be a date like 2026-09-01.` });
        return z.NEVER;
      }
      return date;
    });

export const termName = oneLine("The name", { max: 60, empty: "Enter a name, like Autumn 2026.", long: "Keep the name under 60 characters." });

export const TermSchema = z
  .object({ name: termName, startsOn: day("first day"), endsOn: day("last day") })
  .superRefine((v, ctx) => {
    if (v.endsOn < v.startsOn) ctx.addIssue({ code: "custom", path: ["endsOn"], message: "The last day can't be before the first day." });
  });
export type TermInput = z.infer<typeof TermSchema>;

const codePart = (label: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim().toUpperCase())
    .refine((v) => /^[A-Z0-9-]{0,20}$/.test(v), `${label}: use up to 20 letters, digits and dashes.`);

/** A rollover: the term to copy into, and how the copies' codes are made (`from` at the end of a code becomes `replaceWith`). */
export const RolloverSchema = z
  .object({
    to: z.string().trim().min(1, "Choose the term to copy the classes into.").regex(RECORD_ID, "Choose the term to copy the classes into."),
    from: codePart("The ending to replace"),
    replaceWith: codePart("The new ending"),
  })
  .refine((v) => v.from !== "" || v.replaceWith !== "", "Say how the new codes differ: class codes are unique, so the copies need new ones.");

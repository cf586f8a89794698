import { z } from "zod";
import { parseDay } from "@/lib/format-date";
import { oneLine, RECORD_ID } from "@/lib/schemas/text";
import { localDateTime } from "@/lib/schemas/courses";


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

/** The most classes a student may be in (decision 040): a whole number from 1 to 99, or empty for no limit. */
const loadLimit = (label: string) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const v = (raw ?? "").trim();
      if (v === "") return null;
      const n = /^\d{1,3}$/.test(v) ? Number(v) : Number.NaN;
      if (!(n >= 1 && n <= 99)) {
        ctx.addIssue({ code: "custom", message: `${label} must be a whole number from 1 to 99, or empty for no limit.` });
        return z.NEVER;
      }
      return n;
    });

export const TermSchema = z
  .object({
    name: termName,
    startsOn: day("first day"),
    endsOn: day("last day"),
    loadLimit: loadLimit("The most classes"),
    loadLimitFrom: localDateTime("From"),
    loadLimitLater: loadLimit("The most classes from then"),
  })
  .superRefine((v, ctx) => {
    if (v.endsOn < v.startsOn) ctx.addIssue({ code: "custom", path: ["endsOn"], message: "The last day can't be before the first day." });
    if ((v.loadLimitFrom === null) !== (v.loadLimitLater === null)) {
      const path = v.loadLimitFrom === null ? "loadLimitFrom" : "loadLimitLater";
      ctx.addIssue({ code: "custom", path: [path], message: "Give both the moment and the limit from then, or neither." });
    }
  });
type TermForm = z.infer<typeof TermSchema>;
type Loads = "loadLimit" | "loadLimitFrom" | "loadLimitLater";
/** A term as written: the form's fields; its load limits kept as they are when not given (an import's, a test's). */
export type TermInput = Omit<TermForm, Loads> & Partial<Pick<TermForm, Loads>>;

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

import { z } from "zod";

export const CourseSchema = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .min(1, "Enter a class code.")
    .max(20, "Keep the code under 20 characters.")
    .regex(/^[A-Z0-9][A-Z0-9-]*$/, "Use letters, digits and dashes, like MATH-101."),
  title: z.string().trim().min(1, "Enter a title.").max(120, "Keep the title under 120 characters."),
  description: z.string().trim().max(2000, "Keep the description under 2,000 characters."),
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
    .max(64)
    .transform((v) => (v === "" ? null : v)),
});
export type CourseInput = z.infer<typeof CourseSchema>;

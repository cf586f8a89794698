import { z } from "zod";

const name = z.string().trim().min(1, "Enter a name.").max(120, "Keep the name under 120 characters.");
const email = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "Enter an email address.")
  .max(200, "Keep the email under 200 characters.")
  .email("Enter a valid email address.");

export const StudentSchema = z.object({
  name,
  email,
  studentNumber: z
    .string()
    .trim()
    .max(40, "Keep the student number under 40 characters.")
    .regex(/^[A-Za-z0-9-]*$/, "Use letters, digits and dashes only.")
    .transform((v) => (v === "" ? null : v)),
});
export type StudentInput = z.infer<typeof StudentSchema>;

export const TeacherSchema = z.object({ name, email });
export type TeacherInput = z.infer<typeof TeacherSchema>;
